package io.meshscope.core.deps;

/** The kinds of dependency evidence meshscope reads. */
public enum EvidenceKind {
    /** The seed's {@code dependencies.yaml}: declared calls, no counts. */
    DEPENDENCY_MAP("dependency map"),
    /** Istio telemetry ({@code istio_requests_total}, {@code istio_tcp_connections_opened_total}) from Prometheus. */
    PROMETHEUS("prometheus"),
    /** Envoy access logs of one proxy, in Istio's default text or JSON format. */
    ACCESS_LOG("access log");

    private final String label;

    EvidenceKind(String label) {
        this.label = label;
    }

    /** The words used in reports and YAML comments. */
    public String label() {
        return label;
    }
}
