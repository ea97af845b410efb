package io.meshscope.server.xds;

import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.envoyproxy.envoy.service.discovery.v3.Resource;
import io.grpc.stub.StreamObserver;
import io.meshscope.server.security.PeerIdentity;
import io.meshscope.server.snapshot.MeshSnapshot;
import io.meshscope.xds.NamedResource;
import io.meshscope.xds.ResourceDiff;
import io.meshscope.xds.XdsType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Incremental (delta) ADS: responses carry only resources whose version the client lacks, and
 * {@code removed_resources} for those that are gone — including a subscribed name that does not exist, which is
 * answered as absent rather than by silence. Subscription changes are applied even on stale-nonce requests,
 * because in delta they are increments that must not be lost.
 */
final class DeltaStream extends GrpcXdsStream<DeltaDiscoveryRequest, DeltaDiscoveryResponse> {
    private static final Logger log = LoggerFactory.getLogger(DeltaStream.class);

    DeltaStream(XdsContext ctx, PeerIdentity peer, StreamObserver<DeltaDiscoveryResponse> responses) {
        super(ctx, peer, responses);
    }

    @Override
    protected int resourceNames(DeltaDiscoveryRequest req) {
        return req.getResourceNamesSubscribeCount() + req.getResourceNamesUnsubscribeCount();
    }

    @Override
    protected void handle(DeltaDiscoveryRequest req) {
        if (isClosed()) {
            return;
        }
        if (!identify(req.getNode())) {
            return;
        }
        XdsType type = typeOf(req.getTypeUrl());
        if (type == null) {
            return;
        }
        boolean first = !states.containsKey(type);
        TypeState st = states.computeIfAbsent(type, t -> new TypeState());
        String nonce = req.getResponseNonce();
        if (!nonce.isEmpty() && nonce.equals(st.lastNonce)) {
            if (req.hasErrorDetail()) {
                nack(type, st, req.getErrorDetail().getMessage());
            } else {
                st.acked(st.sentVersion);
            }
        }
        if (first) {
            st.clientVersions.putAll(req.getInitialResourceVersionsMap());
            st.wildcard = wildcardCapable(type) && req.getResourceNamesSubscribeCount() == 0;
        }
        boolean changed = first;
        List<NamedResource> known = resourcesOf(ctx.store().current()).resources(type);
        for (String n : req.getResourceNamesSubscribeList()) {
            if (n.equals("*")) {
                changed |= !st.wildcard;
                st.wildcard = true;
            } else {
                changed |= st.names.add(n, known);
            }
        }
        for (String n : req.getResourceNamesUnsubscribeList()) {
            if (n.equals("*")) {
                // The client forgets what only the wildcard brought; it must not later be told those are removed.
                st.wildcard = false;
                st.clientVersions.keySet().removeIf(k -> !st.names.contains(k));
            } else {
                st.names.remove(n);
                st.clientVersions.remove(n);
                st.announcedAbsent.remove(n);
            }
        }
        if (changed) {
            st.sentFrom = null; // the subscription moved: compare everything, not just what the config changed
            push(type, st, ctx.store().current(), first);
        }
    }

    @Override
    protected void push(XdsType type, TypeState st, MeshSnapshot snap, boolean force) {
        if (deferIfBusy(type, force)) {
            return;
        }
        List<NamedResource> all = resourcesOf(snap).resources(type);
        if (!force && all == st.sentFrom) {
            return; // the common case on a swap: nothing of this type changed for this proxy
        }
        Instant start = Instant.now();
        List<Resource> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        Set<String> absent = st.announcedAbsent;
        if (!force && st.sentFrom != null) {
            // Only what differs between the list last pushed from and this one can need sending.
            ResourceDiff.walk(st.sentFrom, all, (name, before, after) -> {
                if (st.wants(name)) {
                    collect(st, name, after, changed, removed);
                }
            });
        } else {
            Set<String> present = new HashSet<>();
            for (NamedResource r : all) {
                present.add(r.name());
                if (st.wants(r.name())) {
                    collect(st, r.name(), r, changed, removed);
                }
            }
            for (String have : List.copyOf(st.clientVersions.keySet())) {
                if (!present.contains(have) || !st.wants(have)) {
                    collect(st, have, null, changed, removed);
                }
            }
            for (String n : st.names.toList()) {
                if (!present.contains(n) && !st.clientVersions.containsKey(n) && absent.add(n)) {
                    removed.add(n); // a named subscription to something that does not exist: say so
                }
            }
        }
        st.sentFrom = all;
        if (changed.isEmpty() && removed.isEmpty() && !force) {
            return;
        }
        removed.sort(null);
        long sum = st.versionSum;
        for (Resource r : changed) {
            String had = st.clientVersions.put(r.getName(), r.getVersion());
            sum += Versions.of(r.getName(), r.getVersion()) - (had == null ? 0 : Versions.of(r.getName(), had));
            absent.remove(r.getName());
        }
        for (String n : removed) {
            String had = st.clientVersions.remove(n);
            sum -= had == null ? 0 : Versions.of(n, had);
            if (st.names.contains(n)) {
                absent.add(n); // still subscribed by name: its absence has now been said, once
            }
        }
        String version = Versions.render(sum);
        String nonce = ctx.nonces().next();
        DeltaDiscoveryResponse resp = DeltaDiscoveryResponse.newBuilder().setTypeUrl(type.typeUrl())
                .setSystemVersionInfo(version).setNonce(nonce).addAllResources(changed)
                .addAllRemovedResources(removed).build();
        responses.onNext(resp);
        st.versionSum = sum;
        st.sentVersion = version;
        st.lastNonce = nonce;
        st.responses++;
        st.lastSent = Instant.now();
        ctx.metrics().pushed(shortName(type), resp.getSerializedSize(), Duration.between(start, Instant.now()));
    }

    /**
     * Adds what the client needs for one name: the resource when it lacks this version, or a removal when the
     * resource is gone ({@code current} null) and the client has it.
     */
    private static void collect(TypeState st, String name, NamedResource current, List<Resource> changed,
                                List<String> removed) {
        if (current == null) {
            if (st.clientVersions.containsKey(name)) {
                removed.add(name);
            }
        } else if (!current.version().equals(st.clientVersions.get(name))) {
            changed.add(Resource.newBuilder().setName(name).setVersion(current.version())
                    .setResource(current.packed()).build());
        }
    }
}
