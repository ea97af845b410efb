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

    GrpcXdsStream(XdsContext ctx, PeerIdentity peer, StreamObserver<R> responses) {
        super(ctx, peer);
        this.responses = responses;
        this.call = responses instanceof ServerCallStreamObserver<R> s ? s : null;
        if (call != null) {
            call.setOnReadyHandler(() -> executor.execute(this::flushDeferred));
        }
    }

    /**
     * Flow control: when the client is not reading fast enough, a push is not queued in memory but remembered
     * and sent — from the newest snapshot, so intermediate states are skipped — once the transport is ready.
     * Returns true when the push was deferred.
     */
    protected final boolean deferIfBusy(XdsType type, boolean force) {
        if (call == null || call.isReady()) {
            return false;
        }
        deferred.merge(type, force, Boolean::logicalOr);
        return true;
    }

    private void flushDeferred() {
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
        executor.execute(() -> handle(request));
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
