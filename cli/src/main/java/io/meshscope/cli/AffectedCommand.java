package io.meshscope.cli;

import io.meshscope.core.render.Json;
import io.meshscope.core.describe.AffectedProxies;
import io.meshscope.core.describe.ChangeSpec;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Workload;
import io.meshscope.core.render.TextSafe;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.core.scope.ProxyType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code meshscope affected}: which proxies a config change would be pushed to. */
@Command(name = "affected", header = "Which proxies a config change is pushed to.", mixinStandardHelpOptions = true,
        description = {
            "Which proxies a change would be pushed to, by istiod's push-dependency rules, taking the input",
            "as the state after the change. A sidecar is pushed when its scope imports what changed; a",
            "gateway for any service it can see; kinds no scope tracks push to everyone.",
            "",
            "CHANGE is one of (kinds in any case):",
            "  service:FQDN        a Kubernetes Service or ServiceEntry host changed (Service NAME in NS is",
            "                      NAME.NS.svc.cluster.local; a ServiceEntry changes each of its hosts)",
            "  endpoints:FQDN      only the endpoints of that host changed (also WorkloadEntry changes)",
            "  Sidecar/NS/NAME, VirtualService/NS/NAME, DestinationRule/NS/NAME, PeerAuthentication/NS/NAME",
            "                      pushed to the proxies whose scope depends on it",
            "  EnvoyFilter, AuthorizationPolicy, RequestAuthentication, WasmPlugin, TrafficExtension,",
            "  Telemetry /NS/NAME  pushed to proxies in NS, or to all from the root namespace",
            "  Gateway/NS/NAME     pushed to gateways only",
            "  ProxyConfig/NS/NAME pushed to every proxy",
            "",
            "A hostname no service has (a short name such as service:payments), or a Sidecar,",
            "VirtualService, DestinationRule or PeerAuthentication the input does not hold, matched",
            "nothing: the command says so, names the closest ones, and exits 1.",
            "",
            "Without --workload every workload (with -n NS, every workload in NS) is answered; gateways",
            "are recognised by the label istio=ingressgateway|egressgateway,",
            "gateway.networking.k8s.io/gateway-name, or the annotation inject.istio.io/templates=gateway.",
            "",
            "Example:",
            "  meshscope affected service:order-service.orders.svc.cluster.local -f examples/ecommerce",
            "  meshscope affected TrafficExtension/orders/rate-limit -f examples/ecommerce -n orders",
            "",
            "Exit codes: 0 answered, 1 the change matched nothing in the input, 2 usage error or",
            "unparseable input."})
final class AffectedCommand extends InputCommand {
    @Parameters(index = "0", paramLabel = "CHANGE", description = "service:FQDN, endpoints:FQDN or Kind/NS/NAME (above).")
    String change;

    @Option(names = "--workload", paramLabel = "WORKLOAD", description = "Answer only for this workload.")
    String workload;

    @Option(names = "--proxy-type", paramLabel = "TYPE",
            description = "With --workload: sidecar (default) or router.")
    String proxyType;

    @Option(names = "--forced", description = "Treat the change as a forced push (istiod pushes those to everyone).")
    boolean forced;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            completionCandidates = OutputFormat.TextJson.class,
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Override
    public Integer call() {
        requireFormat(format, OutputFormat.text, OutputFormat.json);
        ChangeSpec spec1 = ChangeSpec.parse(change).orElseThrow(() -> new CommandLine.ParameterException(
                spec.commandLine(), badChange(change)));
        if (proxyType != null && workload == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--proxy-type needs --workload");
        }
        MeshInput in = loader().load(input, false);
        List<Workload> targets;
        ProxyType type = null;
        if (workload != null) {
            targets = List.of(WorkloadResolver.resolve(in, workload, namespaces));
            type = proxyType == null ? ProxyType.SIDECAR : ProxyTypes.parse(spec, proxyType);
        } else {
            targets = in.workloads().stream().filter(w -> namespaces.includes(w.namespace())).toList();
        }
        AffectedProxies affected = new AffectedProxies(index(in));
        List<AffectedProxies.Answer> answers = affected.evaluate(spec1, targets, type, forced);
        long pushed = answers.stream().filter(AffectedProxies.Answer::push).count();
        Optional<AffectedProxies.Miss> miss = affected.miss(spec1);
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
            m.put("matched", miss.isEmpty());
            miss.ifPresent(x -> {
                m.put("reason", x.reason());
                m.put("closest", x.closest());
            });
            out().print(Json.write(m));
        } else {
            for (AffectedProxies.Answer a : answers) {
                out().printf("%-6s %s %s/%s (%s)%n", a.push() ? "PUSH" : "skip", a.workload().kind().kindName(),
                        TextSafe.escape(a.workload().namespace()), TextSafe.escape(a.workload().name()),
                        a.proxyType().wireName());
            }
            out().println(TextSafe.escape(change) + ": pushed to " + pushed + " of " + answers.size() + " proxies");
            miss.ifPresent(x -> out().println(TextSafe.escape(change + " matched nothing: " + x.reason()
                    + (x.closest().isEmpty() ? "" : "; did you mean " + String.join(", ", prefixed(spec1, x.closest()))
                    + "?"))));
        }
        out().flush();
        return miss.isPresent() ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    /** Suggestions in the form typed: {@code service:HOST} for hostnames, {@code Kind/NS/NAME} otherwise. */
    private static List<String> prefixed(ChangeSpec change, List<String> closest) {
        if (!change.isHostname()) {
            return closest;
        }
        String prefix = change.text().substring(0, change.text().indexOf(':') + 1);
        return closest.stream().map(h -> prefix + h).toList();
    }

    private static String badChange(String change) {
        String kind = change.contains("/") ? change.substring(0, change.indexOf('/')) : "";
        String hint = switch (kind.toLowerCase(java.util.Locale.ROOT)) {
            case "service", "serviceentry" -> "; a Service or ServiceEntry change is service:HOST (each of its hosts)";
            case "workloadentry", "endpoints", "endpointslice" -> "; an endpoint change is endpoints:HOST";
            default -> "";
        };
        return "CHANGE must be service:FQDN, endpoints:FQDN or Kind/NS/NAME with Kind one of "
                + String.join(", ", new java.util.TreeSet<>(ChangeSpec.NAMED_KINDS)) + "; got '" + change + "'" + hint;
    }
}
