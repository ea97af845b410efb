package io.meshscope.core.model;

/** One {@code spec.ingress[]} entry: the inbound port, its bind, capture mode, endpoint, TLS and pool. */
public record IngressListener(
        PortSpec port, String bind, CaptureMode captureMode, String defaultEndpoint, ServerTls tls,
        ConnectionPool connectionPool) {
    public IngressListener {
        bind = bind == null ? "" : bind;
        captureMode = captureMode == null ? CaptureMode.DEFAULT : captureMode;
        defaultEndpoint = defaultEndpoint == null ? "" : defaultEndpoint;
    }
}
