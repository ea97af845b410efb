package io.meshscope.server.xds;

import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.grpc.stub.StreamObserver;
import io.meshscope.server.security.PeerIdentity;
import io.meshscope.server.snapshot.MeshSnapshot;
import io.meshscope.xds.NamedResource;
import io.meshscope.xds.ResourceDiff;
import io.meshscope.xds.XdsType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State-of-the-world ADS: every CDS and LDS response carries the complete subscribed set of its type, so a
 * resource that is gone is removed by a response without it; EDS and RDS responses, for which absence does not
 * mean deletion, carry only what changed unless something subscribed was removed (then the whole set, so the
 * client sees it gone). Nonces tie ACKs and NACKs to responses; a NACK is recorded and never answered by
 * re-sending the same config, and the push after a NACK carries the whole set again.
 */
final class SotwStream extends GrpcXdsStream<DiscoveryRequest, DiscoveryResponse> {
    private static final Logger log = LoggerFactory.getLogger(SotwStream.class);


    SotwStream(XdsContext ctx, PeerIdentity peer, StreamObserver<DiscoveryResponse> responses) {
        super(ctx, peer, responses);
    }

    @Override
    protected int resourceNames(DiscoveryRequest req) {
        return req.getResourceNamesCount();
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
                st.acked(req.getVersionInfo());
            }
        }
        // A request answering an older nonce is no ACK or NACK of the newest response, but its resource names are
        // still the client's current wish: grpc-xds unsubscribes (say EDS after CDS dropped a cluster) while a
        // newer response is in flight. Ignoring it would leave a ghost subscription, and the later re-subscription
        // would look unchanged and go unanswered.
        List<String> names = req.getResourceNamesList();
        boolean wildcard = wildcardCapable(type) && (names.isEmpty() || names.contains("*"))
                && (first || st.wildcard || names.contains("*"));
        boolean changed = first || wildcard != st.wildcard;
        if (!st.names.sameAs(names)) {
            changed |= st.names.set(names, resourcesOf(ctx.store().current()).resources(type));
        }
        if (changed) {
            st.wildcard = wildcard;
            push(type, st, ctx.store().current(), true);
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
        List<NamedResource> send;
        long sum;
        Update update = force || st.sentFrom == null ? null : update(st, all);
        if (update != null && update.updated.isEmpty() && !update.removed) {
            st.sentFrom = all; // something changed, but nothing this client subscribes to
            return;
        }
        // CDS and LDS (the wildcard-capable types) are full state in SotW: absence means deletion.
        if (update != null && !update.removed && !wildcardCapable(type) && st.nackedVersion == null) {
            // EDS and RDS responses need not carry the whole set (absence does not delete): only what changed
            // goes out, which is what makes an endpoint change cheap for a proxy that imports a thousand services.
            send = update.updated;
            sum = st.versionSum + update.delta;
        } else {
            send = new ArrayList<>();
            sum = 0;
            for (NamedResource r : all) {
                if (st.wants(r.name())) {
                    send.add(r);
                    sum += Versions.of(r);
                }
            }
        }
        String version = Versions.render(sum);
        String nonce = ctx.nonces().next();
        DiscoveryResponse.Builder b = DiscoveryResponse.newBuilder().setTypeUrl(type.typeUrl()).setVersionInfo(version)
                .setNonce(nonce);
        for (NamedResource r : send) {
            b.addResources(r.packed());
        }
        DiscoveryResponse resp = b.build();
        log.debug("{}: {} response version={} nonce={} resources={}", node().id(), shortName(type), version, nonce,
                send.size());
        responses.onNext(resp);
        st.sentFrom = all;
        st.versionSum = sum;
        st.sentVersion = version;
        st.lastNonce = nonce;
        st.responses++;
        st.lastSent = Instant.now();
        ctx.metrics().pushed(shortName(type), resp.getSerializedSize(), Duration.between(start, Instant.now()));
    }

    /** The subscribed resources that changed since the last push, and the version sum's change. */
    private static final class Update {
        final List<NamedResource> updated = new ArrayList<>();
        boolean removed;
        long delta;
    }

    private static Update update(TypeState st, List<NamedResource> all) {
        Update u = new Update();
        ResourceDiff.walk(st.sentFrom, all, (name, before, after) -> {
            if (!st.wants(name)) {
                return;
            }
            if (after == null) {
                u.removed = true;
                return;
            }
            u.updated.add(after);
            u.delta += Versions.of(after) - (before == null ? 0 : Versions.of(before));
        });
        return u;
    }
}
