package io.meshscope.cli;

import io.meshscope.core.describe.Describer;
import io.meshscope.core.describe.GatewayRecognizer;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Workload;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.core.scope.ProxyType;
import io.meshscope.xds.ConfigDumps;
import io.meshscope.xds.ProxyResources;
import io.meshscope.xds.XdsSnapshot;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code meshscope config-dump}: the xDS config the control plane would send a workload's proxy. */
@Command(name = "config-dump", header = "The xDS config a workload's proxy gets, as Envoy's /config_dump.", mixinStandardHelpOptions = true,
        description = {
            "The xDS resources (clusters, endpoints, listeners, routes) the control plane would send the",
            "workload's proxy, as Envoy's admin /config_dump (envoy.admin.v3.ConfigDump), so tools that read",
            "Envoy config dumps read it. -o table prints the tables of 'istioctl proxy-config' instead:",
            "  clusters   SERVICE FQDN, PORT, SUBSET, DIRECTION, TYPE, DESTINATION RULE",
            "  listeners  ADDRESSES, PORT, MATCH, DESTINATION (one row per filter chain)",
            "  routes     NAME, VHOST NAME, DOMAINS, MATCH, VIRTUAL SERVICE",
            "  endpoints  ENDPOINT, STATUS, OUTLIER CHECK, CLUSTER",
            "--type keeps one of them (in every format); without it, all four.",
            "",
            "WORKLOAD is NS/NAME, KIND/NS/NAME, or NAME, KIND/NAME with -n NS (kubectl's deploy, pod, ...).",
            "",
            "Example:",
            "  meshscope config-dump frontend/web-ui -f examples/ecommerce",
            "  meshscope config-dump deploy/web-ui -n frontend -f examples/ecommerce -o table --type clusters",
            "  meshscope config-dump frontend/web-ui -f examples/ecommerce --no-sidecars | jq '.configs[0]'",
            "  meshscope config-dump backend/client -f manifests/ --proxyless",
            "",
            "Exit codes: 0 done, 2 usage error, unknown workload or unparseable input."})
final class ConfigDumpCommand extends InputCommand {
    @Parameters(index = "0", paramLabel = "WORKLOAD", description = "NS/NAME, KIND/NS/NAME, or NAME, KIND/NAME with -n NS")
    String workload;

    @Option(names = "--no-sidecars", description = "Ignore every Sidecar resource: the unscoped config.")
    boolean noSidecars;

    @Option(names = "--proxyless", description = "The resources a proxyless gRPC client would get.")
    boolean proxyless;

    @Option(names = "--proxy-type", paramLabel = "TYPE",
            description = "sidecar or router; default: router for recognised gateways, else sidecar.")
    String proxyType;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "json",
            completionCandidates = OutputFormat.JsonYamlTable.class,
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Option(names = "--type", paramLabel = "TYPE", completionCandidates = DumpType.Names.class,
            description = "Only this config type: ${COMPLETION-CANDIDATES} (also singular, as istioctl's "
                    + "proxy-config subcommands). Default: all.")
    String type;

    @Override
    public Integer call() {
        requireFormat(format, OutputFormat.json, OutputFormat.yaml, OutputFormat.table);
        DumpType only = type == null ? null : DumpType.parse(type);
        if (type != null && only == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--type must be one of "
                    + String.join(", ", new DumpType.Names()) + ", got '" + type + "'");
        }
        MeshInput in = loader().load(input, false);
        Workload w = WorkloadResolver.resolve(in, workload, namespaces);
        ProxyType proxy = proxyType == null ? GatewayRecognizer.typeOf(w) : ProxyTypes.parse(spec, proxyType);
        MeshIndex index = index(in);
        XdsSnapshot xds = XdsSnapshot.build(index);
        if (noSidecars) {
            xds = xds.withoutSidecars();
        }
        ProxyResources r = xds.resourcesFor(Describer.proxyOf(w, proxy), w, proxyless);
        if (format == OutputFormat.table) {
            out().print(DumpType.tables(r, index, Describer.proxyOf(w, proxy), only));
            out().flush();
            return ExitCodes.OK;
        }
        String json = only == null ? ConfigDumps.json(r) : DumpType.json(r, only);
        if (format == OutputFormat.yaml) {
            Object tree = new Load(LoadSettings.builder().build()).loadFromString(json);
            // non-ASCII as escapes in double quotes: bidi controls are printable to YAML, and would reach the
            // output stream raw in a plain scalar (issue 13 item 9); escaped, the YAML keeps their values
            out().print(new Dump(DumpSettings.builder().setUseUnicodeEncoding(false).build())
                    .dumpToString((Map<?, ?>) tree));
        } else {
            out().print(json.endsWith("\n") ? json : json + "\n");
        }
        out().flush();
        return ExitCodes.OK;
    }
}
