package io.meshscope.cli;

import io.meshscope.kube.KubeOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Reading mesh config from a live Kubernetes API server, instead of or in addition to files. */
final class KubeInputOptions {
    @Option(names = "--kube", description = "Also read the mesh config from the Kubernetes API server, as kubectl "
            + "would reach it: listed once by one-shot commands, watched with informers by serve.")
    boolean kube;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "With --kube: the kubeconfig to use "
            + "(default: KUBECONFIG, ~/.kube/config, then in-cluster).")
    String kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", description = "With --kube: the kubeconfig context.")
    String context;

    @Option(names = "--namespaces", paramLabel = "NS[,NS]", description = "With --kube: read only these "
            + "namespaces (repeatable or comma-separated).")
    List<String> namespaces = new ArrayList<>();

    @Option(names = "--namespace-selector", paramLabel = "SELECTOR", description = "With --kube: read only "
            + "namespaces whose labels match (kubectl syntax, e.g. istio-injection=enabled).")
    String namespaceSelector;

    /**
     * The options as the kube module takes them, empty without {@code --kube}. Throws IllegalArgumentException
     * for malformed values, or for Kubernetes flags given without {@code --kube}: every command maps it to exit 2.
     */
    Optional<KubeOptions> resolve() {
        if (!kube) {
            if (kubeconfig != null || context != null || !namespaces.isEmpty() || namespaceSelector != null) {
                throw new IllegalArgumentException(
                        "--kubeconfig, --context, --namespaces and --namespace-selector need --kube");
            }
            return Optional.empty();
        }
        return Optional.of(new KubeOptions(Optional.ofNullable(kubeconfig), Optional.ofNullable(context), namespaces,
                Optional.ofNullable(namespaceSelector)));
    }
}
