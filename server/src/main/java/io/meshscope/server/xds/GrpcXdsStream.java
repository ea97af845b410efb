package io.meshscope.server.xds;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.meshscope.server.security.PeerIdentity;
import io.meshscope.xds.XdsType;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gRPC side shared by both ADS variants: every request is queued on the stream's serial executor, and the
 * stream ends once, whichever side ends it. Subclasses handle requests and send responses.
 *
 * @param <Q> the request message
 * @param <R> the response message
 */
abstract class GrpcXdsStream<Q, R> extends XdsStream implements StreamObserver<Q> {
    private static final Logger log = LoggerFactory.getLogger(GrpcXdsStream.class);

    protected final StreamObserver<R> responses;
    private final ServerCallStreamObserver<R> call;
    /** Types whose push waits for the transport to drain (value: whether it must be sent even if unchanged). */
    private final Map<XdsType, Boolean> deferred = new EnumMap<>(XdsType.class);
    /** When a push first waited for this client to read (System.nanoTime), 0 while none waits. */
    private long waitingSince;
    /** Whether this stream holds a place of the server's stream budget (released once, at close). */
    private final boolean counted;

    GrpcXdsStream(XdsContext ctx, PeerIdentity peer, StreamObserver<R> responses) {
        super(ctx, peer);
        this.responses = responses;
        this.call = responses instanceof ServerCallStreamObserver<R> s ? s : null;
        if (call != null) {
            call.setOnReadyHandler(() -> executor.execute(this::flushDeferred));
            // one request at a time: the next is asked for when this one is handled, so a client that sends
            // faster than it is served waits in HTTP/2 flow control, not in this server's memory
            call.disableAutoRequest();
            call.request(1);
        }
        this.counted = ctx.streams().tryAcquire();
        if (!counted) {
            ctx.metrics().xdsLimitHit("streams");
            log.warn("refused an xDS stream: {} streams open, the limit (--xds-max-streams)", ctx.streams().limit());
            executor.execute(() -> {
                close();
                fail(Status.RESOURCE_EXHAUSTED.withDescription("this control plane serves at most "
                        + ctx.streams().limit() + " streams; try another replica"));
            });
        }
    }

    @Override
    protected void released() {
        if (counted) {
            ctx.streams().release();
        }
    }

    /** How many resource names {@code request} carries (subscribed and unsubscribed). */
    protected abstract int resourceNames(Q request);

    /**
     * Flow control: when the client is not reading fast enough, a push is not queued in memory but remembered
     * and sent — from the newest snapshot, so intermediate states are skipped — once the transport is ready.
     * Returns true when the push was deferred.
     */
    protected final boolean deferIfBusy(XdsType type, boolean force) {
        if (call == null || call.isReady()) {
            return false;
        }
        long now = System.nanoTime();
        if (waitingSince == 0) {
            waitingSince = now;
        } else if (now - waitingSince > ctx.limits().stallTimeout().toNanos()) {
            ctx.metrics().xdsLimitHit("stalled");
            log.warn("{}: dropped: it has not read for {} s while a push waited (--xds-stall-timeout)",
                    node() == null ? "an unidentified client" : node().id(), ctx.limits().stallTimeout().toSeconds());
            deferred.clear();
            close();
            fail(Status.RESOURCE_EXHAUSTED.withDescription("the client did not read its responses for "
                    + ctx.limits().stallTimeout().toSeconds() + " s"));
            return true;
        }
        deferred.merge(type, force, Boolean::logicalOr);
        return true;
    }

    private void flushDeferred() {
        waitingSince = 0;
        if (isClosed() || deferred.isEmpty()) {
            return;
        }
        Map<XdsType, Boolean> pending = new EnumMap<>(deferred);
        deferred.clear();
        pending.forEach((type, force) -> {
            TypeState st = states.get(type);
            if (st != null) {
                push(type, st, ctx.store().current(), force);
            }
        });
    }

    /** Handles one request on the stream's executor. */
    protected abstract void handle(Q request);

    @Override
    public final void onNext(Q request) {
        executor.execute(() -> {
            try {
                int names = resourceNames(request);
                if (names > ctx.limits().maxResourceNames() && !isClosed()) {
                    ctx.metrics().xdsLimitHit("resource_names");
                    log.warn("{}: a request named {} resources, more than the limit of {} (--xds-max-resource-names)",
                            node() == null ? "an unidentified client" : node().id(), names,
                            ctx.limits().maxResourceNames());
                    close();
                    fail(Status.INVALID_ARGUMENT.withDescription("a request may name at most "
                            + ctx.limits().maxResourceNames() + " resources; this one named " + names));
                    return;
                }
                handle(request);
            } finally {
                if (call != null && !isClosed()) {
                    call.request(1);
                }
            }
        });
    }

    @Override
    protected final void fail(Status status) {
        try {
            responses.onError(status.asRuntimeException());
        } catch (RuntimeException e) {
            log.debug("ending stream", e);
        }
    }

    @Override
    public final void onError(Throwable t) {
        executor.execute(this::close);
    }

    @Override
    public final void onCompleted() {
        executor.execute(() -> {
            if (!isClosed()) {
                close();
                responses.onCompleted();
            }
        });
    }
}
