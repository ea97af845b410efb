package io.meshscope.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The inputs shared by every command that reads mesh config (cli.md "Inputs"). */
final class InputOptions {
    @Option(names = {"-f", "--filename"}, paramLabel = "PATH", converter = NonEmptyPath.class,
            description = "A manifest file or directory (read recursively: *.yaml, *.yml, *.json; hidden directories "
                    + "such as .git are left out), or - for standard input. Repeatable. Multi-document YAML and "
                    + "kind: List are accepted. Files holding no Kubernetes object (CI configs, Helm values) are "
                    + "skipped with one notice; kustomize patches and Helm templates are refused with a hint. "
                    + "Links to files are read; links to directories are not followed; dangling links are warned "
                    + "about; ConfigMap volume internals (..data) are left out. An empty path is refused.")
    List<String> paths = new ArrayList<>();

    @Option(names = {"-k", "--kustomize"}, paramLabel = "DIR",
            description = "A kustomization directory, rendered as 'kubectl apply -k DIR' renders it (by 'kubectl "
                    + "kustomize DIR', else 'kustomize build DIR', found on PATH). Repeatable; read after -f. "
                    + "Messages name the document and line in the rendered output: kustomize:DIR#3:21:13.")
    List<String> kustomizations = new ArrayList<>();

    @Option(names = {"-R", "--recursive"}, arity = "0..1", paramLabel = "BOOL", defaultValue = "true",
            fallbackValue = "true",
            description = "Read directories given with -f with all their subdirectories (default: true, so -R, "
                    + "kubectl's flag, changes nothing). --recursive=false reads only the files directly in each "
                    + "directory, as kubectl -f DIR does without -R.")
    boolean recursive = true;

    @Option(names = "--mesh-config", paramLabel = "FILE",
            description = "A MeshConfig document (rootNamespace, outboundTrafficPolicy, default*ExportTo, ...). "
                    + "Wins over an 'istio' ConfigMap found in the input. Defaults are Istio's.")
    Path meshConfig;

    /** Set by the command from its {@code --kube} options (a mixin: picocli groups cannot hold mixins). */
    KubeInputOptions kube = new KubeInputOptions();

    /** The command's name, set by the command, so hints show a command line to copy ({@code meshscope analyze}). */
    String command = "COMMAND";

    @Option(names = {"-v", "--verbose"},
            description = "Also print informational notes about the input (defaulted namespaces, skipped kinds).")
    boolean verbose;
}
