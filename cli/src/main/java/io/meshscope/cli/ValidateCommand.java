package io.meshscope.cli;

import io.meshscope.core.render.Json;
import io.meshscope.core.model.Diagnostic;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Severity;
import io.meshscope.core.validate.InputValidator;
import io.meshscope.decode.SkippedFiles;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code meshscope validate}: Istio's admission-webhook validation, plus YAML syntax and shape errors. */
@Command(name = "validate", header = "Validate Istio resources as Istio's admission webhook does.", mixinStandardHelpOptions = true,
        description = {
            "Validate Istio resources as Istio's admission webhook does (Istio's exact messages), plus YAML",
            "syntax and shape errors (wrong types, unknown enum values). Every message names the file, line,",
            "column, resource and field path.",
            "Decoding is strict, as kubectl apply's: an unknown field (with the nearest known name), a",
            "wrong type as kubectl reads YAML (port: \"80\"), a tag the value does not fit (!!int abc), an",
            "apiVersion the kind is not served in, and names and labels the API server refuses are errors",
            "(docs/inputs.md, \"Strict decoding\").",
            "",
            "Example:",
            "  meshscope validate -f examples/seed-as-written",
            "  meshscope validate -f sidecar.yaml -o json",
            "  meshscope validate -f k8s/ -n orders                # only namespace orders' resources",
            "",
            "Exit codes: 0 valid (warnings allowed), 1 errors found, 2 usage error or unreadable path."})
final class ValidateCommand extends InputCommand {
    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            completionCandidates = OutputFormat.TextJson.class,
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Override
    public Integer call() {
        requireFormat(format, OutputFormat.text, OutputFormat.json);
        MeshInput in = loader().load(input, true);
        List<Diagnostic> all = InputValidator.validate(in).stream().filter(this::reported).toList();
        List<Diagnostic> errors = all.stream().filter(d -> d.severity() == Severity.ERROR).toList();
        List<Diagnostic> warnings = all.stream().filter(d -> d.severity() == Severity.WARNING).toList();
        if (format == OutputFormat.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("resources", in.objectCount());
            m.put("errors", errors.stream().map(DiagnosticJson::toMap).toList());
            m.put("warnings", warnings.stream().map(DiagnosticJson::toMap).toList());
            m.put("skippedFiles", SkippedFiles.of(in));
            out().print(Json.write(m));
        } else {
            for (Diagnostic d : errors) {
                out().println("Error: " + d.render());
            }
            for (Diagnostic d : warnings) {
                out().println("Warning: " + d.render());
            }
            out().println(in.objectCount() + " resource(s) read: " + errors.size() + " error(s), "
                    + warnings.size() + " warning(s)");
        }
        out().flush();
        return errors.isEmpty() ? ExitCodes.OK : ExitCodes.FINDINGS;
    }

    /** With -n, only the namespace's resources; documents that never became a resource always. */
    private boolean reported(Diagnostic d) {
        return namespaces.includes(d.resource());
    }
}
