package io.meshscope.server;

import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A real grpc-java backend on a loopback address whose one unary method, {@code meshscope.test.Whoami/Call},
 * answers with the backend's own {@code ip:port}: a client's answers tell which endpoint each call reached. Raw
 * bytes both ways, so neither this nor the Node client needs a .proto.
 */
final class WhoamiBackend implements AutoCloseable {
    static final String SERVICE = "meshscope.test.Whoami";
    static final String METHOD = SERVICE + "/Call";

    /**
     * What a backend does with its n-th call (1-based) before answering: nothing, wait, or fail with a status. The
     * traffic-management tests use it to make a route's timeout, retries or abort observable.
     */
    @FunctionalInterface
    interface Behaviour {
        /** Null to answer, or the status to fail this call with; may sleep first. */
        io.grpc.Status before(int call) throws InterruptedException;

        Behaviour ANSWER = call -> null;
    }

    private final Server server;
    private final String name;
    private final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();

    private WhoamiBackend(Server server, String ip, int port) {
        this.server = server;
        this.name = ip + ":" + port;
    }

    /** Starts a backend on {@code ip:port} ({@code port} 0: any free port). */
    static WhoamiBackend start(String ip, int port) throws IOException {
        return start(ip, port, Behaviour.ANSWER);
    }

    /** Starts a backend on {@code ip:port} that applies {@code behaviour} to every call. */
    static WhoamiBackend start(String ip, int port, Behaviour behaviour) throws IOException {
        WhoamiBackend[] self = new WhoamiBackend[1];
        MethodDescriptor<byte[], byte[]> call = descriptor();
        ServerServiceDefinition whoami = ServerServiceDefinition.builder(SERVICE)
                .addMethod(call, ServerCalls.asyncUnaryCall((request, response) -> {
                    int n = self[0].calls.incrementAndGet();
                    try {
                        io.grpc.Status failure = behaviour.before(n);
                        if (failure != null) {
                            response.onError(failure.asRuntimeException());
                            return;
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        response.onError(io.grpc.Status.CANCELLED.asRuntimeException());
                        return;
                    }
                    response.onNext(self[0].name.getBytes(StandardCharsets.UTF_8));
                    response.onCompleted();
                })).build();
        Server s = NettyServerBuilder.forAddress(new InetSocketAddress(ip, port)).addService(whoami).build().start();
        WhoamiBackend b = new WhoamiBackend(s, ip, ((InetSocketAddress) s.getListenSockets().get(0)).getPort());
        self[0] = b;
        return b;
    }

    /** How many calls reached this backend (attempts, so retries count each). */
    int calls() {
        return calls.get();
    }

    /** {@code ip:port}, which is also what it answers. */
    String name() {
        return name;
    }

    int port() {
        return ((InetSocketAddress) server.getListenSockets().get(0)).getPort();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    /** The unary method, raw bytes both ways: for this server and for the clients that call it. */
    static MethodDescriptor<byte[], byte[]> descriptor() {
        return MethodDescriptor.<byte[], byte[]>newBuilder().setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(METHOD).setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();
    }

    /** Raw bytes both ways. */
    static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };
}
