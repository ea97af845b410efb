package io.meshscope.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.service.discovery.v3.AggregatedDiscoveryServiceGrpc;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A raw ADS client over a real channel to 127.0.0.1: one stream, requests sent as written, responses queued
 * in arrival order. {@code M} is the response type (state-of-the-world or delta).
 */
final class AdsClient<Q, M> implements AutoCloseable {
    private final ManagedChannel channel;
    private final StreamObserver<Q> requests;
    private final BlockingQueue<M> responses = new LinkedBlockingQueue<>();
    private final AtomicReference<Throwable> error = new AtomicReference<>();
    private volatile boolean completed;

    private AdsClient(int port, boolean delta) {
        this(NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build(), delta, null);
    }

    /** Over {@code channel} (closed with the client), sending {@code headers} (may be null) with the stream. */
    private AdsClient(ManagedChannel channel, boolean delta, io.grpc.Metadata headers) {
        this.channel = channel;
        AggregatedDiscoveryServiceGrpc.AggregatedDiscoveryServiceStub stub =
                AggregatedDiscoveryServiceGrpc.newStub(channel);
        if (headers != null) {
            stub = stub.withInterceptors(io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(headers));
        }
        StreamObserver<M> observer = new StreamObserver<>() {
            @Override
            public void onNext(M value) {
                responses.add(value);
            }

            @Override
            public void onError(Throwable t) {
                error.set(t);
            }

            @Override
            public void onCompleted() {
                completed = true;
            }
        };
        @SuppressWarnings("unchecked")
        StreamObserver<Q> r = delta
                ? (StreamObserver<Q>) stub.deltaAggregatedResources((StreamObserver<DeltaDiscoveryResponse>) observer)
                : (StreamObserver<Q>) stub.streamAggregatedResources((StreamObserver<DiscoveryResponse>) observer);
        requests = r;
    }

    static AdsClient<DiscoveryRequest, DiscoveryResponse> sotw(int port) {
        return new AdsClient<>(port, false);
    }

    /** A state-of-the-world stream over {@code channel} (a TLS one), with {@code headers} (null: none). */
    static AdsClient<DiscoveryRequest, DiscoveryResponse> sotw(ManagedChannel channel, io.grpc.Metadata headers) {
        return new AdsClient<>(channel, false, headers);
    }

    static AdsClient<DeltaDiscoveryRequest, DeltaDiscoveryResponse> delta(int port) {
        return new AdsClient<>(port, true);
    }

    /** A sidecar node {@code sidecar~<ip>~<pod>.<ns>~<ns>.svc.cluster.local} with NAMESPACE metadata. */
    static Node sidecarNode(String ip, String pod, String namespace) {
        return Node.newBuilder().setId("sidecar~" + ip + "~" + pod + "." + namespace + "~" + namespace
                        + ".svc.cluster.local")
                .setMetadata(Struct.newBuilder().putFields("NAMESPACE", Value.newBuilder().setStringValue(namespace)
                        .build()))
                .build();
    }

    AdsClient<Q, M> send(Q request) {
        synchronized (requests) {
            requests.onNext(request);
        }
        return this;
    }

    /** The next response; fails when none arrives within {@code within}. */
    M next(Duration within) {
        try {
            M m = responses.poll(within.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(m).as("a response within %s (stream error: %s)", within, error.get()).isNotNull();
            return m;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    M next() {
        return next(Duration.ofSeconds(10));
    }

    /** Asserts that no response arrives for {@code quiet}. */
    void expectNothingFor(Duration quiet) {
        try {
            M m = responses.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(m).as("no response expected within %s", quiet).isNull();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Whether a response has arrived (and is waiting to be taken). */
    boolean hasResponse() {
        return !responses.isEmpty();
    }

    /** Leaves without a word: the stream is cancelled (RST_STREAM), the channel kept. */
    void cancel() {
        if (requests instanceof io.grpc.stub.ClientCallStreamObserver<?> call) {
            call.cancel("the client leaves", null);
        }
    }

    Throwable error() {
        return error.get();
    }

    boolean completed() {
        return completed;
    }

    @Override
    public void close() {
        try {
            synchronized (requests) {
                requests.onCompleted();
            }
        } catch (RuntimeException ignored) {
            // the stream may already have ended
        }
        channel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
