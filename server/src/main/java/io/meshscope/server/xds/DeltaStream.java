package io.meshscope.server.xds;

import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.envoyproxy.envoy.service.discovery.v3.Resource;
import io.grpc.stub.StreamObserver;
import io.meshscope.server.snapshot.MeshSnapshot;
import io.meshscope.xds.NamedResource;
import io.meshscope.xds.XdsType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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

    /** Per type, subscribed names already answered as absent, so absence is said once, not on every push. */
    private final Map<XdsType, Set<String>> announcedAbsent = new java.util.EnumMap<>(XdsType.class);

    DeltaStream(XdsContext ctx, StreamObserver<DeltaDiscoveryResponse> responses) {
        super(ctx, responses);
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
                st.ackedVersion = st.sentVersion;
                st.nackedVersion = null;
                st.nackError = null;
            }
        }
        if (first) {
            st.clientVersions.putAll(req.getInitialResourceVersionsMap());
            st.wildcard = wildcardCapable(type) && req.getResourceNamesSubscribeCount() == 0;
        }
        boolean changed = first;
        for (String n : req.getResourceNamesSubscribeList()) {
            if (n.equals("*")) {
                changed |= !st.wildcard;
                st.wildcard = true;
            } else {
                changed |= st.names.add(n);
            }
        }
        for (String n : req.getResourceNamesUnsubscribeList()) {
            if (n.equals("*")) {
                // The client forgets what only the wildcard brought; it must not later be told those are removed.
                st.wildcard = false;
                st.clientVersions.keySet().retainAll(st.names);
            } else {
                st.names.remove(n);
                st.clientVersions.remove(n);
                absent(type).remove(n);
            }
        }
        if (changed) {
            push(type, st, ctx.store().current(), first);
        }
    }

    private Set<String> absent(XdsType type) {
        return announcedAbsent.computeIfAbsent(type, t -> new HashSet<>());
    }

    @Override
    protected void push(XdsType type, TypeState st, MeshSnapshot snap, boolean force) {
        if (deferIfBusy(type, force)) {
            return;
        }
        Instant start = Instant.now();
        Map<String, NamedResource> desired = subscribed(snap, type, st);
        List<Resource> changed = new ArrayList<>();
        for (NamedResource r : desired.values()) {
            if (!r.version().equals(st.clientVersions.get(r.name()))) {
                changed.add(Resource.newBuilder().setName(r.name()).setVersion(r.version())
                        .setResource(r.packed()).build());
            }
        }
        List<String> removed = new ArrayList<>();
        for (String have : st.clientVersions.keySet()) {
            if (!desired.containsKey(have)) {
                removed.add(have);
            }
        }
        Set<String> absent = absent(type);
        for (String n : st.names) {
            if (!desired.containsKey(n) && !st.clientVersions.containsKey(n) && absent.add(n)) {
                removed.add(n); // a named subscription to something that does not exist: say so
            }
        }
        if (changed.isEmpty() && removed.isEmpty() && !force) {
            return;
        }
        removed.sort(null);
        String nonce = ctx.nonces().next();
        Map<String, String> versions = new java.util.TreeMap<>();
        desired.forEach((n, r) -> versions.put(n, r.version()));
        String version = Versions.combined(versions);
        DeltaDiscoveryResponse resp = DeltaDiscoveryResponse.newBuilder().setTypeUrl(type.typeUrl())
                .setSystemVersionInfo(version).setNonce(nonce).addAllResources(changed)
                .addAllRemovedResources(removed).build();
        responses.onNext(resp);
        for (Resource r : changed) {
            st.clientVersions.put(r.getName(), r.getVersion());
            absent.remove(r.getName());
        }
        for (String n : removed) {
            st.clientVersions.remove(n);
            if (st.names.contains(n)) {
                absent.add(n); // still subscribed by name: its absence has now been said, once
            }
        }
        st.sentVersion = version;
        st.lastNonce = nonce;
        st.responses++;
        ctx.metrics().pushed(shortName(type), resp.getSerializedSize(), Duration.between(start, Instant.now()));
    }
}
