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

    private final Server server;
    private final String name;

    private WhoamiBackend(Server server, String ip, int port) {
        this.server = server;
        this.name = ip + ":" + port;
    }

    /** Starts a backend on {@code ip:port} ({@code port} 0: any free port). */
    static WhoamiBackend start(String ip, int port) throws IOException {
        String[] self = new String[1];
        MethodDescriptor<byte[], byte[]> call = MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName(METHOD)
                .setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();
        ServerServiceDefinition whoami = ServerServiceDefinition.builder(SERVICE)
                .addMethod(call, ServerCalls.asyncUnaryCall((request, response) -> {
                    response.onNext(self[0].getBytes(StandardCharsets.UTF_8));
                    response.onCompleted();
                })).build();
        Server s = NettyServerBuilder.forAddress(new InetSocketAddress(ip, port)).addService(whoami).build().start();
        WhoamiBackend b = new WhoamiBackend(s, ip, ((InetSocketAddress) s.getListenSockets().get(0)).getPort());
        self[0] = b.name;
        return b;
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

    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
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
