package io.meshscope.cli;

import io.meshscope.core.deps.ResolvedCall;
import io.meshscope.core.model.Diagnostic;
import io.meshscope.core.model.Severity;
import io.meshscope.core.render.TextSafe;
import io.meshscope.core.whatif.BrokenCall;
import io.meshscope.core.whatif.WhatIfReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code whatif}'s text and JSON output. */
final class WhatIfRender {
    private WhatIfRender() {
    }

    static String text(WhatIfReport r, String label) {
        return text(r, label, List.of());
    }

    /** The report, after the validation findings on the proposed Sidecars ({@code invalid}, may be empty). */
    static String text(WhatIfReport r, String label, List<Diagnostic> invalid) {
        StringBuilder sb = new StringBuilder();
        if (!invalid.isEmpty()) {
            for (Diagnostic d : invalid) {
                sb.append(d.severity().label()).append(": ").append(d.render()).append('\n');
            }
            long errors = invalid.stream().filter(d -> d.severity() == Severity.ERROR).count();
            sb.append("whatif: the proposed Sidecars have ").append(errors).append(" validation error(s) and ")
                    .append(invalid.size() - errors).append(" warning(s) (above)")
                    .append(errors > 0 ? ": Istio's admission webhook would reject them; evaluated as written below" : "")
                    .append("\n\n");
        }
        sb.append("whatif: ").append(r.broken().size()).append(" of ").append(r.observed())
                .append(" observed calls would break under ").append(label).append('\n');
        for (Map.Entry<String, List<BrokenCall>> e : r.byWorkload().entrySet()) {
            BrokenCall first = e.getValue().get(0);
            sb.append('\n').append(t(e.getKey())).append(" (Sidecar ").append(t(first.sidecarName())).append(")\n");
            for (BrokenCall b : e.getValue()) {
                sb.append("  ").append(String.format("%-12s", b.outcome().label())).append(t(b.call().destination()));
                if (b.call().count() > 0) {
                    sb.append("  ").append(b.call().count()).append(b.call().count() == 1 ? " call" : " calls");
                }
                sb.append("  [").append(t(String.join("; ", b.call().sourceLabels()))).append("]\n");
                if (b.fix() != null) {
                    sb.append("    fix: add \"").append(t(b.fix())).append("\" to ").append(t(b.fixField()))
                            .append(b.listenerPort() != null ? " (the port " + b.listenerPort() + " listener)" : "")
                            .append(" of ").append(t(b.sidecarName())).append('\n');
                } else {
                    sb.append("    no host line fixes it: ").append(t(b.why())).append('\n');
                }
            }
        }
        sb.append('\n');
        EvidenceText.sources(sb, r.resolution());
        EvidenceText.problems(sb, r.resolution());
        long proxies = r.sizes().stream().mapToLong(s -> s.caller().replicas()).sum();
        sb.append("\nconfig: ").append(r.totalScoped()).append(' ').append(r.unit()).append(" over ").append(proxies)
                .append(" proxies with these Sidecars, ").append(r.totalUnscoped()).append(" without (saves ")
                .append(r.saved()).append(", ").append(EvidenceText.percent(r.saved(), r.totalUnscoped()))
                .append(")\n").append("  (").append(r.unit()).append(": ").append(SizeModels.label(r.unit()))
                .append(")\n");
        return sb.toString();
    }

    static String json(WhatIfReport r, String label, List<Diagnostic> invalid) {
        return json(r, label, invalid, null);
    }

    /**
     * As above; with {@code observed} (whatif --calls), also every observed call among them, each marked broken or
     * not: the web view draws them over the dependency graph.
     */
    static String json(WhatIfReport r, String label, List<Diagnostic> invalid, List<ResolvedCall> observed) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("sidecars", label);
        Map<String, Object> validation = new LinkedHashMap<>();
        validation.put("errors", invalid.stream().filter(d -> d.severity() == Severity.ERROR)
                .map(DiagnosticJson::toMap).toList());
        validation.put("warnings", invalid.stream().filter(d -> d.severity() != Severity.ERROR)
                .map(DiagnosticJson::toMap).toList());
        root.put("validation", validation);
        root.put("observed", r.observed());
        List<Object> workloads = new ArrayList<>();
        for (Map.Entry<String, List<BrokenCall>> e : r.byWorkload().entrySet()) {
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("workload", e.getKey());
            w.put("sidecar", e.getValue().get(0).sidecar() == null ? null : e.getValue().get(0).sidecarName());
            List<Object> calls = new ArrayList<>();
            for (BrokenCall b : e.getValue()) {
                Map<String, Object> c = EvidenceText.callJson(b.call());
                c.put("outcome", b.outcome().label());
                c.put("fix", b.fix());
                c.put("field", b.fix() == null ? null : b.fixField());
                c.put("why", b.why());
                calls.add(c);
            }
            w.put("calls", calls);
            workloads.add(w);
        }
        root.put("broken", workloads);
        root.put("unresolved", r.resolution().unresolved().stream().map(EvidenceText::unresolvedJson).toList());
        root.put("notes", r.resolution().evidence().notes());
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("unit", r.unit());
        config.put("counts", SizeModels.label(r.unit()));
        config.put("unscoped", r.totalUnscoped());
        config.put("scoped", r.totalScoped());
        config.put("saved", r.saved());
        root.put("config", config);
        if (observed != null) {
            root.put("calls", callsJson(r, observed));
        }
        return EvidenceText.json(root);
    }

    private static List<Object> callsJson(WhatIfReport r, List<ResolvedCall> calls) {
        Map<ResolvedCall, BrokenCall> broken = new HashMap<>();
        r.broken().forEach(b -> broken.put(b.call(), b));
        List<Object> out = new ArrayList<>();
        for (ResolvedCall c : calls) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("workload", c.caller().id());
            m.putAll(EvidenceText.callJson(c));
            m.put("namespace", c.service().namespace());
            BrokenCall b = broken.get(c);
            m.put("broken", b != null);
            m.put("outcome", b == null ? null : b.outcome().label());
            out.add(m);
        }
        return out;
    }

    /** User text (names, hosts, labels, file names) as one safe line (issue 13 item 9): see {@link TextSafe}. */
    static String t(Object userText) {
        return TextSafe.escape(String.valueOf(userText));
    }
}
