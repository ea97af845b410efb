package io.meshscope.server.snapshot;

import io.meshscope.core.model.Workload;
import io.meshscope.core.scope.Proxy;

/**
 * A connected proxy as the current snapshot sees it: its scoping identity, the workload it runs (null when
 * the input has none: the proxy then gets the scope its namespace and labels imply) and whether it is a
 * proxyless gRPC client.
 */
public record ProxyContext(Proxy proxy, Workload workload, boolean proxyless) {
}
