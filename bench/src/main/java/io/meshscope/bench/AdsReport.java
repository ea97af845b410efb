package io.meshscope.bench;

import io.meshscope.bench.AdsBench.Impl;
import io.meshscope.bench.AdsBench.RoundResult;
import io.meshscope.bench.AdsBench.RunResult;
import io.meshscope.core.synth.SidecarStrategy;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * AdsBench's closing tables, every figure computed from this run: a summary per run, meshscope and the
 * java-control-plane baseline side by side with their ratios, and the targets, each marked met or NOT met.
 */
final class AdsReport {
    /** Issue 14's targets (2 cores). */
    static final double P99_AT_1K_MS = 50;
    static final double P99_AT_10K_MS = 300;
    static final double FULL_PUSH_10K_MS = 500;
    static final double MIN_RATIO = 5;
    static final double HEAP_PER_PROXY_KB = 10;
    static final double REACH_SHARE = 0.05;
    static final double REACH_CPU_SHARE = 0.15;

    private final PrintStream out;
    private final List<RunResult> results;
    private final boolean childClients;

    AdsReport(PrintStream out, List<RunResult> results, boolean childClients) {
        this.out = out;
        this.results = results;
        this.childClients = childClients;
    }

    void print() {
        summary();
        sideBySide();
        targets();
    }

    private static String label(RunResult r) {
        return r.impl() == Impl.MESHSCOPE ? "meshscope" : "java-control-plane";
    }

    private static Map<String, List<RoundResult>> byKind(RunResult r) {
        Map<String, List<RoundResult>> m = new LinkedHashMap<>();
        r.rounds().forEach(x -> m.computeIfAbsent(x.target().kind(), k -> new ArrayList<>()).add(x));
        if (!r.fullPushes().isEmpty()) {
            m.put(AdsBench.FULL_PUSH.kind(), r.fullPushes());
        }
        return m;
    }

    /** Median over rounds of one figure of each round. */
    private static double median(List<RoundResult> rs, ToDoubleFunction<RoundResult> f) {
        return rs.isEmpty() ? Double.NaN : Stats.of(rs.stream().mapToDouble(f).toArray()).median();
    }

    private static double worst(List<RoundResult> rs, ToDoubleFunction<RoundResult> f) {
        return rs.isEmpty() ? Double.NaN : Stats.of(rs.stream().mapToDouble(f).toArray()).max();
    }

    private void summary() {
        out.println("## Summary");
        out.println();
        Table t = new Table("proxies", "Sidecars", "control plane", "converged", "initial convergence s",
                "server CPU s", "heap per proxy kB (per-stream state)", "change (callers)", "pushed / connected",
                "p50 ms", "p99 ms (median; worst)", "last proxy ms", "server CPU ms", "kB sent",
                "other types pushed");
        for (RunResult r : results) {
            String head = String.format(Locale.ROOT, "%,d", r.n());
            if (r.converge() == null) {
                t.row(head, SynthFiles.label(r.variant()), label(r), "failed: " + r.error(), "", "", "", "", "", "",
                        "", "", "", "", "");
                continue;
            }
            boolean first = true;
            Map<String, List<RoundResult>> kinds = byKind(r);
            if (kinds.isEmpty()) {
                kinds.put("-", List.of());
            }
            for (Map.Entry<String, List<RoundResult>> e : kinds.entrySet()) {
                List<RoundResult> rs = e.getValue();
                String change = rs.isEmpty() ? "-" : rs.get(0).target() == AdsBench.FULL_PUSH ? "full push"
                        : rs.get(0).target().kind() + " " + rs.get(0).target().namespace() + "/"
                        + rs.get(0).target().name() + " (" + rs.get(0).target().callers() + ")";
                int pushed = rs.stream().mapToInt(x -> x.round().eds()).max().orElse(0);
                int others = rs.stream().mapToInt(x -> x.round().cds() + x.round().lds() + x.round().rds()).max()
                        .orElse(0);
                t.row(first ? head : "", first ? SynthFiles.label(r.variant()) : "", first ? label(r) : "",
                        first ? r.converge().converged() + "/" + r.converge().streams() : "",
                        first ? f(r.converge().totalMs() / 1000) : "", first ? f(r.convergeCpuMs() / 1000) : "",
                        first ? String.format(Locale.ROOT, "%.1f (%.1f)", r.heapPerProxy() / 1024,
                                r.streamStatePerProxy() / 1024) : "",
                        change, rs.isEmpty() ? "-" : pushed + " / " + r.n(),
                        f(median(rs, x -> x.round().p50Ms())),
                        f(median(rs, x -> x.round().p99Ms())) + "; " + f(worst(rs, x -> x.round().p99Ms())),
                        f(median(rs, x -> x.round().maxMs())), f(median(rs, RoundResult::serverCpuMs)),
                        f(median(rs, x -> x.round().bytes() / 1024.0)), rs.isEmpty() ? "-" : others);
                first = false;
            }
        }
        t.print(out);
    }

