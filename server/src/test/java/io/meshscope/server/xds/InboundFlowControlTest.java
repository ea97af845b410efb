package io.meshscope.server.xds;

import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.grpc.stub.ServerCallStreamObserver;
import io.meshscope.server.metrics.ServerMetrics;
import io.meshscope.server.snapshot.SnapshotStore;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/**
 * A stream asks gRPC for one request at a time, and for the next only once the previous one is handled, so requests
 * a client sends faster than they are served wait in HTTP/2 flow control (the client's memory), not in the server's.
 */
class InboundFlowControlTest {
    /** Runs nothing until told: the stream's handling is held back. */
    private static final class HeldExecutor implements Executor {
        final Queue<Runnable> tasks = new ArrayDeque<>();

        @Override
        public void execute(Runnable command) {
            tasks.add(command);
        }

        void runAll() {
            Runnable r;
            while ((r = tasks.poll()) != null) {
                r.run();
            }
        }
    }

    /** The server side of a call, counting what the stream asks of it. */
    private static final class Call extends ServerCallStreamObserver<DiscoveryResponse> {
        int requested;
        boolean autoRequestDisabled;

        @Override
        public void request(int count) {
            requested += count;
        }

        @Override
        public void disableAutoRequest() {
            autoRequestDisabled = true;
        }

        @Override
        public void disableAutoInboundFlowControl() {
            autoRequestDisabled = true;
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public void setOnCancelHandler(Runnable onCancelHandler) {
        }

        @Override
        public void setCompression(String compression) {
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setOnReadyHandler(Runnable onReadyHandler) {
        }

        @Override
        public void setMessageCompression(boolean enable) {
        }

        @Override
        public void onNext(DiscoveryResponse value) {
        }

        @Override
        public void onError(Throwable t) {
        }

        @Override
        public void onCompleted() {
        }
    }

    @Test
    void theNextRequestIsAskedForOnlyAfterThePreviousWasHandled() {
        HeldExecutor workers = new HeldExecutor();
        XdsLimits limits = XdsLimits.defaults();
        XdsContext ctx = new XdsContext(new SnapshotStore(Clock.systemUTC()), new ServerMetrics(), new NonceSource(),
                workers, new ConnectionRegistry(), limits, new StreamBudget(limits.maxStreams()));
        Call call = new Call();
        SotwStream stream = new SotwStream(ctx, null, call);
        assertThat(call.autoRequestDisabled).isTrue();
        assertThat(call.requested).isEqualTo(1);

        // gRPC delivers only what was asked for; while the first is not handled, nothing more is asked
        stream.onNext(DiscoveryRequest.newBuilder().setTypeUrl("type.googleapis.com/unknown").build());
        assertThat(call.requested).isEqualTo(1);
        workers.runAll();
        assertThat(call.requested).isEqualTo(2);
    }

    @Test
    void streamsBeyondTheBudgetAreRefusedAndAClosedStreamGivesItsPlaceBack() {
        HeldExecutor workers = new HeldExecutor();
        XdsLimits limits = new XdsLimits(1, 16, 4096, 10, java.time.Duration.ofSeconds(1), 100);
        StreamBudget budget = new StreamBudget(1);
        XdsContext ctx = new XdsContext(new SnapshotStore(Clock.systemUTC()), new ServerMetrics(), new NonceSource(),
                workers, new ConnectionRegistry(), limits, budget);
        SotwStream first = new SotwStream(ctx, null, new Call());
        SotwStream second = new SotwStream(ctx, null, new Call());
        workers.runAll();
        assertThat(budget.open()).isEqualTo(1);
        assertThat(second.isClosed()).isTrue();
        first.onCompleted();
        workers.runAll();
        assertThat(budget.open()).isZero();
    }
}
