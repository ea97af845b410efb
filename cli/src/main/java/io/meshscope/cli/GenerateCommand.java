package io.meshscope.cli;

import io.meshscope.core.deps.Evidence;
import io.meshscope.core.generate.GenerateOptions;
import io.meshscope.core.generate.GenerationResult;
import io.meshscope.core.generate.NoEvidence;
import io.meshscope.core.generate.RolloutPlan;
import io.meshscope.core.generate.SidecarGenerator;
import io.meshscope.core.generate.Strategy;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.core.validate.HostnameRules;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code meshscope generate}: minimal Sidecars from real dependencies, checked before anything is applied. */
@Command(name = "generate", header = "Write minimal Sidecars from dependency evidence.", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Write minimal Sidecars from dependency evidence: a dependency map, Istio telemetry from",
            "Prometheus, or Envoy access logs (any combination). Each workload imports exactly the hosts",
            "it was seen calling, as FQDNs (<service namespace>/<hostname>; ServiceEntry hosts under the",
            "ServiceEntry's namespace), each with a comment naming its callers and evidence. The result is",
            "checked like 'meshscope whatif': no observed call may lose its route.",
            "",
            "Strategies (per namespace):",
            "  namespace  a 'default' Sidecar importing what the namespace's workloads call in the mesh;",
            "             a workload Sidecar only for workloads calling external (ServiceEntry) hosts",
            "  workload   one Sidecar per workload (workloadSelector), exactly what it calls",
            "  auto       the smallest total config (size over every proxy) of: workload, namespace,",
            "             and defaults holding only hosts shared by k+ workloads with overrides for the rest",
            "",
            "Calls to services not in the manifests are reported, not dropped. Gateways are skipped (they",
            "ignore Sidecars). The root namespace never gets a default (it would apply mesh-wide).",
            "",
            "A workload the evidence does not cover (no call seen from it, not a key of the dependency map,",
            "no access log of its own) keeps its current scope by default (--no-evidence skip): its current",
            "Sidecar is written back unchanged and no namespace default is put over it. The report lists",
            "those workloads and says which share of workloads and namespaces the evidence covers.",
            "",
            "Sizes are xDS wire bytes of every resource one proxy receives (clusters, endpoints, listeners,",
            "routes, inbound included), the same figures as 'meshscope report'.",
            "",
            "Examples:",
            "  meshscope generate -f examples/ecommerce --deps examples/ecommerce-dependencies.yaml \\",
            "      --always 'istio-system/*' --output-dir out/",
            "  meshscope generate -f k8s/ --prometheus http://prometheus:9090 --window 7d --plan --output-dir out/",
            "  meshscope generate -f k8s/ --deps deps.yaml --merge -o yaml           # to standard output",
            "  meshscope generate -f k8s/ --deps deps.yaml -n orders --output-dir out/   # orders' Sidecars only",
            "  meshscope generate -f k8s/ --access-log shop/web=web.log --output-dir out/ -o json",
            "",
            "Exit codes: 0 written, 1 written but some observed call would still break (listed), 2 usage",
            "or input error (also an unreachable Prometheus)."})
final class GenerateCommand extends InputCommand {
    @Mixin
    EvidenceOptions evidence = new EvidenceOptions();

    @Option(names = "--strategy", paramLabel = "STRATEGY", defaultValue = "auto",
            description = "namespace, workload or auto (default: ${DEFAULT-VALUE}).")
    String strategy;

    @Option(names = "--always", paramLabel = "HOST",
            description = "An egress host every generated Sidecar keeps, as namespace/dnsName (e.g. istio-system/*). "
                    + "Repeatable.")
    List<String> always = new ArrayList<>();

    @Option(names = "--merge",
            description = "Keep the input's Sidecars and only add the hosts they lack (never removing one); "
                    + "namespaces without any Sidecar in use get new ones.")
    boolean merge;

    @Option(names = "--plan",
            description = "Order the output as a gradual rollout, one namespace per step, least risky first, with "
                    + "the config saved at each step (written to DIR/rollout-plan.txt too).")
    boolean plan;

    @Option(names = "--no-evidence", paramLabel = "MODE", defaultValue = "skip",
            description = "What a workload the evidence does not cover gets: skip (keep its current scope, listed in "
                    + "the report) or isolate (a Sidecar importing nothing but --always hosts) "
                    + "(default: ${DEFAULT-VALUE}).")
    String noEvidence;

    @Option(names = {"-o", "--output"}, paramLabel = "yaml|json|-|DIR", defaultValue = "-",
            description = "yaml or - : the Sidecars on standard output, the report on standard error (default: "
                    + "${DEFAULT-VALUE}); json: one JSON document on standard output (the report, and the Sidecars' "
                    + "YAML unless --output-dir is given). A directory is still accepted here, as before; prefer "
                    + "--output-dir.")
    String output;

    @Option(names = "--output-dir", paramLabel = "DIR",
            description = "Write the Sidecars to DIR, one file per namespace (and rollout-plan.txt with --plan), "
                    + "created if missing; the report goes to standard output.")
    String outputDir;

    @Override
    public Integer call() {
        Strategy s = Strategy.parse(strategy);
        if (s == null) {
            throw usage("--strategy must be namespace, workload or auto, got '" + strategy + "'");
        }
        for (String host : always) {
            List<String> errs = HostnameRules.validateSidecarEgressHost(host);
            if (!errs.isEmpty()) {
                throw usage("--always " + host + ": " + String.join("; ", errs));
            }
        }
        NoEvidence without = NoEvidence.parse(noEvidence);
        if (without == null) {
            throw usage("--no-evidence must be skip or isolate, got '" + noEvidence + "'");
        }
        boolean json = output.equalsIgnoreCase(OutputFormat.json.name());
        String target = target(json);
        MeshInput in = loader().load(input, false);
        InjectionNotice.print(err(), in);
        Evidence ev = EvidenceLoader.load(evidence);
        MeshIndex index = index(in);
        GenerationResult result = new SidecarGenerator(reporter(index).sizeModel())
                .generate(index, ev, new GenerateOptions(s, always, merge, without));
        if (namespaces.namespace != null) {
            result = new GenerationResult(
                    result.sidecars().stream().filter(d -> namespaces.includes(d.namespace())).toList(),
                    result.layouts().stream().filter(l -> namespaces.includes(l.namespace())).toList(),
                    result.resolution(), result.verification(), result.gateways(), result.notes(), result.options(),
                    result.coverage(), result.unevidenced());
        }
        RolloutPlan rollout = plan ? RolloutPlan.of(result) : null;
        new GenerateOutput(result, rollout).write(target, json, out(), err());
        return result.verification().broken().isEmpty() ? ExitCodes.OK : ExitCodes.FINDINGS;
    }

    /**
     * One meaning for -o: a format. {@code -o yaml} and {@code -o -} are standard output; a folder given to -o
     * keeps working, but another format word there is a mistake, named with the option that writes a folder.
     */
    private String target(boolean json) {
        if (outputDir != null) {
            if (!output.equals("-") && !json) {
                throw usage("give either -o " + output + " or --output-dir " + outputDir + ", not both");
            }
            return outputDir;
        }
        if (json || output.equalsIgnoreCase(OutputFormat.yaml.name())) {
            return "-";
        }
        if (OutputFormat.isFormatWord(output)) {
            throw usage("-o " + output + ": 'generate' accepts yaml (or -) and json on standard output, "
                    + "--output-dir DIR for a folder");
        }
        return output;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
