package io.meshscope.server.xds;

import io.envoyproxy.envoy.service.discovery.v3.AggregatedDiscoveryServiceGrpc;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.grpc.stub.StreamObserver;
import io.meshscope.server.metrics.ServerMetrics;
import io.meshscope.server.security.AuthInterceptor;
import io.meshscope.server.snapshot.SnapshotStore;
import java.util.concurrent.Executor;

/**
 * The gRPC Aggregated Discovery Service: each stream becomes a {@link SotwStream} or {@link DeltaStream}, and
 * every snapshot swap is handed to the streams it can reach ({@link PushDispatcher}), each deciding on its own
 * executor what to send.
 * The cache (snapshots) is kept apart from this server, as in java-control-plane.
 */
public final class AdsService extends AggregatedDiscoveryServiceGrpc.AggregatedDiscoveryServiceImplBase {
    private final XdsContext ctx;

    public AdsService(SnapshotStore store, ServerMetrics metrics, Executor workers, ConnectionRegistry connections,
                      XdsLimits limits) {
        StreamBudget streams = new StreamBudget(limits.maxStreams());
        metrics.openStreamsSource(streams::open);
        this.ctx = new XdsContext(store, metrics, new NonceSource(), workers, connections, limits, streams);
        store.onSwap(new PushDispatcher(connections, metrics)::dispatch);
    }

    @Override
    public StreamObserver<DiscoveryRequest> streamAggregatedResources(StreamObserver<DiscoveryResponse> responses) {
        return new SotwStream(ctx, AuthInterceptor.IDENTITY.get(), responses);
    }

    @Override
    public StreamObserver<DeltaDiscoveryRequest> deltaAggregatedResources(
            StreamObserver<DeltaDiscoveryResponse> responses) {
        return new DeltaStream(ctx, AuthInterceptor.IDENTITY.get(), responses);
    }
}
