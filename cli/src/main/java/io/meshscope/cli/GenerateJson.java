package io.meshscope.cli;

import io.meshscope.core.generate.Coverage;
import io.meshscope.core.generate.GenerationResult;
import io.meshscope.core.generate.Layout;
import io.meshscope.core.generate.RolloutPlan;
import io.meshscope.core.generate.SidecarDraft;
import io.meshscope.core.generate.Unevidenced;
import io.meshscope.core.whatif.WhatIfReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code generate -o json}: the report as one JSON document — options, the Sidecars written, the layout and sizes
 * per namespace, how much of the mesh the evidence covers and what was done with each workload it does not
 * cover, the check, and the config totals labelled with what they count. Without a directory the files' YAML is
 * in it too.
 */
final class GenerateJson {
    private GenerateJson() {
    }

    static String of(GenerateOutput output, Map<String, String> files, String dir) {
        GenerationResult result = output.result();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("strategy", result.options().strategy().cliName());
        root.put("merge", result.options().merge());
        root.put("noEvidence", result.options().noEvidence().cliName());
        root.put("outputDir", dir);
        List<Object> fileList = new ArrayList<>();
        files.forEach((name, text) -> {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("name", name);
            if (dir == null) {
                f.put("content", text);
            }
            fileList.add(f);
        });
        root.put("files", fileList);
        List<Object> sidecars = new ArrayList<>();
        for (SidecarDraft d : result.sidecars()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("sidecar", d.id());
            m.put("kind", kind(d.kind()));
            m.put("workloads", d.workloads());
            m.put("hosts", d.egress().stream().flatMap(l -> l.hosts().stream()).map(SidecarDraft.Host::line).toList());
            sidecars.add(m);
        }
        root.put("sidecars", sidecars);
        WhatIfReport check = result.verification();
        List<Object> layouts = new ArrayList<>();
        for (Layout l : result.layouts()) {
            long[] sizes = GenerateOutput.sizes(check, l.namespace());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("namespace", l.namespace());
            m.put("layout", l.label());
            m.put("sidecars", l.sidecars());
            m.put("scoped", sizes[0]);
            m.put("unscoped", sizes[1]);
            layouts.add(m);
        }
        root.put("layouts", layouts);
        root.put("coverage", coverage(result.coverage()));
        List<Object> without = new ArrayList<>();
        for (Unevidenced u : result.unevidenced()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("workload", u.caller().id());
            m.put("action", u.skipped() ? "skipped" : "isolated");
            m.put("sidecar", u.sidecar());
            m.put("why", u.why());
            without.add(m);
        }
        root.put("withoutEvidence", without);
        root.put("notes", result.notes());
        Map<String, Object> verification = new LinkedHashMap<>();
        verification.put("observed", check.observed());
        verification.put("broken", check.broken().size());
        root.put("check", verification);
        root.put("unresolved", result.resolution().unresolved().stream().map(EvidenceText::unresolvedJson).toList());
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("unit", check.unit());
        config.put("counts", SizeModels.label(check.unit()));
        config.put("unscoped", check.totalUnscoped());
        config.put("scoped", check.totalScoped());
        config.put("saved", check.saved());
        root.put("config", config);
        RolloutPlan plan = output.plan();
        if (plan != null) {
            root.put("plan", plan.order());
        }
        return EvidenceText.json(root);
    }

    static Map<String, Object> coverage(Coverage c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("workloads", c.workloads());
        m.put("coveredWorkloads", c.coveredWorkloads());
        m.put("workloadShare", c.workloads() == 0 ? 0.0 : Math.round(1e4 * c.coveredWorkloads() / (double) c.workloads()) / 1e4);
        m.put("namespaces", c.namespaces());
        m.put("coveredNamespaces", c.coveredNamespaces());
        m.put("partlyCoveredNamespaces", c.partlyCoveredNamespaces());
        m.put("namespaceShare", c.namespaces() == 0 ? 0.0 : Math.round(1e4 * c.coveredNamespaces() / (double) c.namespaces()) / 1e4);
        return m;
    }

    private static String kind(SidecarDraft.Kind k) {
        return switch (k) {
            case NAMESPACE_DEFAULT -> "namespaceDefault";
            case WORKLOAD -> "workload";
            case MERGED -> "merged";
            case UNCHANGED -> "unchanged";
        };
    }
}
