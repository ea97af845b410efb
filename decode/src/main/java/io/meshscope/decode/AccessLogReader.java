package io.meshscope.decode;

import io.meshscope.core.deps.Call;
import io.meshscope.core.deps.Evidence;
import io.meshscope.core.deps.EvidenceKind;
import io.meshscope.core.deps.EvidenceSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads the Envoy access log of one proxy, in Istio's default text format or its JSON encoding, into the calls
 * that proxy made. The upstream cluster names the destination: {@code outbound|80||reviews.default.svc.cluster.local}
 * is host and port. Calls that left through {@code PassthroughCluster}, or hit {@code BlackHoleCluster} or the
 * {@code block_all} route, name their host by the {@code :authority} (else the TLS SNI) and their port by the
 * original destination address. Inbound requests, non-access-log lines (the istio-proxy container's own logs)
 * and {@code kubectl logs --prefix/--timestamps} decorations are skipped. The log does not say which workload
 * wrote it: the caller gives it.
 */
public final class AccessLogReader {
    private static final Pattern OUTBOUND = Pattern.compile("outbound\\|(\\d*)\\|[^|]*\\|(.+)");
    private static final Pattern KUBECTL_PREFIX = Pattern.compile("^\\[pod/[^/\\]]+/[^\\]]+\\]\\s+");
    private static final Pattern KUBECTL_TIMESTAMP = Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT\\S+\\s+(?=[\\[{])");
    private static final Pattern HOSTNAME = Pattern.compile("[A-Za-z0-9*]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9-]+)+");
    private static final Pattern NUMERIC = Pattern.compile("[0-9.]+");

    /** Reads the log file at {@code file} (named {@code name} in messages), written by {@code ns/workload}. */
    public Evidence readFile(Path file, String name, String namespace, String workload) throws InputException {
        return read(name, EvidenceInput.read(file, name), namespace, workload);
    }

    /** Reads log text written by the proxy of {@code namespace/workload}. */
    public Evidence read(String name, String text, String namespace, String workload) {
        EvidenceSource source = new EvidenceSource(EvidenceKind.ACCESS_LOG, name, null);
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, Long> unattributed = new TreeMap<>();
        long inbound = 0;
        long other = 0;
        for (String raw : text.split("\r?\n|\r")) {
            String line = KUBECTL_TIMESTAMP.matcher(KUBECTL_PREFIX.matcher(raw.strip()).replaceFirst(""))
                    .replaceFirst("");
            if (line.isEmpty()) {
                continue;
            }
            Entry e = line.startsWith("{") ? json(line) : line.startsWith("[") ? text(line) : null;
            if (e == null || e.cluster == null) {
                other++;
                continue;
            }
            Matcher m = OUTBOUND.matcher(e.cluster);
            if (m.matches()) {
                Integer port = m.group(1).isEmpty() ? null : Integer.valueOf(m.group(1));
                counts.computeIfAbsent(m.group(2) + "|" + (port == null ? "" : port), k -> new long[1])[0]++;
            } else if (e.cluster.startsWith("inbound|") || e.cluster.equals("InboundPassthroughCluster")) {
                inbound++;
            } else if (e.cluster.equals("PassthroughCluster") || e.cluster.equals("BlackHoleCluster")
                    || "block_all".equals(e.route) || "allow_any".equals(e.route)) {
                String host = hostOf(e.authority);
                if (host == null) {
                    host = hostOf(e.sni);
                }
                Integer port = portOf(e.originalDst);
                if (host == null) {
                    unattributed.merge("to " + (e.originalDst == null ? "an unknown address" : e.originalDst), 1L, Long::sum);
                } else {
                    counts.computeIfAbsent(host + "|" + (port == null ? "" : port), k -> new long[1])[0]++;
                }
            } else {
                other++;
            }
        }
        List<Call> calls = new ArrayList<>();
        counts.forEach((k, n) -> {
            int bar = k.lastIndexOf('|');
            String port = k.substring(bar + 1);
            calls.add(new Call(namespace, workload, k.substring(0, bar), null,
                    port.isEmpty() ? null : Integer.valueOf(port), n[0], source));
        });
        List<String> notes = new ArrayList<>();
        unattributed.forEach((to, n) -> notes.add(name + ": " + n + " passthrough request(s) " + to
                + " name no host and are not used"));
        if (calls.isEmpty() && inbound == 0 && other > 0) {
            notes.add(name + ": no access-log line found in " + other + " line(s); expected Istio's default "
                    + "text or JSON access log format");
            return new Evidence(calls, List.of(source), notes);
        }
        // A log in the right format speaks for its workload even without an outbound call: it calls nothing.
        return new Evidence(calls, List.of(source), notes, List.of(namespace + "/" + workload));
    }

    /** The fields used from one line. */
    private record Entry(String cluster, String authority, String sni, String originalDst, String route) {
    }

    /**
     * Istio's default text format. Its upstream cluster is the first bare token after the quoted
     * {@code "%UPSTREAM_HOST%"}; the quoted token before that is {@code :authority}; then come the upstream
     * local, downstream local (original destination) and remote addresses, SNI and route name.
     */
    private static Entry text(String line) {
        List<String> tokens = new ArrayList<>();
        List<Boolean> quoted = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            char close = c == '"' ? '"' : c == '[' ? ']' : 0;
            int end = close == 0 ? nextSpace(line, i) : line.indexOf(close, i + 1);
            if (end < 0) {
                end = line.length();
            }
            tokens.add(close == 0 ? line.substring(i, end) : line.substring(i + 1, end));
            quoted.add(close == '"');
            i = close == 0 ? end : end + 1;
        }
        for (int t = 2; t < tokens.size(); t++) {
            if (!quoted.get(t) && quoted.get(t - 1) && quoted.get(t - 2) && cluster(tokens.get(t))) {
                return new Entry(tokens.get(t), dash(tokens.get(t - 2)), dash(at(tokens, t + 4)),
                        dash(at(tokens, t + 2)), dash(tokens.get(tokens.size() - 1)));
            }
        }
        return null;
    }

    private static Entry json(String line) {
        Object parsed;
        try {
            parsed = new Load(LoadSettings.builder().build()).loadFromString(line);
        } catch (YamlEngineException e) {
            return null;
        }
        if (!(parsed instanceof Map<?, ?> m) || !m.containsKey("upstream_cluster")) {
            return null;
        }
        String cluster = str(m.get("upstream_cluster"));
        return new Entry(cluster == null || cluster.isEmpty() ? "-" : cluster, dash(str(m.get("authority"))),
                dash(str(m.get("requested_server_name"))), dash(str(m.get("downstream_local_address"))),
                dash(str(m.get("route_name"))));
    }

    private static boolean cluster(String t) {
        return t.startsWith("outbound|") || t.startsWith("inbound|") || t.endsWith("Cluster") || t.equals("-");
    }

    private static String hostOf(String authority) {
        if (authority == null) {
            return null;
        }
        String h = authority;
        int colon = h.lastIndexOf(':');
        if (colon > 0 && h.indexOf(']') < colon && NUMERIC.matcher(h.substring(colon + 1)).matches()) {
            h = h.substring(0, colon);
        }
        return HOSTNAME.matcher(h).matches() && !NUMERIC.matcher(h).matches() ? h : null;
    }

    private static Integer portOf(String address) {
        if (address == null) {
            return null;
        }
        int colon = address.lastIndexOf(':');
        try {
            return colon < 0 ? null : Integer.valueOf(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int nextSpace(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return s.length();
    }

    private static String at(List<String> tokens, int i) {
        return i < tokens.size() ? tokens.get(i) : null;
    }

    private static String dash(String s) {
        return s == null || s.isEmpty() || s.equals("-") ? null : s;
    }

    private static String str(Object o) {
        return o == null ? null : String.valueOf(o);
    }
}
