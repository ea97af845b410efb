package io.meshscope.server.xds;

import io.grpc.Attributes;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerTransportFilter;
import io.grpc.Status;
import io.meshscope.server.metrics.ServerMetrics;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * New connections per second from one address ({@link XdsLimits#maxNewConnectionsPerSecond()}), a token bucket per
 * address with that rate and as much burst. gRPC offers no hook to refuse a connection at accept, so a connection
 * over the rate is marked when its transport is ready and every call on it is closed with RESOURCE_EXHAUSTED before
 * anything else runs (no token review, no scope): what reconnecting in a loop costs the server is its handshakes.
 */
public final class ConnectionChurn extends ServerTransportFilter {
    private static final Logger log = LoggerFactory.getLogger(ConnectionChurn.class);
    private static final Attributes.Key<Boolean> OVER_RATE = Attributes.Key.create("meshscope-connection-over-rate");
    /** Addresses remembered; the least recently seen is forgotten first. */
    private static final int ADDRESSES = 100_000;

    private final double perSecond;
    private final LongSupplier nanoTime;
    private final ServerMetrics metrics;
    private final Map<InetAddress, Bucket> buckets = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<InetAddress, Bucket> eldest) {
            return size() > ADDRESSES;
        }
    };

    private static final class Bucket {
        double tokens;
        long at;
    }

    public ConnectionChurn(int perSecond, LongSupplier nanoTime, ServerMetrics metrics) {
        this.perSecond = perSecond;
        this.nanoTime = nanoTime;
        this.metrics = metrics;
    }

    @Override
    public Attributes transportReady(Attributes transport) {
        SocketAddress remote = transport.get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
        if (!(remote instanceof InetSocketAddress inet) || inet.getAddress() == null || take(inet.getAddress())) {
            return transport;
        }
        metrics.xdsLimitHit("new_connections");
        log.warn("{} opens connections faster than {} per second (--xds-max-new-connections); its calls are refused",
                inet.getAddress().getHostAddress(), (int) perSecond);
        return transport.toBuilder().set(OVER_RATE, true).build();
    }

    private boolean take(InetAddress address) {
        long now = nanoTime.getAsLong();
        synchronized (buckets) {
            Bucket b = buckets.get(address);
            if (b == null) {
                b = new Bucket();
                b.tokens = perSecond;
                b.at = now;
                buckets.put(address, b);
            }
            b.tokens = Math.min(perSecond, b.tokens + (now - b.at) / 1e9 * perSecond);
            b.at = now;
            if (b.tokens < 1) {
                return false;
            }
            b.tokens -= 1;
            return true;
        }
    }

    /** Closes every call on a connection that came over the rate; the outermost interceptor. */
    public ServerInterceptor gate() {
        return new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                               ServerCallHandler<Q, R> next) {
                if (Boolean.TRUE.equals(call.getAttributes().get(OVER_RATE))) {
                    call.close(Status.RESOURCE_EXHAUSTED.withDescription("too many new connections from this address "
                            + "(at most " + (int) perSecond + " per second); back off and reconnect"), new Metadata());
                    return new ServerCall.Listener<>() {
                    };
                }
                return next.startCall(call, headers);
            }
        };
    }
}
