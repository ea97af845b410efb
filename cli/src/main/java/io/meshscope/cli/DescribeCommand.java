package io.meshscope.cli;

import io.meshscope.core.render.Json;
import io.meshscope.core.render.DescriptionJson;
import io.meshscope.core.describe.Describer;
import io.meshscope.core.describe.Description;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Workload;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.core.scope.ProxyType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code meshscope describe}: which Sidecar applies to a workload, why, and what it imports. */
@Command(name = "describe", header = "Which Sidecar applies to a workload, why, and what it imports.", mixinStandardHelpOptions = true,
        description = {
            "Which Sidecar applies to a workload's proxy, why (and which Sidecars it shadowed), and what it",
            "imports: per egress listener, each host as written and the services it matched, flagging hosts",
            "that matched nothing (!!) and hosts of a namespace the input never showed (?? namespace not in",
            "the input: unknown, not empty). 'Injected:' says whether the workload runs a proxy by Istio's",
            "injection labels, and when that is assumed (namespace not in the input).",
            "",
            "WORKLOAD is NS/NAME, KIND/NS/NAME, or as kubectl NAME or KIND/NAME with -n NS (KIND also",
            "kubectl's po, deploy, sts, ds, rs, job, cj, we); without a kind the first of Pod, Deployment,",
            "StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, WorkloadEntry with that name is taken. A bare",
            "NAME without -n must be unique across namespaces.",
            "",
            "Example:",
            "  meshscope describe frontend/web-ui -f examples/ecommerce",
            "  meshscope describe Deployment/orders/payment-service -f examples/ecommerce -o json",
            "  meshscope describe deploy/payment-service -n orders -f examples/ecommerce",
            "",
            "Exit codes: 0 answered, 2 usage error, unknown workload or unparseable input."})
final class DescribeCommand extends InputCommand {
    @Parameters(index = "0", paramLabel = "WORKLOAD", description = "NS/NAME, KIND/NS/NAME, or NAME, KIND/NAME with -n NS")
    String workload;

    @Option(names = "--proxy-type", paramLabel = "TYPE", defaultValue = "sidecar",
            description = "sidecar or router (gateways ignore Sidecars). Default: ${DEFAULT-VALUE}.")
    String proxyType;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            completionCandidates = OutputFormat.TextJson.class,
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Override
    public Integer call() {
        requireFormat(format, OutputFormat.text, OutputFormat.json);
        ProxyType type = ProxyTypes.parse(spec, proxyType);
        MeshInput in = loader().load(input, false);
        Workload w = WorkloadResolver.resolve(in, workload, namespaces);
        MeshIndex index = index(in);
        Description d = new Describer(index).describe(w, type);
        if (format == OutputFormat.json) {
            out().print(Json.write(DescriptionJson.toMap(d)));
        } else {
            out().print(new DescriptionText(index.registry(), index.mesh()).render(d));
        }
        out().flush();
        return ExitCodes.OK;
    }
}
