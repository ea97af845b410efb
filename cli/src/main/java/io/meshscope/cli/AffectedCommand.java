package io.meshscope.cli;

import io.meshscope.core.render.Json;
import io.meshscope.core.describe.AffectedProxies;
import io.meshscope.core.describe.ChangeSpec;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Workload;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.core.scope.ProxyType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code meshscope affected}: which proxies a config change would be pushed to. */
@Command(name = "affected", header = "Which proxies a config change is pushed to.", mixinStandardHelpOptions = true,
        description = {
            "Which proxies a change would be pushed to, by istiod's push-dependency rules, taking the input",
            "as the state after the change. A sidecar is pushed when its scope imports what changed; a",
            "gateway for any service it can see; unknown kinds push to everyone.",
            "",
            "CHANGE is one of:",
            "  service:FQDN                a Kubernetes Service or ServiceEntry host changed",
            "  endpoints:FQDN              only the endpoints of that host changed",
            "  Sidecar/NS/NAME, VirtualService/NS/NAME, DestinationRule/NS/NAME (and other Istio kinds)",
            "",
            "Without --workload every workload is answered; gateways are recognised by the label",
            "istio=ingressgateway|egressgateway, gateway.networking.k8s.io/gateway-name, or the annotation",
            "inject.istio.io/templates=gateway.",
            "",
            "Example:",
            "  meshscope affected service:order-service.orders.svc.cluster.local -f examples/ecommerce",
            "",
            "Exit codes: 0 answered, 2 usage error or unparseable input."})
final class AffectedCommand extends InputCommand {
    @Parameters(index = "0", paramLabel = "CHANGE", description = "service:FQDN, endpoints:FQDN or Kind/NS/NAME")
    String change;

    @Option(names = "--workload", paramLabel = "WORKLOAD", description = "Answer only for this workload.")
    String workload;

    @Option(names = "--proxy-type", paramLabel = "TYPE",
            description = "With --workload: sidecar (default) or router.")
    String proxyType;

    @Option(names = "--forced", description = "Treat the change as a forced push (istiod pushes those to everyone).")
    boolean forced;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Override
    public Integer call() {
        requireFormat(format, OutputFormat.text, OutputFormat.json);
        ChangeSpec spec1 = ChangeSpec.parse(change).orElseThrow(() -> new CommandLine.ParameterException(
                spec.commandLine(), "CHANGE must be service:FQDN, endpoints:FQDN or Kind/NS/NAME, got '" + change + "'"));
        if (proxyType != null && workload == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--proxy-type needs --workload");
        }
        MeshInput in = loader().load(input, false);
        List<Workload> targets;
        ProxyType type = null;
        if (workload != null) {
            targets = List.of(WorkloadResolver.resolve(in, workload));
            type = proxyType == null ? ProxyType.SIDECAR : ProxyTypes.parse(spec, proxyType);
        } else {
            targets = in.workloads();
        }
        List<AffectedProxies.Answer> answers = new AffectedProxies(MeshIndex.build(in))
                .evaluate(spec1, targets, type, forced);
        long pushed = answers.stream().filter(AffectedProxies.Answer::push).count();
        if (format == OutputFormat.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("change", change);
            m.put("proxies", answers.stream().map(a -> {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("workload", a.workload().namespace() + "/" + a.workload().name());
                x.put("kind", a.workload().kind().kindName());
                x.put("proxyType", a.proxyType().wireName());
                x.put("push", a.push());
                return x;
            }).toList());
            m.put("pushed", pushed);
            m.put("total", answers.size());
            out().print(Json.write(m));
        } else {
            for (AffectedProxies.Answer a : answers) {
                out().printf("%-6s %s %s/%s (%s)%n", a.push() ? "PUSH" : "skip", a.workload().kind().kindName(),
                        a.workload().namespace(), a.workload().name(), a.proxyType().wireName());
            }
            out().println(change + ": pushed to " + pushed + " of " + answers.size() + " proxies");
        }
        out().flush();
        return ExitCodes.OK;
    }
}
