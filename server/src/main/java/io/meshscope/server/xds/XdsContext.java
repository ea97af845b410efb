package io.meshscope.server.xds;

import io.meshscope.server.metrics.ServerMetrics;
import io.meshscope.server.snapshot.SnapshotStore;
import java.util.concurrent.Executor;

/** What every stream shares: the snapshot store, metrics, nonces and the worker pool. */
record XdsContext(SnapshotStore store, ServerMetrics metrics, NonceSource nonces,
                  Executor workers, ConnectionRegistry connections, XdsLimits limits, StreamBudget streams) {
}