    /** The run of the other control plane for the same proxies and Sidecars, or null. */
    private RunResult baselineOf(RunResult r) {
        for (RunResult o : results) {
            if (o.impl() == Impl.BASELINE && o.n() == r.n() && o.variant() == r.variant()) {
                return o;
            }
        }
        return null;
    }

    private record Figure(String name, ToDoubleFunction<RunResult> value, String unit) {
    }

    private static List<Figure> figures() {
        List<Figure> f = new ArrayList<>();
        for (String kind : List.of("most-called", "typical", AdsBench.FULL_PUSH.kind())) {
            String what = kind.equals(AdsBench.FULL_PUSH.kind()) ? "full push" : "endpoint change, " + kind;
            f.add(new Figure(what + ": p50", r -> median(rounds(r, kind), x -> x.round().p50Ms()), "ms"));
            f.add(new Figure(what + ": p99", r -> median(rounds(r, kind), x -> x.round().p99Ms()), "ms"));
            f.add(new Figure(what + ": last proxy", r -> median(rounds(r, kind), x -> x.round().maxMs()), "ms"));
            f.add(new Figure(what + ": server CPU", r -> median(rounds(r, kind), RoundResult::serverCpuMs), "ms"));
            f.add(new Figure(what + ": clients' CPU", r -> median(rounds(r, kind), RoundResult::clientCpuMs),
                    "ms"));
            f.add(new Figure(what + ": bytes sent", r -> median(rounds(r, kind), x -> x.round().bytes() / 1024.0),
                    "kB"));
        }
        f.add(new Figure("heap per connected proxy", r -> r.heapPerProxy() / 1024, "kB"));
        f.add(new Figure("initial convergence", r -> r.converge().totalMs(), "ms"));
        f.add(new Figure("initial convergence: server CPU", RunResult::convergeCpuMs, "ms"));
        return f;
    }

    static List<RoundResult> rounds(RunResult r, String kind) {
        List<RoundResult> rs = byKind(r).get(kind);
        return rs == null ? List.of() : rs;
    }

    private void sideBySide() {
        out.println("## Side by side: meshscope and java-control-plane");
        out.println();
        boolean any = false;
        for (RunResult r : results) {
            RunResult b = baselineOf(r);
            if (r.impl() != Impl.MESHSCOPE || b == null) {
                continue;
            }
            any = true;
            out.printf(Locale.ROOT, "%,d proxies, Sidecars %s (ratio: java-control-plane ÷ meshscope; above 1 "
                    + "meshscope is better)%n%n", r.n(), SynthFiles.label(r.variant()));
            if (!complete(r) || !complete(b)) {
                out.println("not compared: " + (complete(r) ? "java-control-plane" : "meshscope") + " did not "
                        + "converge (" + (r.error() != null ? r.error() : b.error() != null ? b.error() : "see above")
                        + ")");
                out.println();
                continue;
            }
            Table t = new Table("figure", "meshscope", "java-control-plane", "ratio");
            for (Figure f : figures()) {
                double m = f.value().applyAsDouble(r);
                double j = f.value().applyAsDouble(b);
                if (Double.isNaN(m) && Double.isNaN(j)) {
                    continue;
                }
                t.row(f.name(), f(m) + " " + f.unit(), f(j) + " " + f.unit(), ratio(j, m));
            }
            t.print(out);
        }
        if (!any) {
            out.println("(no baseline run: --baseline false or --change file)");
            out.println();
        }
    }

