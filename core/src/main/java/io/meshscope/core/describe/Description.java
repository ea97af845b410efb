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
        SortedMap<String, SortedMap<Integer, String>> scopeServiceProtocols) {

    /** The workload described. */
    public record WorkloadView(String kind, String namespace, String name, Map<String, String> labels) {
    }

    /** A Sidecar that also applied and lost, and why. */
    public record ShadowedView(String sidecar, String reason) {
    }

    /**
     * One egress listener: as written, what it imports, and which written hosts matched nothing.
     * {@code port} is null for the catch-all listener.
     */
    public record EgressView(
            Long port, String protocol, String name, String bind, String captureMode,
            List<String> hosts,
            List<String> services,
            SortedMap<String, List<Integer>> servicePorts,
            SortedMap<String, String> serviceNamespaces,
            List<String> virtualServices,
            Map<String, List<String>> hostMatches,
            List<String> unmatchedHosts) {
    }

    /** One ingress listener as the proxy gets it. */
    public record IngressView(Long port, String protocol, String name, String bind, String captureMode,
                              String defaultEndpoint) {
    }
}
