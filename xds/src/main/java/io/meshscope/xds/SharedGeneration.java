package io.meshscope.xds;

import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.meshscope.core.authn.EffectiveMtls;
import io.meshscope.core.model.MeshConfig;
import io.meshscope.core.model.PeerAuthentication.MtlsMode;
import io.meshscope.core.registry.DestinationRuleIndex;
import io.meshscope.core.registry.MeshService;
import io.meshscope.core.scope.EndpointUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What a snapshot generates once and shares across its scopes, because it depends on no scope: each service's
 * outbound clusters per (service, DestinationRule, proxy kind), each outbound listener per shape, each inbound
 * side per shape, each EDS assignment, each outbound route configuration per what it is built from
 * ({@link RouteSharingKey}: the port's services and rules, the namespace, the catch-all), and the interned
 * resources. Sidecars change none of these inputs, so a snapshot and its snapshot without Sidecars share one
 * instance.
 *
 * <p>Why: with a Sidecar per workload (a common way to scope a large mesh) every workload has a scope of its
 * own, yet the scopes import the same few services over and over — istiod's and each namespace's neighbours —
 * and most of their listeners (istiod's ports, virtualOutbound, a port's HTTP listener) are alike. Building and
 * serializing each once took about 40 % of the CPU off a 5,000-workload {@code report} (docs/PERFORMANCE.md, "The
 * web view"). Every memo is keyed by everything its builder reads, so a shared result is the one the builder
 * would give again ({@code SharedGenerationTest} compares every proxy with a snapshot generating it alone).
 */
final class SharedGeneration {
    /** Outbound clusters, wrapped, and the EDS clusters among them (of one service, or of a whole scope). */
    record Outbound(List<NamedResource> clusters, List<ClusterBuilder.EdsTarget> eds) {
    }

    /** What a service's outbound clusters depend on (see {@link ClusterBuilder#outbound}). */
    private record ServiceKey(Identity service, Identity rule, boolean sidecar) {
    }

    /** What an outbound listener is built from (shape null: virtualOutbound) besides the mesh config. */
    private record ListenerKey(OutboundListenerBuilder.Shape shape, String catchAllCluster) {
    }

    /**
     * Everything {@link InboundBuilder#build} reads: workloads serving the same ports under the same mTLS modes
     * get the same inbound resources (a thousand replicas, or the thousands of workloads that all serve 8080).
     */
    private record InboundShape(List<InboundPorts.Port> ports, String wildcard, MtlsMode mode,
                                Map<Integer, MtlsMode> perPort) {
    }

    /** One EDS assignment and what it was built for. */
    record Assignment(ClusterBuilder.EdsTarget target, NamedResource resource) {
    }

    /** A key by instance: scopes, services and rules are memoised by their index, so one object is one value. */
    record Identity(Object ref) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Identity i && i.ref == ref;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(ref);
        }
    }

    private final EndpointIndex endpointIndex;
    private final EndpointBuilder endpoints;
    private final ClusterBuilder clusters;
    /** Stateless but for the trust domain's TLS sockets, which it builds once. */
    private final InboundBuilder inboundBuilder;
    private final Map<ServiceKey, Outbound> serviceClusters = new ConcurrentHashMap<>();
    private final Map<ListenerKey, NamedResource> outboundListeners = new ConcurrentHashMap<>();
    private final Map<InboundShape, InboundResources> inbound = new ConcurrentHashMap<>();
    private final Map<String, Assignment> assignments = new ConcurrentHashMap<>();
    private final Map<RouteSharingKey, NamedResource> routes = new ConcurrentHashMap<>();
    /** Every cluster, listener and route generated, by name and content: scopes share equal resources. */
    private final Map<NamedResource, NamedResource> interned = new ConcurrentHashMap<>();

    SharedGeneration(MeshConfig mesh, EndpointIndex endpointIndex, EndpointBuilder endpoints, PeerMtls peer) {
        this.endpointIndex = endpointIndex;
        this.endpoints = endpoints;
        this.clusters = new ClusterBuilder(mesh, endpoints, new AutoMtls(mesh.enableAutoMtls(), endpoints, peer));
        this.inboundBuilder = new InboundBuilder(mesh);
    }

    EndpointIndex endpointIndex() {
        return endpointIndex;
    }

    EndpointBuilder endpoints() {
        return endpoints;
    }

    /**
     * Carries into {@code next} (the generation of an endpoint update) what the update leaves valid: the
     * assignments of services it did not change, and the inbound shapes (keyed by everything they are built from).
     * Clusters and listeners are not carried: auto mTLS and DNS clusters read the endpoints.
     */
    void carryOver(SharedGeneration next, EndpointUpdate update) {
        assignments.forEach((key, a) -> {
            if (!update.changed(a.target().service())) {
                next.assignments.put(key, a);
            }
        });
        next.inbound.putAll(inbound);
    }

    /**
     * The outbound clusters of {@code services} for a sidecar or a gateway, each service's from the per-service
     * memo: built and serialized once per (service, DestinationRule, proxy kind), whatever the scope.
     */
    Outbound outbound(List<MeshService> services, Map<String, DestinationRuleIndex.Entry> drs, boolean sidecar) {
        List<NamedResource> cds = new ArrayList<>();
        List<ClusterBuilder.EdsTarget> eds = new ArrayList<>();
        for (MeshService svc : services) {
            DestinationRuleIndex.Entry dr = drs.get(svc.hostname());
            Outbound one = serviceClusters.computeIfAbsent(
                    new ServiceKey(new Identity(svc), new Identity(dr == null ? null : dr.rule()), sidecar), k -> {
                        ClusterBuilder.Built b = clusters.outbound(svc, dr, sidecar);
                        return new Outbound(List.copyOf(namedAll(b.clusters(), Cluster::getName)),
                                List.copyOf(b.eds()));
                    });
            cds.addAll(one.clusters());
            eds.addAll(one.eds());
        }
        return new Outbound(cds, eds);
    }

    /** The listeners {@code built} names, virtualOutbound last, each built and serialized once per shape. */
    List<NamedResource> outboundListeners(OutboundListenerBuilder builder, OutboundListenerBuilder.Built built,
                                          String catchAllCluster) {
        List<NamedResource> out = new ArrayList<>(built.listeners().size() + 1);
        for (OutboundListenerBuilder.Shape shape : built.listeners()) {
            out.add(outboundListeners.computeIfAbsent(new ListenerKey(shape, catchAllCluster),
                    k -> named(builder.listener(shape))));
        }
        out.add(outboundListeners.computeIfAbsent(new ListenerKey(null, catchAllCluster),
                k -> named(builder.virtualOutbound())));
        return out;
    }

    /** The inbound side of a workload serving {@code ports} under {@code mtls}, bound to {@code wildcard}. */
    InboundResources inbound(List<InboundPorts.Port> ports, String wildcard, EffectiveMtls mtls) {
        InboundShape shape = new InboundShape(List.copyOf(ports), wildcard, mtls.mode(), mtls.perPort());
        return inbound.computeIfAbsent(shape, k -> {
            InboundBuilder.Built built = inboundBuilder.build(k.ports(), k.wildcard(),
                    new EffectiveMtls(k.mode(), k.perPort(), null, null, null));
            return new InboundResources(namedAll(built.clusters(), Cluster::getName),
                    namedAll(built.listeners(), Listener::getName));
        });
    }

    /**
     * An outbound route configuration, built and serialized once per {@code key} (everything its builder reads), or
     * for this scope alone when {@code key} is null (see {@link RouteBuilder#sharingKey}).
     */
    NamedResource route(RouteSharingKey key, String name, Supplier<RouteConfiguration> build) {
        if (key == null) {
            return named(name, build.get());
        }
        return routes.computeIfAbsent(key, k -> named(name, build.get()));
    }

    List<NamedResource> assignments(List<ClusterBuilder.EdsTarget> targets) {
        List<NamedResource> out = new ArrayList<>(targets.size());
        for (ClusterBuilder.EdsTarget t : targets) {
            out.add(assignment(t));
        }
        return out;
    }

    NamedResource assignment(ClusterBuilder.EdsTarget t) {
        return assignments.computeIfAbsent(t.cacheKey(), k -> new Assignment(t, NamedResource.of(t.cluster(),
                endpoints.assignment(t.cluster(), t.service(), t.port(), t.subsetLabels(),
                        t.drTlsMode())))).resource();
    }

    /** Each message wrapped under its own name (see {@link #named(String, com.google.protobuf.Message)}). */
    <M extends com.google.protobuf.Message> List<NamedResource> namedAll(List<M> messages, Function<M, String> name) {
        List<NamedResource> out = new ArrayList<>(messages.size());
        messages.forEach(m -> out.add(named(name.apply(m), m)));
        return out;
    }

    private NamedResource named(Listener listener) {
        return named(listener.getName(), listener);
    }

    /**
     * A generated resource, shared with any scope that generated the same one: without Sidecars every namespace
     * has a scope of its own, and the thousand clusters those scopes have in common are kept once, not forty times.
     */
    NamedResource named(String name, com.google.protobuf.Message resource) {
        NamedResource r = NamedResource.of(name, resource);
        NamedResource first = interned.putIfAbsent(r, r); // equal name and bytes: NamedResource#equals
        return first != null ? first : r;
    }
}
