package io.meshscope.cli;

import io.meshscope.core.deps.EvidenceSource;
import io.meshscope.core.generate.Coverage;
import io.meshscope.core.generate.GenerationResult;
import io.meshscope.core.generate.Layout;
import io.meshscope.core.generate.RolloutPlan;
import io.meshscope.core.generate.SidecarDraft;
import io.meshscope.core.generate.SidecarYaml;
import io.meshscope.core.generate.Unevidenced;
import io.meshscope.core.whatif.WhatIfReport;
import io.meshscope.core.whatif.WorkloadSize;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes what generate produced: the Sidecars as one YAML stream on standard output ({@code -o -}, the report on
 * standard error) or one file per namespace in a directory ({@code <namespace>.yaml}; with a rollout plan
 * {@code NN-<namespace>.yaml} in step order and {@code rollout-plan.txt}), and the report.
 */
final class GenerateOutput {
    static final String PLAN_FILE = "rollout-plan.txt";

    private final GenerationResult result;
    private final RolloutPlan plan;

    GenerateOutput(GenerationResult result, RolloutPlan plan) {
        this.result = result;
        this.plan = plan;
    }

    /**
     * Writes the Sidecars to {@code output} ({@code -}: standard output) and the report: as text (on standard
     * error when the Sidecars go to standard output), or with {@code json} as one JSON document on standard output
     * (which then holds the YAML too when no directory is given).
     */
    void write(String output, boolean json, PrintWriter out, PrintWriter err) {
        boolean stdout = output.equals("-");
        Map<String, String> files = files(!stdout);
        if (stdout) {
            if (json) {
                out.print(GenerateJson.of(this, files, null));
            } else {
                out.print(String.join("---\n", files.values()));
                err.print(report());
                err.flush();
            }
            out.flush();
            return;
        }
        Path dir;
        try {
            dir = Path.of(output);
            Files.createDirectories(dir);
        } catch (InvalidPathException | IOException e) {
            throw new CommandFailure(ExitCodes.USAGE, "cannot create " + output + ": " + e.getMessage());
        }
        try {
            for (Map.Entry<String, String> f : files.entrySet()) {
                Files.writeString(dir.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new CommandFailure(ExitCodes.USAGE, "cannot write to " + output + ": " + e.getMessage());
        }
        if (json) {
            out.print(GenerateJson.of(this, files, output));
        } else {
            out.print(report());
            out.println("wrote " + files.size() + " files to " + output);
        }
        out.flush();
    }

    /**
     * File name to content: one YAML file per group, then in a directory the rollout plan. In a directory every
     * file carries the generate header; on standard output only the first part does, so the stream reads as one.
     */
    private Map<String, String> files(boolean directory) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> g : groups().entrySet()) {
            List<String> header = new ArrayList<>(directory || out.isEmpty() ? header() : List.of());
            header.addAll(g.getValue());
            out.put(g.getKey() + ".yaml", SidecarYaml.render(result.in(namespaceOf(g.getKey())), header));
        }
        if (plan != null && directory) {
            out.put(PLAN_FILE, planText());
        }
        return out;
    }

    GenerationResult result() {
        return result;
    }

    RolloutPlan plan() {
        return plan;
    }