    private void targets() {
        out.println("## Targets");
        out.println();
        Table g = new Table("target", "Sidecars", "measured", "met?");
        for (RunResult r : results) {
            if (r.impl() != Impl.MESHSCOPE) {
                continue;
            }
            String v = SynthFiles.label(r.variant());
            if (r.converge() == null) {
                g.row(String.format(Locale.ROOT, "%,d proxies", r.n()), v, "run failed: " + r.error(), "NOT met");
                continue;
            }
            RunResult b = baselineOf(r);
            boolean baselineOk = b != null && complete(b);
            if (b != null && !baselineOk) {
                g.row(String.format(Locale.ROOT, "comparison with java-control-plane (%,d proxies)", r.n()), v,
                        "java-control-plane did not converge: no ratio", "NOT met");
            }
            double limit = r.n() <= 1000 ? P99_AT_1K_MS : r.n() <= 10_000 ? P99_AT_10K_MS : Double.NaN;
            for (String kind : List.of("most-called", "typical")) {
                List<RoundResult> rs = rounds(r, kind);
                if (rs.isEmpty() || Double.isNaN(limit)) {
                    continue;
                }
                double p99 = median(rs, x -> x.round().p99Ms());
                boolean missed = rs.stream().anyMatch(x -> x.round().missed() > 0 || !x.round().verified());
                g.row(String.format(Locale.ROOT, "endpoint change (%s) p99 ≤ %.0f ms at %,d proxies", kind, limit,
                        r.n()), v, String.format(Locale.ROOT, "%s ms (median of %d rounds; worst %s)%s", f(p99),
                        rs.size(), f(worst(rs, x -> x.round().p99Ms())), missed ? "; some proxies missed it" : ""),
                        met(!missed && p99 <= limit));
                if (baselineOk) {
                    ratioRow(g, v, "endpoint change (" + kind + ") p99", p99,
                            median(rounds(b, kind), x -> x.round().p99Ms()));
                }
            }
            List<RoundResult> full = r.fullPushes();
            if (!full.isEmpty()) {
                double last = median(full, x -> x.round().maxMs());
                boolean missed = full.stream().anyMatch(x -> x.round().missed() > 0 || !x.round().verified());
                if (r.n() <= 10_000) {
                    g.row(String.format(Locale.ROOT, "full push to %,d proxies ≤ %.1f s (last proxy)", r.n(),
                            FULL_PUSH_10K_MS / 1000), v, String.format(Locale.ROOT, "%s ms (median of %d; worst %s)%s",
                            f(last), full.size(), f(worst(full, x -> x.round().maxMs())), missed
                                    ? "; some proxies missed it" : ""), met(!missed && last <= FULL_PUSH_10K_MS));
                }
                if (baselineOk) {
                    ratioRow(g, v, "full push (last proxy)", last, median(b.fullPushes(), x -> x.round().maxMs()));
                }
                reach(g, r, v, full);
            }
            double kb = r.heapPerProxy() / 1024;
            if (r.n() >= 10_000 && r.variant() != SidecarStrategy.NONE) {
                g.row(String.format(Locale.ROOT, "heap ≤ %.0f kB per connected proxy with Sidecars (%,d)",
                        HEAP_PER_PROXY_KB, r.n()), v, String.format(Locale.ROOT, "%.1f kB%s", kb,
                        childClients ? "" : " (clients included)"), met(kb <= HEAP_PER_PROXY_KB));
            }
            if (baselineOk) {
                ratioRow(g, v, "heap per connected proxy", kb, b.heapPerProxy() / 1024);
            }
        }
        g.print(out);
    }

    /** Push cost follows reach: a change reaching about 5 % of the proxies costs at most 15 % of a full push. */
    private void reach(Table g, RunResult r, String v, List<RoundResult> full) {
        double fullCpu = median(full, RoundResult::serverCpuMs);
        for (String kind : List.of("most-called", "typical")) {
            List<RoundResult> rs = rounds(r, kind);
            if (rs.isEmpty()) {
                continue;
            }
            double reached = median(rs, x -> x.round().eds()) / r.n();
            if (reached > REACH_SHARE * 1.1) {
                continue; // the target speaks of changes reaching about 5 %; wider ones are in the summary
            }
            double share = median(rs, RoundResult::serverCpuMs) / fullCpu;
            g.row(String.format(Locale.ROOT, "server CPU of a change reaching ≤ %.0f %% ≤ %.0f %% of a full push "
                            + "(%,d proxies, %s)", REACH_SHARE * 100, REACH_CPU_SHARE * 100, r.n(), kind), v,
                    String.format(Locale.ROOT, "reaches %.1f %%; %s of %s ms = %.1f %%", reached * 100,
                            f(median(rs, RoundResult::serverCpuMs)), f(fullCpu), share * 100),
                    met(share <= REACH_CPU_SHARE));
        }
    }

    private static void ratioRow(Table g, String v, String what, double ours, double theirs) {
        g.row(String.format(Locale.ROOT, "%s at least %.0fx better than java-control-plane", what, MIN_RATIO), v,
                String.format(Locale.ROOT, "%s vs %s: %s", f(ours), f(theirs), ratio(theirs, ours)),
                met(theirs / ours >= MIN_RATIO));
    }

    /** Every stream converged (only then are the change rounds run). */
    private static boolean complete(RunResult r) {
        return r.converge() != null && r.converge().converged() == r.converge().streams();
    }

    private static String met(boolean ok) {
        return ok ? "met" : "NOT met";
    }

    private static String ratio(double theirs, double ours) {
        if (Double.isNaN(theirs) || Double.isNaN(ours) || ours <= 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.1fx", theirs / ours);
    }

    private static String f(double v) {
        return AdsBench.f1(v);
    }
}
