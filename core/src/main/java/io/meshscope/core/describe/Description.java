package io.meshscope.core.describe;

import io.meshscope.core.model.SourceLocation;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The answer to "which Sidecar applies to this workload, why, and what does it import?" — the data behind
 * {@code describe} (text and JSON), {@code /debug/sidecarz} and the conformance {@code scope} cases.
 */
public record Description(
        WorkloadView workload,
        String proxyType,
        String sidecar,
        SourceLocation sidecarLocation,
        String selectedBy,
        List<ShadowedView> shadowed,
        String outboundTrafficPolicy,
        List<EgressView> egress,
        List<String> scopeServices,
        SortedMap<String, List<Integer>> scopeServicePorts,
        SortedMap<String, String> scopeServiceNamespaces,
        SortedMap<String, String> destinationRules,
        List<IngressView> ingress,
        SortedMap<String, SortedMap<Integer, String>> scopeServiceProtocols,
        InjectionView injection) {

    /**
     * Whether the workload runs a proxy by {@link SidecarInjection}'s rule, why, and whether that rests on the
     * assumption for a namespace the input does not hold.
     */
    public record InjectionView(boolean hasProxy, String reason, boolean assumed) {
    }

    /** The workload described. */
    public record WorkloadView(String kind, String namespace, String name, Map<String, String> labels) {
    }

    /** A Sidecar that also applied and lost, and why. */
    public record ShadowedView(String sidecar, String reason) {
    }

    /**
     * One egress listener: as written, what it imports, and which written hosts matched nothing.
     * {@code port} is null for the catch-all listener. A host whose namespace the input never showed
     * ({@link ShownNamespaces}) is in {@code unknownNamespaceHosts}, not in {@code unmatchedHosts}: it matched
     * nothing in the input, but what that namespace holds is unknown.
     */
    public record EgressView(
            Long port, String protocol, String name, String bind, String captureMode,
            List<String> hosts,
            List<String> services,
            SortedMap<String, List<Integer>> servicePorts,
            SortedMap<String, String> serviceNamespaces,
            List<String> virtualServices,
            Map<String, List<String>> hostMatches,
            List<String> unmatchedHosts,
            List<String> unknownNamespaceHosts) {
    }

    /** One ingress listener as the proxy gets it. */
    public record IngressView(Long port, String protocol, String name, String bind, String captureMode,
                              String defaultEndpoint) {
    }
}
