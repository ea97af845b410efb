package io.meshscope.cli;

import io.meshscope.core.render.Json;
import io.meshscope.core.render.TextSafe;
import io.meshscope.core.analyze.Analysis;
import io.meshscope.core.analyze.AnalysisMessage;
import io.meshscope.core.analyze.Analyzer;
import io.meshscope.core.analyze.MeshscopeAnalyzers;
import io.meshscope.core.analyze.Suppression;
import io.meshscope.core.analyze.NotGeneratedAnalyzer;
import io.meshscope.core.model.Diagnostic;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Severity;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.decode.SkippedFiles;
import io.meshscope.xds.report.ConfigReporter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code meshscope analyze}: Istio's Sidecar analyzers (IST codes, istioctl's texts) and meshscope's own (MS codes). */
@Command(name = "analyze", header = "Lint mesh config: Istio's Sidecar analyzers and meshscope's MS checks.", mixinStandardHelpOptions = true,
        description = {
            "Analyze mesh config for Sidecar mistakes. Istio's own checks keep istioctl's codes and texts:",
            "IST0101 (selector matches no workload), IST0110 (several Sidecars select one workload), IST0111",
            "(several Sidecars without selector in a namespace), IST0167 (ambient: no effect), IST0002 (deprecated",
            "egressProxy), IST0106/IST0133 (schema errors/warnings). meshscope's own checks are MS0001..MS0014:",
            "hosts that import nothing, '~/*', '*/*', namespaces without Sidecar, root-namespace selectors, empty",
            "port listeners, REGISTRY_ONLY gaps, narrowed defaults, selectors matching no workload, duplicate",
            "Sidecars, reliance on documented-only behaviour, captureMode NONE, namespace defaults without the",
            "root namespace (docs/analyzers.md). Unparseable documents are reported as input errors.",
            "",
            "Made for a Git repository's files: a selector matching a Deployment's (StatefulSet's, Job's...) pod",
            "template selects its workloads, unlike istioctl (istio/istio#40861); a namespace the input never",
            "showed (no Namespace object, no object of it) is unknown, not empty, and never reported as matching",
            "nothing. Workloads run a proxy by Istio's injection labels; namespaces not in the input are assumed",
            "injected, and a notice on standard error says so when it matters.",
            "",
            "Example:",
            "  meshscope analyze -f examples/seed-as-written",
            "  meshscope analyze -f manifests/ -o json --failure-threshold Warning",
            "  meshscope analyze -f manifests/ -n orders               # istioctl analyze -n: one namespace's messages",
            "  meshscope analyze -f manifests/ -o sarif > meshscope.sarif   # GitHub code scanning",
            "  meshscope analyze -f .                     # a repository: files with no Kubernetes object are skipped",
            "  meshscope analyze -k overlays/prod         # a kustomization, as 'kubectl apply -k' renders it",
            "  meshscope analyze -f manifests/ --suppress MS0004=Namespace/legacy --suppress IST0110=Sidecar/default/dupe-1",
            "",
            "Exit codes: 0 nothing at or above the threshold, 1 findings, 2 usage error."})