    /** File base name (namespace, or NN-namespace in plan order) to the step comment lines of that group. */
    private Map<String, List<String>> groups() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        List<String> namespaces = result.sidecars().stream().map(SidecarDraft::namespace).distinct().sorted().toList();
        if (plan == null) {
            namespaces.forEach(ns -> out.put(ns, List.of()));
            return out;
        }
        int width = String.valueOf(plan.steps().size()).length() < 2 ? 2 : String.valueOf(plan.steps().size()).length();
        for (RolloutPlan.Step s : plan.steps()) {
            out.put(String.format("%0" + width + "d-%s", s.number(), s.namespace()), List.of(stepLine(s)));
        }
        namespaces.stream().filter(ns -> !plan.order().contains(ns)).forEach(ns -> out.put(ns, List.of()));
        return out;
    }

    private static String namespaceOf(String group) {
        return group.matches("\\d+-.+") ? group.substring(group.indexOf('-') + 1) : group;
    }

    private List<String> header() {
        List<String> h = new ArrayList<>();
        h.add("Generated by meshscope generate --strategy " + result.options().strategy().cliName()
                + (result.options().merge() ? " --merge" : "") + ". Evidence: "
                + String.join("; ", result.resolution().evidence().sources().stream()
                        .map(EvidenceSource::describe).toList()) + ".");
        h.add("Each host's comment names the workloads seen calling it, the calls counted and the evidence.");
        return h;
    }

    private String stepLine(RolloutPlan.Step s) {
        return "Rollout step " + s.number() + "/" + plan.steps().size() + ": namespace " + s.namespace() + " — "
                + s.callers() + " calling workloads, " + s.traffic() + " calls, " + s.dependencies()
                + " dependencies; saves " + s.saved() + " " + plan.unit() + " (" + s.cumulativeSaved()
                + " so far, " + EvidenceText.percent(s.cumulativeSaved(), plan.unscopedTotal()) + ").";
    }

    String report() {
        StringBuilder sb = new StringBuilder();
        long added = result.sidecars().stream().filter(d -> d.kind() != SidecarDraft.Kind.UNCHANGED).count();
        sb.append("generate: ").append(result.sidecars().size()).append(" Sidecars (").append(added)
                .append(" new or changed) in ").append(result.sidecars().stream().map(SidecarDraft::namespace)
                        .distinct().count()).append(" namespaces, strategy ")
                .append(result.options().strategy().cliName()).append(result.options().merge() ? ", merge" : "")
                .append('\n');
        WhatIfReport check = result.verification();
        for (Layout l : result.layouts()) {
            long[] sizes = sizes(check, l.namespace());
            sb.append(String.format("  %-20s %-48s %d Sidecar(s)  %d %s (without Sidecars: %d)%n", EvidenceText.t(l.namespace()),
                    EvidenceText.t(l.label()), l.sidecars(), sizes[0], check.unit(), sizes[1]));
        }
        for (SidecarDraft d : result.sidecars()) {
            if (d.kind() == SidecarDraft.Kind.MERGED) {
                sb.append("  merged ").append(EvidenceText.t(d.id())).append(": ").append(d.addedHosts()).append(" host(s) added\n");
            }
        }
        EvidenceText.sources(sb, result.resolution());
        coverage(sb);
        EvidenceText.gateways(sb, result.gateways(), result.resolution());
        EvidenceText.problems(sb, result.resolution());
        if (!result.notes().isEmpty()) {
            sb.append("\n");
            result.notes().forEach(n -> sb.append("note: ").append(EvidenceText.t(n)).append('\n'));
        }
        if (check.broken().isEmpty()) {
            sb.append("\ncheck: none of the ").append(check.observed())
                    .append(" observed calls would break under the generated Sidecars\n");
        } else {
            sb.append("\ncheck: FAILED\n").append(WhatIfRender.text(check, "the generated Sidecars"));
        }
        sb.append("config: ").append(check.totalScoped()).append(' ').append(check.unit())
                .append(" with the generated Sidecars, ").append(check.totalUnscoped()).append(" without (saves ")
                .append(check.saved()).append(", ").append(EvidenceText.percent(check.saved(), check.totalUnscoped()))
                .append(")\n").append("  (").append(check.unit()).append(": ").append(SizeModels.label(check.unit()))
                .append(")\n");
        if (plan != null) {
            sb.append('\n').append(planText());
        }
        return sb.toString();
    }

    /**
     * How much of the mesh the evidence covers, and every sidecar workload it does not cover with what was done
     * with it (kept at its current scope, or isolated with {@code --no-evidence isolate}).
     */
    private void coverage(StringBuilder sb) {
        Coverage c = result.coverage();
        sb.append("coverage: the evidence covers ").append(c.coveredWorkloads()).append(" of ").append(c.workloads())
                .append(" sidecar workloads (").append(EvidenceText.percent(c.coveredWorkloads(), c.workloads()))
                .append(") and ").append(c.coveredNamespaces()).append(" of ").append(c.namespaces())
                .append(" namespaces fully");
        if (c.partlyCoveredNamespaces() > 0) {
            sb.append(" (").append(c.partlyCoveredNamespaces()).append(" more partly)");
        }
        sb.append('\n');
        List<Unevidenced> skipped = result.unevidenced().stream().filter(Unevidenced::skipped).toList();
        List<Unevidenced> isolated = result.unevidenced().stream().filter(u -> !u.skipped()).toList();
        if (!skipped.isEmpty()) {
            sb.append("skipped, current scope kept (--no-evidence skip; --no-evidence isolate would give the uncovered"
                    + " ones Sidecars importing nothing):\n");
            skipped.forEach(u -> sb.append("  ").append(EvidenceText.t(u.caller().id())).append(": ")
                    .append(EvidenceText.t(u.why())).append('\n'));
        }
        if (!isolated.isEmpty()) {
            sb.append("isolated without evidence (--no-evidence isolate: they import only --always hosts):\n");
            isolated.forEach(u -> sb.append("  ").append(EvidenceText.t(u.caller().id())).append('\n'));
        }
    }

    /** Scoped and unscoped totals over the sidecar proxies of a namespace. */
    static long[] sizes(WhatIfReport check, String ns) {
        long[] out = new long[2];
        for (WorkloadSize s : check.sizes()) {
            if (s.caller().namespace().equals(ns) && s.caller().isSidecar()) {
                out[0] += s.scoped() * s.caller().replicas();
                out[1] += s.unscoped() * s.caller().replicas();
            }
        }
        return out;
    }

    String planText() {
        StringBuilder sb = new StringBuilder();
        sb.append("Rollout plan: one namespace at a time, least risky first (fewest calling workloads, then least\n")
                .append("traffic, fewest dependencies, fewest dependents). After each step, watch the namespace's\n")
                .append("error rates (503/502, BlackHoleCluster, PassthroughCluster) for a day or two, then go on.\n\n");
        sb.append(String.format("%-5s %-20s %-8s %-8s %-10s %-5s %-10s %-10s %s%n", "step", "namespace", "sidecars",
                "callers", "calls", "deps", "dependents", "saves", "so far"));
        for (RolloutPlan.Step s : plan.steps()) {
            sb.append(String.format("%-5d %-20s %-8d %-8d %-10d %-5d %-10d %-10d %d %s (%s)%n", s.number(),
                    EvidenceText.t(s.namespace()), s.sidecars().size(), s.callers(), s.traffic(), s.dependencies(), s.dependents(),
                    s.saved(), s.cumulativeSaved(), plan.unit(),
                    EvidenceText.percent(s.cumulativeSaved(), plan.unscopedTotal())));
        }
        return sb.toString();
    }
}
