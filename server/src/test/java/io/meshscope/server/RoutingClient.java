package io.meshscope.server;

import io.grpc.CallOptions;
import io.grpc.ClientInterceptors;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.NameResolverRegistry;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.xds.XdsNameResolverProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One real proxyless xDS client, grpc-java or grpc-js, calling {@code meshscope.test.Whoami/Call} on one
 * {@code xds:///host:port} target with request headers: what the traffic-management tests need from either, so
 * each scenario runs unchanged against both.
 */
interface RoutingClient extends AutoCloseable {
    /** What one call did: the backend that answered ({@code ip:port}), or the status code it failed with. */
    record Outcome(String backend, String code, String details) {
        boolean ok() {
            return backend != null;
        }
    }

    /** Which real client. */
    enum Kind {
        GRPC_JAVA, GRPC_JS;

        RoutingClient start(int xdsPort, String authority, Path runs) throws IOException {
            return this == GRPC_JAVA ? new GrpcJava(xdsPort, authority) : new GrpcJs(xdsPort, authority, runs);
        }
    }

    Outcome call(Map<String, String> headers, Duration deadline);

    @Override
    void close();

    /** grpc-xds, resolving through a per-test scheme so each test has its own bootstrap. */
    final class GrpcJava implements RoutingClient {
        private static final MethodDescriptor<byte[], byte[]> WHOAMI = WhoamiBackend.descriptor();

        private final XdsNameResolverProvider resolver;
        private final ManagedChannel channel;

        GrpcJava(int xdsPort, String authority) {
            String scheme = "meshscope-routing-" + Long.toHexString(System.nanoTime());
            resolver = XdsNameResolverProvider.createForTest(scheme, ProxylessBootstrap.map(xdsPort));
            NameResolverRegistry.getDefaultRegistry().register(resolver);
            channel = Grpc.newChannelBuilder(scheme + ":///" + authority, InsecureChannelCredentials.create()).build();
        }

        @Override
        public Outcome call(Map<String, String> headers, Duration deadline) {
            Metadata md = new Metadata();
            headers.forEach((k, v) -> md.put(Metadata.Key.of(k, Metadata.ASCII_STRING_MARSHALLER), v));
            try {
                byte[] answer = ClientCalls.blockingUnaryCall(
                        ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(md)), WHOAMI,
                        CallOptions.DEFAULT.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS),
                        new byte[0]);
                return new Outcome(new String(answer, StandardCharsets.UTF_8), "OK", "");
            } catch (StatusRuntimeException e) {
                return new Outcome(null, e.getStatus().getCode().name(), String.valueOf(e.getStatus().getDescription()));
            }
        }

        @Override
        public void close() {
            try {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                NameResolverRegistry.getDefaultRegistry().deregister(resolver);
            }
        }
    }

    /** {@code @grpc/grpc-js-xds}, the Node program the other end-to-end tests drive. */
    final class GrpcJs implements RoutingClient {
        private final GrpcJsClient client;
        private final String target;

        GrpcJs(int xdsPort, String authority, Path runs) throws IOException {
            NodeRuntime.require();
            client = GrpcJsClient.start(runs, "client", ProxylessBootstrap.json(xdsPort));
            target = "xds:///" + authority;
        }

        @Override
        public Outcome call(Map<String, String> headers, Duration deadline) {
            GrpcJsClient.Result r = client.call(target, deadline, headers);
            return r.ok() ? new Outcome(r.body(), "OK", "") : new Outcome(null, r.code(), r.details());
        }

        @Override
        public void close() {
            client.close();
        }
    }
}
