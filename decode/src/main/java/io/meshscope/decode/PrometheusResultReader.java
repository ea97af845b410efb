package io.meshscope.decode;

import io.meshscope.core.deps.Call;
import io.meshscope.core.deps.Evidence;
import io.meshscope.core.deps.EvidenceKind;
import io.meshscope.core.deps.EvidenceSource;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads Istio telemetry as Prometheus's HTTP API returns it — the JSON of an instant query ({@code vector}) or a
 * range query ({@code matrix}) over {@code istio_requests_total} or {@code istio_tcp_connections_opened_total},
 * raw or aggregated — into calls. A series needs {@code source_workload}, {@code source_workload_namespace} and
 * {@code destination_service} ({@code destination_service_namespace} is used when present). An instant value is
 * the count; a range series counts its increase (counter resets handled). When the same call is reported by
 * both proxies ({@code reporter}), the source side is used. Unattributable series (unknown source, passthrough
 * to raw addresses) are counted in notes, never silently dropped.
 */
public final class PrometheusResultReader {
    private static final Pattern IP = Pattern.compile("[0-9.]+|.*:.*");

    /** Reads a recorded query result from a file named {@code name}; {@code window} may be null. */
    public Evidence readFile(Path file, String name, String window) throws InputException {
        return read(name, EvidenceInput.read(file, name), window);
    }

    /**
     * Reads a query result ({@code {"status":"success","data":{...}}}, or its {@code data} object alone).
     * {@code window} labels the evidence ({@code 7d}); when null it is taken from the sample timestamps.
     */
    public Evidence read(String name, String json, String window) throws InputException {
        YNode doc = EvidenceInput.document(name, json, "a Prometheus query result (JSON)");
        Diagnostics diags = new Diagnostics();
        NodeReader root = NodeReader.root(doc, new DecodeContext(diags, null));
        if ("error".equals(root.get("status").string())) {
            throw new InputException(name + ": Prometheus answered with an error: "
                    + root.get("errorType").stringOr("error") + ": " + root.get("error").stringOr("(no message)"));
        }
        NodeReader data = root.get("data").isPresent() ? root.get("data") : root;
        String type = data.get("resultType").string();
        if (!"vector".equals(type) && !"matrix".equals(type)) {
            data.get("resultType").error(Diagnostics.SHAPE, "expected a Prometheus query result with resultType "
                    + "vector or matrix, got " + (type == null ? "none" : "\"" + type + "\""));
            EvidenceInput.failOnErrors(diags);
        }
        Map<Key, double[]> byReporter = new TreeMap<>();
        double[] span = {Double.MAX_VALUE, -Double.MAX_VALUE};
        List<String> notes = new ArrayList<>();
        Map<String, Double> unattributed = new TreeMap<>();
        for (NodeReader series : data.get("result").items()) {
            Map<String, String> m = series.get("metric").stringMap();
            double value = "vector".equals(type) ? instant(series.get("value"), span) : increase(series.get("values"), span);
            if (Double.isNaN(value) || value <= 0) {
                continue;
            }
            String src = m.get("source_workload");
            String srcNs = m.get("source_workload_namespace");
            String dst = m.get("destination_service");
            if (src == null || srcNs == null || dst == null) {
                series.get("metric").error(Diagnostics.SHAPE, "a series needs the labels source_workload, "
                        + "source_workload_namespace and destination_service (aggregate by them)");
                continue;
            }
            if (unknown(src) || unknown(srcNs)) {
                unattributed.merge("from unknown sources (outside the mesh)", value, Double::sum);
                continue;
            }
            if (unknown(dst) || dst.endsWith("Cluster") || IP.matcher(dst).matches()) {
                unattributed.merge("from " + srcNs + "/" + src + " to " + dst, value, Double::sum);
                continue;
            }
            String dstNs = m.get("destination_service_namespace");
            Key k = new Key(srcNs, src, dst, unknown(dstNs) ? "" : dstNs, m.getOrDefault("reporter", ""));
            byReporter.computeIfAbsent(k, x -> new double[1])[0] += value;
        }
        EvidenceInput.failOnErrors(diags);
        unattributed.forEach((what, n) -> notes.add(name + ": " + Math.round(n) + " calls " + what
                + " cannot be tied to a service and are not used"));
        String w = window != null ? window : window(type, span);
        EvidenceSource source = new EvidenceSource(EvidenceKind.PROMETHEUS, name, w);
        return new Evidence(calls(byReporter, source), List.of(source), notes);
    }

    /** One call per (source, destination): the source reporter's count when there is one, else the others'. */
    private static List<Call> calls(Map<Key, double[]> byReporter, EvidenceSource source) {
        Map<Key, Double> chosen = new LinkedHashMap<>();
        Map<Key, Boolean> fromSource = new LinkedHashMap<>();
        for (Map.Entry<Key, double[]> e : byReporter.entrySet()) {
            Key call = e.getKey().withoutReporter();
            boolean isSource = e.getKey().reporter().equals("source");
            Boolean had = fromSource.get(call);
            if (had == null || (isSource && !had)) {
                chosen.put(call, e.getValue()[0]);
                fromSource.put(call, isSource);
            } else if (had == isSource) {
                chosen.merge(call, e.getValue()[0], Double::sum);
            }
        }
        List<Call> out = new ArrayList<>();
        chosen.forEach((k, v) -> {
            long n = Math.max(1, Math.round(v));
            out.add(new Call(k.srcNs(), k.src(), k.dst(), k.dstNs().isEmpty() ? null : k.dstNs(), null, n, source));
        });
        return out;
    }

    private static double instant(NodeReader value, double[] span) {
        List<NodeReader> pair = value.items();
        if (pair.size() != 2) {
            value.error(Diagnostics.SHAPE, "expected [timestamp, \"value\"]");
            return Double.NaN;
        }
        double ts = number(pair.get(0));
        span[0] = Math.min(span[0], ts);
        span[1] = Math.max(span[1], ts);
        return number(pair.get(1));
    }

    private static double increase(NodeReader values, double[] span) {
        double total = 0;
        double prev = Double.NaN;
        for (NodeReader sample : values.items()) {
            double v = instant(sample, span);
            if (Double.isNaN(v)) {
                return Double.NaN;
            }
            if (!Double.isNaN(prev)) {
                total += v >= prev ? v - prev : v; // a drop is a counter reset: the new value is all new
            }
            prev = v;
        }
        return total;
    }

    private static double number(NodeReader n) {
        String s = n.string();
        try {
            return s == null ? Double.NaN : Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            n.error(Diagnostics.TYPE, "expected a number, got " + n.node().describe());
            return Double.NaN;
        }
    }

    private static boolean unknown(String s) {
        return s == null || s.isEmpty() || s.equals("unknown");
    }

    private static String window(String type, double[] span) {
        if (span[0] > span[1]) {
            return null;
        }
        String from = Instant.ofEpochMilli(Math.round(span[0] * 1000)).toString();
        String to = Instant.ofEpochMilli(Math.round(span[1] * 1000)).toString();
        return "vector".equals(type) || from.equals(to) ? "at " + to : from + ".." + to;
    }

    private record Key(String srcNs, String src, String dst, String dstNs, String reporter) implements Comparable<Key> {
        Key withoutReporter() {
            return new Key(srcNs, src, dst, dstNs, "");
        }

        @Override
        public int compareTo(Key o) {
            return toString().compareTo(o.toString());
        }
    }
}
