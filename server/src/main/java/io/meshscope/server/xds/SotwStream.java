package io.meshscope.server.xds;

import com.google.protobuf.Any;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.grpc.stub.StreamObserver;
import io.meshscope.server.snapshot.MeshSnapshot;
import io.meshscope.xds.NamedResource;
import io.meshscope.xds.XdsType;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State-of-the-world ADS: every response carries the complete subscribed set of its type, so a resource that
 * is gone is removed by a response without it; nonces tie ACKs and NACKs to responses; requests carrying a
 * stale nonce are ignored; a NACK is recorded and never answered by re-sending the same config.
 */
final class SotwStream extends GrpcXdsStream<DiscoveryRequest, DiscoveryResponse> {
    private static final Logger log = LoggerFactory.getLogger(SotwStream.class);


    SotwStream(XdsContext ctx, StreamObserver<DiscoveryResponse> responses) {
        super(ctx, responses);
    }

    @Override
    protected void handle(DiscoveryRequest req) {
        if (isClosed()) {
            return;
        }
        if (!identify(req.getNode())) {
            return;
        }
        XdsType type = typeOf(req.getTypeUrl());
        if (log.isTraceEnabled()) {
            log.trace("{}: {} request names={} version={} nonce={}{}", node().id(), type, req.getResourceNamesList(),
                    req.getVersionInfo(), req.getResponseNonce(), req.hasErrorDetail() ? " NACK" : "");
        }
        if (type == null) {
            log.debug("{}: ignoring request for unserved type {}", node().id(), req.getTypeUrl());
            return;
        }
        TypeState st = states.computeIfAbsent(type, t -> new TypeState());
        String nonce = req.getResponseNonce();
        boolean first = st.lastNonce == null;
        if (!first && nonce.equals(st.lastNonce)) {
            if (req.hasErrorDetail()) {
                nack(type, st, req.getErrorDetail().getMessage());
            } else {
                st.ackedVersion = req.getVersionInfo();
                st.nackedVersion = null;
                st.nackError = null;
            }
        }
        // A request answering an older nonce is no ACK or NACK of the newest response, but its resource names are
        // still the client's current wish: grpc-xds unsubscribes (say EDS after CDS dropped a cluster) while a
        // newer response is in flight. Ignoring it would leave a ghost subscription, and the later re-subscription
        // would look unchanged and go unanswered.
        List<String> names = req.getResourceNamesList();
        boolean wildcard = wildcardCapable(type) && (names.isEmpty() || names.contains("*"))
                && (first || st.wildcard || names.contains("*"));
        Set<String> newNames = new LinkedHashSet<>(names);
        newNames.remove("*");
        boolean changed = first || wildcard != st.wildcard || !newNames.equals(st.names);
        if (changed) {
            st.wildcard = wildcard;
            st.names.clear();
            st.names.addAll(newNames);
            push(type, st, ctx.store().current(), true);
        }
    }

    @Override
    protected void push(XdsType type, TypeState st, MeshSnapshot snap, boolean force) {
        if (deferIfBusy(type, force)) {
            return;
        }
        Instant start = Instant.now();
        Map<String, NamedResource> resources = subscribed(snap, type, st);
        Map<String, String> versions = new LinkedHashMap<>();
        resources.forEach((n, r) -> versions.put(n, r.version()));
        if (!force && versions.equals(st.clientVersions)) {
            return;
        }
        String version = Versions.combined(versions);
        String nonce = ctx.nonces().next();
        DiscoveryResponse.Builder b = DiscoveryResponse.newBuilder().setTypeUrl(type.typeUrl()).setVersionInfo(version)
                .setNonce(nonce);
        for (NamedResource r : resources.values()) {
            Any any = r.packed();
            b.addResources(any);
        }
        DiscoveryResponse resp = b.build();
        log.debug("{}: {} response version={} nonce={} resources={}", node().id(), shortName(type), version, nonce,
                resources.size());
        responses.onNext(resp);
        st.clientVersions.clear();
        st.clientVersions.putAll(versions);
        st.sentVersion = version;
        st.lastNonce = nonce;
        st.responses++;
        ctx.metrics().pushed(shortName(type), resp.getSerializedSize(), Duration.between(start, Instant.now()));
    }
}
