package io.meshscope.kube;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How to reach the API server (as kubectl resolves it) and which namespaces to read.
 *
 * @param kubeconfig        a kubeconfig file ({@code --kubeconfig}); empty: {@code KUBECONFIG}, then
 *                          {@code ~/.kube/config}, then the in-cluster service account
 * @param context           a context of that kubeconfig ({@code --context}); empty: its current context
 * @param namespaces        the namespaces to read ({@code --namespaces}); empty: every namespace. Entries may
 *                          themselves be comma-separated lists
 * @param namespaceSelector a label selector on Namespace objects ({@code --namespace-selector}), in kubectl's
 *                          syntax ({@code istio-injection=enabled,env in (prod,staging)}); with
 *                          {@code namespaces} too, a namespace must be listed <em>and</em> match
 */
public record KubeOptions(Optional<String> kubeconfig, Optional<String> context, List<String> namespaces,
                          Optional<String> namespaceSelector) {

    /**
     * Normalises the namespace list and checks the selector.
     *
     * @throws IllegalArgumentException when the selector or a namespace name is malformed (a usage error)
     */
    public KubeOptions {
        kubeconfig = kubeconfig == null ? Optional.empty() : kubeconfig.filter(s -> !s.isBlank());
        context = context == null ? Optional.empty() : context.filter(s -> !s.isBlank());
        namespaces = splitNamespaces(namespaces == null ? List.of() : namespaces);
        namespaceSelector = namespaceSelector == null ? Optional.empty()
                : namespaceSelector.map(String::trim).filter(s -> !s.isEmpty());
        namespaceSelector.ifPresent(LabelSelector::parse);
    }

    /** The current kubeconfig context (or in-cluster config), every namespace. */
    public static KubeOptions defaults() {
        return new KubeOptions(Optional.empty(), Optional.empty(), List.of(), Optional.empty());
    }

    /** True when {@code --namespaces} or {@code --namespace-selector} restricts what is read. */
    public boolean filtersNamespaces() {
        return !namespaces.isEmpty() || namespaceSelector.isPresent();
    }

    private static List<String> splitNamespaces(List<String> given) {
        List<String> out = new ArrayList<>();
        for (String entry : given) {
            for (String part : entry.split(",")) {
                String ns = part.trim();
                if (ns.isEmpty() || out.contains(ns)) {
                    continue;
                }
                if (!ns.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
                    throw new IllegalArgumentException("invalid namespace name \"" + ns
                            + "\": lowercase letters, digits and '-', at most 63 characters");
                }
                out.add(ns);
            }
        }
        return List.copyOf(out);
    }
}
