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
import java.util.HashSet;
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
final class SotwStream extends XdsStream implements StreamObserver<DiscoveryRequest> {
    private static final Logger log = LoggerFactory.getLogger(SotwStream.class);

    private final StreamObserver<DiscoveryResponse> responses;

    SotwStream(XdsContext ctx, StreamObserver<DiscoveryResponse> responses) {
        super(ctx);
        this.responses = responses;
    }

    @Override
    public void onNext(DiscoveryRequest req) {
        executor.execute(() -> handle(req));
    }

    @Override
    public void onError(Throwable t) {
        executor.execute(this::close);
    }

    @Override
    public void onCompleted() {
        executor.execute(() -> {
            close();
            responses.onCompleted();
        });
    }

    private void handle(DiscoveryRequest req) {
        if (isClosed()) {
            return;
        }
        identify(req.getNode());
        XdsType type = typeOf(req.getTypeUrl());
        if (type == null) {
            log.debug("{}: ignoring request for unserved type {}", node().id(), req.getTypeUrl());
            return;
        }
        TypeState st = states.computeIfAbsent(type, t -> new TypeState());
        String nonce = req.getResponseNonce();
        if (st.lastNonce != null && !nonce.isEmpty() && !nonce.equals(st.lastNonce)) {
            return; // stale: answers a response that a newer one has superseded
        }
        if (st.lastNonce != null && !nonce.isEmpty()) {
            if (req.hasErrorDetail()) {
                st.nackedVersion = st.sentVersion;
                st.nackError = req.getErrorDetail().getMessage();
                ctx.metrics().rejected(shortName(type));
                log.warn("{} rejected {} version {}: {}", node().id(), shortName(type), st.sentVersion, st.nackError);
            } else {
                st.ackedVersion = req.getVersionInfo();
                st.nackedVersion = null;
                st.nackError = null;
            }
        }
        List<String> names = req.getResourceNamesList();
        boolean wildcard = wildcardCapable(type) && (names.isEmpty() || names.contains("*"))
                && (st.lastNonce == null || st.wildcard || names.contains("*"));
        Set<String> newNames = new HashSet<>(names);
        newNames.remove("*");
        boolean changed = st.lastNonce == null || wildcard != st.wildcard || !newNames.equals(new HashSet<>(st.names));
        if (changed) {
            st.wildcard = wildcard;
            st.names.clear();
            st.names.addAll(names);
            st.names.remove("*");
            push(type, st, ctx.store().current(), true);
        }
    }

    @Override
    protected void push(XdsType type, TypeState st, MeshSnapshot snap, boolean force) {
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
            Any any = ctx.anyCache().pack(snap.version(), r);
            b.addResources(any);
        }
        DiscoveryResponse resp = b.build();
        responses.onNext(resp);
        st.clientVersions.clear();
        st.clientVersions.putAll(versions);
        st.sentVersion = version;
        st.lastNonce = nonce;
        st.responses++;
        ctx.metrics().pushed(shortName(type), resp.getSerializedSize(), Duration.between(start, Instant.now()));
    }
}
