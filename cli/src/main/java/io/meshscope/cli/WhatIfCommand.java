package io.meshscope.cli;

import io.meshscope.core.deps.Evidence;
import io.meshscope.core.model.Diagnostic;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Severity;
import io.meshscope.core.scope.ConfigKey;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.core.validate.InputValidator;
import io.meshscope.core.whatif.WhatIf;
import io.meshscope.core.whatif.WhatIfReport;
import io.meshscope.decode.InputException;
import io.meshscope.decode.ManifestReader;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code meshscope whatif}: the observed calls a set of Sidecars would break, and what fixes each. */
@Command(name = "whatif", header = "Which observed calls a set of Sidecars would break.", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Every observed call that the Sidecars would leave without a route, grouped by workload, with the",
            "Sidecar responsible and the egress host line that fixes it; and the config saved against no",
            "Sidecars. Under REGISTRY_ONLY an unrouted call hits BlackHoleCluster (TCP reset, HTTP 502 from",
            "block_all: the seed's '503 errors after adding Sidecar'); under ALLOW_ANY it leaves through",
            "PassthroughCluster, without mTLS, DestinationRules or authorization policy.",
            "",
            "Evaluates the Sidecars in the input, or with --sidecars DIR a proposed set that replaces them",
            "(e.g. the output of 'meshscope generate -o DIR'). The proposed Sidecars are first validated as",
            "'meshscope validate' and Istio's admission webhook do: errors (e.g. short-name hosts) are printed",
            "first and make the exit code 1, and the what-if still evaluates the set as written, so one run",
            "shows everything to fix.",
            "",
            "Examples:",
            "  meshscope whatif -f examples/ecommerce --deps examples/ecommerce-dependencies.yaml",
            "  meshscope whatif -f k8s/ --sidecars out/ --prometheus http://prometheus:9090 --window 7d",
            "",
            "Exit codes: 0 no observed call breaks, 1 some would or a proposed Sidecar is invalid, 2 usage",
            "or input error (also an unreachable Prometheus)."})
final class WhatIfCommand extends InputCommand {
    @Mixin
    EvidenceOptions evidence = new EvidenceOptions();

    @Option(names = "--sidecars", paramLabel = "DIR",
            description = "A proposed Sidecar set (files or directories; repeatable) that replaces the input's "
                    + "Sidecars. Other kinds in it are ignored.")
    List<String> sidecars = new java.util.ArrayList<>();

    @Option(names = "--calls", description = "With -o json: also list every observed call (caller, service, port, "
            + "count) marked broken or not, under \"calls\" (what the web view draws).")
    boolean calls;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            completionCandidates = OutputFormat.TextJson.class,
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Override
    public Integer call() {
        requireFormat(format, OutputFormat.text, OutputFormat.json);
        MeshInput in = loader().load(input, false);
        InjectionNotice.print(err(), in);
        Evidence ev = EvidenceLoader.load(evidence);
        MeshIndex index = index(in);
        WhatIf whatIf = new WhatIf(reporter(index).sizeModel());
        MeshInput proposed = sidecars.isEmpty() ? null : proposed();
        List<Diagnostic> invalid = proposed == null ? List.of() : InputValidator.validate(proposed).stream()
                .filter(d -> d.severity() != Severity.INFO && ConfigKey.SIDECAR.equals(kindOf(d))).toList();
        WhatIfReport all = proposed == null ? whatIf.evaluate(index, ev)
                : whatIf.evaluate(index.withSidecars(proposed.sidecars()), ev);
        // -n NS: the calls made by, and the config of, NS's workloads
        WhatIfReport report = new WhatIfReport(all.resolution(),
                all.broken().stream().filter(b -> namespaces.includes(b.call().caller().namespace())).toList(),
                all.sizes().stream().filter(s -> namespaces.includes(s.caller().namespace())).toList(), all.unit());
        String label = sidecars.isEmpty() ? "the input's Sidecars" : "the Sidecars in " + String.join(", ", sidecars);
        List<io.meshscope.core.deps.ResolvedCall> observed = !calls ? null : all.resolution().calls().stream()
                .filter(c -> namespaces.includes(c.caller().namespace())).toList();
        out().print(format == OutputFormat.json ? WhatIfRender.json(report, label, invalid, observed)
                : WhatIfRender.text(report, label, invalid));
        out().flush();
        boolean rejected = invalid.stream().anyMatch(d -> d.severity() == Severity.ERROR);
        return report.broken().isEmpty() && !rejected ? ExitCodes.OK : ExitCodes.FINDINGS;
    }

    private static String kindOf(Diagnostic d) {
        return d.resource() == null ? null : d.resource().kind();
    }

    private MeshInput proposed() {
        MeshInput p;
        try {
            p = new ManifestReader().read(sidecars, stdin, Optional.empty());
        } catch (InputException e) {
            throw new CommandFailure(ExitCodes.USAGE, e.getMessage());
        }
        boolean failed = false;
        for (Diagnostic d : p.problems()) {
            if (d.severity() == Severity.ERROR) {
                err().println("error: " + d.render());
                failed = true;
            }
        }
        if (failed) {
            throw new CommandFailure(ExitCodes.USAGE, "the proposed Sidecars have errors (above)");
        }
        int others = p.objectCount() - p.sidecars().size() + p.skippedKinds().values().stream().mapToInt(i -> i).sum();
        if (others > 0) {
            err().println("warning: --sidecars: " + others + " object(s) other than Sidecars ignored");
        }
        err().flush();
        return p;
    }
}
