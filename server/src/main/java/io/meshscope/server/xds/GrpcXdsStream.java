package io.meshscope.server.xds;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
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

    GrpcXdsStream(XdsContext ctx, StreamObserver<R> responses) {
        super(ctx);
        this.responses = responses;
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
