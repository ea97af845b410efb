package io.meshscope.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The inputs shared by every command that reads mesh config (cli.md "Inputs"). */
final class InputOptions {
    @Option(names = {"-f", "--filename"}, paramLabel = "PATH",
            description = "A manifest file or directory (read recursively: *.yaml, *.yml, *.json), or - for "
                    + "standard input. Repeatable. Multi-document YAML and kind: List are accepted.")
    List<String> paths = new ArrayList<>();

    @Option(names = "--mesh-config", paramLabel = "FILE",
            description = "A MeshConfig document (rootNamespace, outboundTrafficPolicy, default*ExportTo, ...). "
                    + "Wins over an 'istio' ConfigMap found in the input. Defaults are Istio's.")
    Path meshConfig;

    /** Set by the command from its {@code --kube} options (a mixin: picocli groups cannot hold mixins). */
    KubeInputOptions kube = new KubeInputOptions();

    @Option(names = {"-v", "--verbose"},
            description = "Also print informational notes about the input (defaulted namespaces, skipped kinds).")
    boolean verbose;
}
