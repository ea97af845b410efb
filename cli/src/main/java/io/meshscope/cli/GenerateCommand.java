package io.meshscope.cli;

import io.meshscope.core.deps.Evidence;
import io.meshscope.core.generate.GenerateOptions;
import io.meshscope.core.generate.GenerationResult;
import io.meshscope.core.generate.RolloutPlan;
import io.meshscope.core.generate.SidecarGenerator;
import io.meshscope.core.generate.Strategy;
import io.meshscope.core.model.MeshInput;
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
            "Examples:",
            "  meshscope generate -f examples/ecommerce --deps examples/ecommerce-dependencies.yaml \\",
            "      --always 'istio-system/*' -o out/",
            "  meshscope generate -f k8s/ --prometheus http://prometheus:9090 --window 7d --plan -o out/",
            "  meshscope generate -f k8s/ --deps deps.yaml --merge -o -",
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

    @Option(names = {"-o", "--output"}, paramLabel = "DIR|-", defaultValue = "-",
            description = "Where to write the Sidecars: a directory (one file per namespace, created if missing) "
                    + "or - for standard output, with the report on standard error (default: ${DEFAULT-VALUE}).")
    String output;

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
        MeshInput in = loader().load(input, false);
        InjectionNotice.print(err(), in);
        Evidence ev = EvidenceLoader.load(evidence);
        GenerationResult result = new SidecarGenerator(SizeModels.bytes(in))
                .generate(in, ev, new GenerateOptions(s, always, merge));
        RolloutPlan rollout = plan ? RolloutPlan.of(result) : null;
        new GenerateOutput(result, rollout).write(output, out(), err());
        return result.verification().broken().isEmpty() ? ExitCodes.OK : ExitCodes.FINDINGS;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
