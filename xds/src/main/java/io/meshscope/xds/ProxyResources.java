package io.meshscope.xds;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one proxy is sent, per xDS type, sorted by name: the shared {@link ScopeResources} merged with the
 * workload's {@link InboundResources}. Also the totals a push would carry (resource count and wire bytes, the
 * sum of {@code Any.pack(resource).getSerializedSize()}).
 */
public final class ProxyResources {
    private final ScopeResources outbound;
    private final InboundResources inbound;
    private final boolean proxyless;
    private final Map<XdsType, List<NamedResource>> byType = new EnumMap<>(XdsType.class);

    ProxyResources(ScopeResources outbound, InboundResources inbound, boolean proxyless) {
        this(outbound, inbound, proxyless, null);
    }

    /** With {@code reuse}: a type whose outbound list did not change keeps reuse's list instance. */
    private ProxyResources(ScopeResources outbound, InboundResources inbound, boolean proxyless, ProxyResources reuse) {
        this.outbound = outbound;
        this.inbound = inbound;
        this.proxyless = proxyless;
        for (XdsType type : XdsType.values()) {
            List<NamedResource> own = outbound.resources(type);
            if (reuse != null && reuse.outbound.resources(type) == own) {
                byType.put(type, reuse.byType.get(type));
            } else {
                byType.put(type, merge(own, inbound.resources(type)));
            }
        }
    }

    /**
     * The same proxy with new outbound resources (an endpoint update): lists of unchanged types stay the same
     * instances, which is how a stream tells in O(1) that a type has nothing new for it.
     */
    ProxyResources withOutbound(ScopeResources next) {
        return next == outbound ? this : new ProxyResources(next, inbound, proxyless, this);
    }

    /**
     * Sorted merge. An inbound listener named like an outbound one (only possible for explicitly bound
     * ingress and egress listeners on the same address) is dropped: the outbound one was built first.
     */
    private static List<NamedResource> merge(List<NamedResource> a, List<NamedResource> b) {
        if (b.isEmpty()) {
            return a;
        }
        List<NamedResource> out = new ArrayList<>(a.size() + b.size());
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (j >= b.size() || (i < a.size() && a.get(i).name().compareTo(b.get(j).name()) <= 0)) {
                if (j < b.size() && a.get(i).name().equals(b.get(j).name())) {
                    j++;
                }
                out.add(a.get(i++));
            } else {
                out.add(b.get(j++));
            }
        }
        return List.copyOf(out);
    }

    public List<NamedResource> clusters() {
        return byType.get(XdsType.CLUSTER);
    }

    /** The ClusterLoadAssignments of the EDS clusters. */
    public List<NamedResource> endpoints() {
        return byType.get(XdsType.ENDPOINT);
    }

    public List<NamedResource> listeners() {
        return byType.get(XdsType.LISTENER);
    }

    public List<NamedResource> routes() {
        return byType.get(XdsType.ROUTE);
    }

    public List<NamedResource> resources(XdsType type) {
        return byType.get(type);
    }

    /** The resource of a type by name, or null. */
    public NamedResource find(XdsType type, String name) {
        for (NamedResource r : byType.get(type)) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        return null;
    }

    public int count(XdsType type) {
        return byType.get(type).size();
    }

    /** Bytes of the resources of a type as a DiscoveryResponse carries them (each packed in an Any). */
    public long wireBytes(XdsType type) {
        long sum = 0;
        for (NamedResource r : byType.get(type)) {
            sum += r.wireBytes();
        }
        return sum;
    }

    public int totalCount() {
        int n = 0;
        for (XdsType t : XdsType.values()) {
            n += count(t);
        }
        return n;
    }

    public long totalWireBytes() {
        long n = 0;
        for (XdsType t : XdsType.values()) {
            n += wireBytes(t);
        }
        return n;
    }

    /** The shared outbound part (the same instance for every proxy of the scope). */
    public ScopeResources outbound() {
        return outbound;
    }

    /** The workload's inbound part. */
    public InboundResources inbound() {
        return inbound;
    }

    public boolean proxyless() {
        return proxyless;
    }
}
