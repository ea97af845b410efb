package io.meshscope.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The dependency evidence options shared by {@code generate} and {@code whatif} (any combination). */
final class EvidenceOptions {
    @Option(names = "--deps", paramLabel = "FILE",
            description = "A dependency map in the seed's dependencies.yaml format "
                    + "(services: {ns/name: {calls: [ns/name...], external: [host...]}}). Repeatable.")
    List<String> deps = new ArrayList<>();

    @Option(names = "--prometheus", paramLabel = "URL|FILE",
            description = "Istio telemetry from Prometheus: an http(s):// base URL to query live (istio_requests_total "
                    + "and istio_tcp_connections_opened_total over --window), or a file holding the JSON of an "
                    + "instant or range query result as Prometheus's HTTP API returns it. Repeatable.")
    List<String> prometheus = new ArrayList<>();

    @Option(names = "--window", paramLabel = "DURATION", defaultValue = "7d",
            description = "The time window of live Prometheus queries, in Prometheus syntax (default: ${DEFAULT-VALUE}).")
    String window;

    @Option(names = "--prometheus-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long a live Prometheus query may take; connecting may take at most 10 s "
                    + "(default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--access-log", paramLabel = "[NS/NAME=]FILE",
            description = "An Envoy access log of one workload's proxy (Istio's default text or JSON format, e.g. "
                    + "kubectl logs deploy/NAME -c istio-proxy). The workload that wrote it is NS/NAME= or --source. "
                    + "Repeatable.")
    List<String> accessLogs = new ArrayList<>();

    @Option(names = "--source", paramLabel = "NS/NAME",
            description = "The workload that wrote the --access-log files given without NS/NAME=.")
    String source;

    /** These options as a command line gives them: what {@code ui} passes on to {@code whatif}. */
    List<String> asArgs() {
        List<String> args = new ArrayList<>();
        if (isEmpty()) {
            return args;
        }
        deps.forEach(d -> args.addAll(List.of("--deps", d)));
        prometheus.forEach(p -> args.addAll(List.of("--prometheus", p)));
        accessLogs.forEach(a -> args.addAll(List.of("--access-log", a)));
        if (source != null) {
            args.addAll(List.of("--source", source));
        }
        args.addAll(List.of("--window", window, "--prometheus-timeout", String.valueOf(timeoutSeconds)));
        return args;
    }

    boolean isEmpty() {
        return deps.isEmpty() && prometheus.isEmpty() && accessLogs.isEmpty();
    }
}
