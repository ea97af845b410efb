package io.meshscope.cli;

import io.meshscope.core.deps.Evidence;
import io.meshscope.decode.AccessLogReader;
import io.meshscope.decode.DependencyMapReader;
import io.meshscope.decode.InputException;
import io.meshscope.decode.PrometheusResultReader;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Reads every evidence input named by {@link EvidenceOptions}; any unreadable or malformed input is exit 2. */
final class EvidenceLoader {
    /** The live query per metric: calls per (source workload, destination service) over the window. */
    static final String QUERY = "sum by (source_workload, source_workload_namespace, destination_service, "
            + "destination_service_namespace) (increase(%s{reporter=\"source\"}[%s]))";
    static final String[] METRICS = {"istio_requests_total", "istio_tcp_connections_opened_total"};
    private static final Pattern DURATION = Pattern.compile("([0-9]+(ms|s|m|h|d|w|y))+");
    private static final Pattern WORKLOAD = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?/[^/=\\s]+");

    private EvidenceLoader() {
    }

    static Evidence load(EvidenceOptions o) {
        if (o.isEmpty()) {
            throw new CommandFailure(ExitCodes.USAGE, "no dependency evidence: give --deps FILE, --prometheus URL|FILE "
                    + "or --access-log FILE (any combination)");
        }
        Evidence e = Evidence.empty();
        try {
            for (String f : o.deps) {
                e = e.plus(new DependencyMapReader().readFile(path(f, "--deps"), f));
            }
            for (String p : o.prometheus) {
                e = e.plus(isLive(p) ? live(p, o)
                        : new PrometheusResultReader().readFile(path(p, "--prometheus"), p, null));
            }
            for (String a : o.accessLogs) {
                e = e.plus(accessLog(a, o.source));
            }
        } catch (InputException ex) {
            throw new CommandFailure(ExitCodes.USAGE, ex.getMessage());
        }
        return e;
    }

    private static Evidence live(String url, EvidenceOptions o) throws InputException {
        if (!DURATION.matcher(o.window).matches()) {
            throw new CommandFailure(ExitCodes.USAGE, "--window " + o.window + " is not a Prometheus duration "
                    + "(e.g. 7d, 12h, 1h30m)");
        }
        if (o.timeoutSeconds < 1) {
            throw new CommandFailure(ExitCodes.USAGE, "--prometheus-timeout must be at least 1 second");
        }
        PrometheusClient client = new PrometheusClient(url, Duration.ofSeconds(o.timeoutSeconds));
        Evidence e = Evidence.empty();
        for (String metric : METRICS) {
            String body = client.query(String.format(QUERY, metric, o.window));
            e = e.plus(new PrometheusResultReader().read(url, body, o.window));
        }
        return e;
    }

    /** An {@code --access-log} value: {@code NS/NAME=FILE}, or a file the {@code --source} workload wrote. */
    private record AccessLogSpec(String workload, String file) {
        static AccessLogSpec of(String spec, String source) {
            int eq = spec.indexOf('=');
            if (eq > 0 && WORKLOAD.matcher(spec.substring(0, eq)).matches()) {
                return new AccessLogSpec(spec.substring(0, eq), spec.substring(eq + 1));
            }
            return new AccessLogSpec(source, spec);
        }
    }

    /**
     * Fails with exit 2 when a file the options name cannot be read, without reading any (nor asking Prometheus):
     * for {@code ui}, which reads the evidence in the background once it serves.
     */
    static void requireReadable(EvidenceOptions o) {
        List<String> files = new ArrayList<>(o.deps);
        o.prometheus.stream().filter(p -> !isLive(p)).forEach(files::add);
        o.accessLogs.forEach(a -> files.add(AccessLogSpec.of(a, o.source).file()));
        for (String f : files) {
            if (!Files.isReadable(path(f, "evidence file"))) {
                throw new CommandFailure(ExitCodes.USAGE, "cannot read " + f + ": no such file, or not readable");
            }
        }
    }

    private static boolean isLive(String prometheus) {
        return prometheus.startsWith("http://") || prometheus.startsWith("https://");
    }

    private static Evidence accessLog(String spec, String source) throws InputException {
        AccessLogSpec parsed = AccessLogSpec.of(spec, source);
        String workload = parsed.workload();
        String file = parsed.file();
        if (workload == null) {
            throw new CommandFailure(ExitCodes.USAGE, "--access-log " + spec + ": which workload wrote it? Give "
                    + "--access-log NS/NAME=" + spec + " or --source NS/NAME (an access log does not name its proxy)");
        }
        if (!WORKLOAD.matcher(workload).matches()) {
            throw new CommandFailure(ExitCodes.USAGE, "--source " + workload + " is not NAMESPACE/NAME");
        }
        int slash = workload.indexOf('/');
        return new AccessLogReader().readFile(path(file, "--access-log"), file, workload.substring(0, slash),
                workload.substring(slash + 1));
    }

    private static Path path(String given, String flag) {
        try {
            return Path.of(given);
        } catch (InvalidPathException e) {
            throw new CommandFailure(ExitCodes.USAGE, flag + " " + given + " is not a valid path (" + e.getReason() + ")");
        }
    }
}
