package io.meshscope.cli;

import io.meshscope.core.model.ResourceId;
import picocli.CommandLine.Option;

/**
 * kubectl's {@code -n/--namespace} and {@code -A/--all-namespaces}. They filter what a command reports and name the
 * namespace of a bare workload name; the whole input is still read, because a proxy's config depends on other
 * namespaces (the root namespace's Sidecar, services everywhere). Without either, every namespace is reported.
 */
final class NamespaceOptions {
    @Option(names = {"-n", "--namespace"}, paramLabel = "NS",
            description = "Report only namespace NS (the whole input is still read: scopes span namespaces); "
                    + "the namespace of a workload given as NAME or KIND/NAME.")
    String namespace;

    @Option(names = {"-A", "--all-namespaces"}, description = "Report every namespace (the default without -n).")
    boolean allNamespaces;

    /** Fails with a usage error when both are given, as kubectl does. */
    void check() {
        if (namespace != null && allNamespaces) {
            throw new CommandFailure(ExitCodes.USAGE, "-n/--namespace and -A/--all-namespaces cannot be used together");
        }
    }

    /** True when objects of namespace {@code ns} are reported. */
    boolean includes(String ns) {
        return namespace == null || namespace.equals(ns);
    }

    /**
     * True when a resource is reported: a namespaced one by its namespace, a Namespace object by its name,
     * other cluster-scoped ones always, and no resource ({@code null}: a document that never became one) always.
     */
    boolean includes(ResourceId resource) {
        if (namespace == null || resource == null) {
            return true;
        }
        if ("Namespace".equals(resource.kind())) {
            return namespace.equals(resource.name());
        }
        String ns = resource.namespace();
        return ns == null || ns.isEmpty() || namespace.equals(ns);
    }
}
