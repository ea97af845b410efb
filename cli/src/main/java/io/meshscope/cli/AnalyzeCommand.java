package io.meshscope.cli;

import io.meshscope.core.render.Json;
import io.meshscope.core.analyze.Analysis;
import io.meshscope.core.analyze.AnalysisMessage;
import io.meshscope.core.analyze.Suppression;
import io.meshscope.core.model.Diagnostic;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code meshscope analyze}: Istio's Sidecar analyzers with istioctl's codes and texts. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {
            "Analyze mesh config the way 'istioctl analyze' does for Sidecars: IST0101 (selector matches no",
            "pod), IST0110 (several Sidecars select one pod), IST0111 (several Sidecars without selector in a",
            "namespace), IST0167 (ambient: no effect), IST0002 (deprecated egressProxy), IST0106/IST0133",
            "(schema errors/warnings). Unparseable documents are reported as input errors.",
            "",
            "Example:",
            "  meshscope analyze -f examples/seed-as-written",
            "  meshscope analyze -f manifests/ -o json --failure-threshold Warning",
            "  meshscope analyze -f manifests/ --suppress IST0110=Sidecar/default/dupe-1",
            "",
            "Exit codes: 0 nothing at or above the threshold, 1 findings, 2 usage error."})
final class AnalyzeCommand extends InputCommand {
    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Option(names = "--failure-threshold", paramLabel = "LEVEL", defaultValue = "Error",
            description = "Info, Warning or Error: the lowest level that makes the exit code 1 (default: ${DEFAULT-VALUE}).")
    String failureThreshold;

    @Option(names = {"--suppress", "-S"}, paramLabel = "CODE=Kind/NS/NAME",
            description = "Silence a message code on one resource (NAME may be *). Repeatable. Resources can also "
                    + "carry the annotation meshscope.io/suppress: \"CODE,CODE\".")
    List<String> suppress = new ArrayList<>();

    @Override
    public Integer call() {
        requireFormat(format, OutputFormat.text, OutputFormat.json);
        Severity threshold = Severity.parse(failureThreshold);
        if (threshold == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--failure-threshold must be Info, Warning or Error, got '" + failureThreshold + "'");
        }
        List<Suppression> suppressions = parseSuppressions();
        MeshInput in = loader().load(input, true);
        List<AnalysisMessage> messages = Analysis.run(in, Analysis.istioAnalyzers(), suppressions);
        List<Diagnostic> inputErrors = in.problems().stream().filter(d -> d.severity() != Severity.INFO).toList();
        if (format == OutputFormat.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("messages", messages.stream().map(AnalyzeCommand::toMap).toList());
            m.put("inputErrors", inputErrors.stream().map(DiagnosticJson::toMap).toList());
            out().print(Json.write(m));
        } else {
            for (Diagnostic d : inputErrors) {
                out().println(d.severity().label() + " [input] " + d.render());
            }
            for (AnalysisMessage msg : messages) {
                out().println(text(msg));
            }
            out().println(summary(messages, inputErrors));
        }
        out().flush();
        boolean fail = inputErrors.stream().anyMatch(d -> d.severity().compareTo(threshold) >= 0)
                || messages.stream().anyMatch(msg -> msg.type().level().compareTo(threshold) >= 0);
        return fail ? ExitCodes.FINDINGS : ExitCodes.OK;
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
        return sb.append(") ").append(m.message()).toString();
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

    private static String summary(List<AnalysisMessage> messages, List<Diagnostic> inputErrors) {
        int[] counts = new int[Severity.values().length];
        messages.forEach(m -> counts[m.type().level().ordinal()]++);
        inputErrors.forEach(d -> counts[d.severity().ordinal()]++);
        if (messages.isEmpty() && inputErrors.isEmpty()) {
            return "\u2714 No validation issues found when analyzing the input.";
        }
        return "Summary: " + counts[Severity.ERROR.ordinal()] + " error(s), " + counts[Severity.WARNING.ordinal()]
                + " warning(s), " + counts[Severity.INFO.ordinal()] + " info";
    }
}