final class AnalyzeCommand extends InputCommand {
    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            completionCandidates = OutputFormat.TextJsonSarif.class,
            description = "${COMPLETION-CANDIDATES} (SARIF 2.1.0) (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Option(names = "--failure-threshold", paramLabel = "LEVEL", defaultValue = "Error",
            description = "Info, Warning or Error: the lowest level that makes the exit code 1 (default: ${DEFAULT-VALUE}).")
    String failureThreshold;

    @Option(names = {"--suppress", "-S"}, paramLabel = "CODE=Kind/NS/NAME",
            description = "Silence a message code on one resource (any part may use *; cluster-scoped: CODE=Kind/NAME). "
                    + "Repeatable. Resources can also carry the annotation meshscope.io/suppress: \"CODE,CODE\".")
    List<String> suppress = new ArrayList<>();

    @Option(names = "--stdin-name", paramLabel = "PATH",
            description = "With -f - and -o sarif: the repository path to report standard input as (e.g. the chart "
                    + "the manifests were rendered from); default: stdin.")
    String stdinName;

    @Override
    public Integer call() {
        requireFormat(format, OutputFormat.text, OutputFormat.json, OutputFormat.sarif);
        Severity threshold = Severity.parse(failureThreshold);
        if (threshold == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--failure-threshold must be Info, Warning or Error, got '" + failureThreshold + "'");
        }
        List<Suppression> suppressions = parseSuppressions();
        MeshInput in = loader().load(input, true);
        InjectionNotice.print(err(), in);
        MeshIndex index = index(in);
        List<AnalysisMessage> messages = Analysis.run(in, analyzers(index, () -> reporter(index)), suppressions,
                progress()).stream()
                .filter(m -> namespaces.includes(m.resource())).toList();
        List<Diagnostic> inputErrors = in.problems().stream().filter(d -> d.severity() != Severity.INFO)
                .filter(d -> !NotGeneratedAnalyzer.reports(d))
                .filter(d -> namespaces.includes(d.resource())).toList();
        if (format == OutputFormat.sarif) {
            out().print(Json.write(SarifReport.build(messages, inputErrors, Version.number(),
                    new SarifLocations(in, input.paths, stdinName))));
        } else if (format == OutputFormat.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("messages", messages.stream().map(AnalyzeCommand::toMap).toList());
            m.put("inputErrors", inputErrors.stream().map(DiagnosticJson::toMap).toList());
            m.put("summary", counts(messages, inputErrors));
            m.put("skippedFiles", SkippedFiles.of(in));
            out().print(Json.write(m));
        } else {
            for (Diagnostic d : inputErrors) {
                out().println(d.severity().label() + " [input] " + d.render());
            }
            for (AnalysisMessage msg : messages) {
                out().println(text(msg));
            }
            String summary = summary(messages, inputErrors);
            // istioctl's check mark, only where a person reads it (a terminal without NO_COLOR)
            out().println(symbols && messages.isEmpty() && inputErrors.isEmpty() ? "\u2714 " + summary : summary);
        }
        out().flush();
        boolean fail = inputErrors.stream().anyMatch(d -> d.severity().compareTo(threshold) >= 0)
                || messages.stream().anyMatch(msg -> msg.type().level().compareTo(threshold) >= 0);
        return fail ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    /**
     * Istio's Sidecar analyzers, then meshscope's own (MS codes) over {@code index}, so its scopes are computed once
     * for all of them, sizing config in xDS bytes with the engine {@code reporter} gives (the command's, shared with
     * other commands on the web view's input) when MS0004 first sizes one: until then the analyzers run while the
     * web view's report builds the shared engine, instead of waiting for it.
     */
    static List<Analyzer> analyzers(MeshIndex index, Supplier<ConfigReporter> reporter) {
        List<Analyzer> all = new ArrayList<>(Analysis.istioAnalyzers());
        all.addAll(MeshscopeAnalyzers.all(ConfigReporter.sizeModelOf(reporter), index));
        return all;
    }

    private List<Suppression> parseSuppressions() {
        List<Suppression> out = new ArrayList<>();
        for (String s : suppress) {
            try {
                out.add(Suppression.parse(s));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--suppress: " + e.getMessage());
            }
        }
        return out;
    }

    /** istioctl's line: {@code Error [IST0110] (Sidecar ns/name dir/a.yaml:3) message}. */
    static String text(AnalysisMessage m) {
        StringBuilder sb = new StringBuilder();
        sb.append(m.type().level().label()).append(" [").append(m.type().code()).append("] (");
        if (m.resource() != null) {
            sb.append(m.resource());
        }
        if (m.location() != null && m.location().isKnown()) {
            sb.append(' ').append(m.location().file()).append(':').append(m.location().line());
        }
        // one line whatever the names, file names and quoted values hold (issue 13 item 9)
        return TextSafe.escape(sb.append(") ").append(m.message()).toString());
    }

    static Map<String, Object> toMap(AnalysisMessage m) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("code", m.type().code());
        x.put("title", m.type().title());
        x.put("level", m.type().level().label());
        Map<String, Object> r = new LinkedHashMap<>();
        if (m.resource() != null) {
            r.put("kind", m.resource().kind());
            r.put("namespace", m.resource().namespace());
            r.put("name", m.resource().name());
        }
        x.put("resource", r);
        x.put("file", m.location() == null ? "" : m.location().file());
        x.put("line", m.location() == null ? 0 : m.location().line());
        x.put("column", m.location() == null ? 0 : m.location().column());
        x.put("field", m.field());
        x.put("message", m.message());
        return x;
    }

    /** Counts per level ({@code error}, {@code warning}, {@code info}), input errors included. */
    static Map<String, Object> counts(List<AnalysisMessage> messages, List<Diagnostic> inputErrors) {
        int[] counts = new int[Severity.values().length];
        messages.forEach(m -> counts[m.type().level().ordinal()]++);
        inputErrors.forEach(d -> counts[d.severity().ordinal()]++);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", counts[Severity.ERROR.ordinal()]);
        m.put("warning", counts[Severity.WARNING.ordinal()]);
        m.put("info", counts[Severity.INFO.ordinal()]);
        return m;
    }

    private static String summary(List<AnalysisMessage> messages, List<Diagnostic> inputErrors) {
        if (messages.isEmpty() && inputErrors.isEmpty()) {
            return "No validation issues found when analyzing the input.";
        }
        Map<String, Object> c = counts(messages, inputErrors);
        return "Summary: " + c.get("error") + " error(s), " + c.get("warning") + " warning(s), " + c.get("info")
                + " info";
    }
}
