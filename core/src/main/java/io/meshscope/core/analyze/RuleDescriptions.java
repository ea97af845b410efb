package io.meshscope.core.analyze;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What each message code means and how to fix it, for rule listings such as SARIF's {@code rules}: a one-line
 * summary and a help paragraph pointing at its page in docs/analyzers.md.
 */
public final class RuleDescriptions {
    /** One rule: its type, a one-sentence summary and the help text. */
    public record RuleDescription(MessageType type, String summary, String help) {
    }

    private static final Map<String, RuleDescription> BY_CODE = build();

    private static Map<String, RuleDescription> build() {
        Map<String, RuleDescription> m = new LinkedHashMap<>();
        add(m, MessageTypes.DEPRECATED, "A Sidecar sets the deprecated outboundTrafficPolicy.egressProxy (istiod, like "
                + "meshscope, still sends unmatched ALLOW_ANY traffic to it, though its analyzer says \"ignored\").",
                "Remove egressProxy; route egress through an egress gateway instead.");
        add(m, MessageTypes.REFERENCED_RESOURCE_NOT_FOUND, "A Sidecar's workloadSelector matches no workload in its namespace.",
                "A workload is a Pod, a WorkloadEntry or a controller's pod template (Deployment, StatefulSet, "
                        + "DaemonSet, ReplicaSet, Job, CronJob); istioctl looks at Pods only (istio/istio#40861). Fix "
                        + "the labels.");
        add(m, MessageTypes.SCHEMA_VALIDATION_ERROR, "Istio's admission webhook rejects the resource.",
                "The message is Istio's validation text; fix the field it names.");
        add(m, MessageTypes.CONFLICTING_SIDECAR_WORKLOAD_SELECTORS, "Several Sidecars select the same pod.",
                "Istio applies the oldest; make the selectors disjoint (MS0011 names the winner).");
        add(m, MessageTypes.MULTIPLE_SIDECARS_WITHOUT_WORKLOAD_SELECTORS,
                "A namespace has several Sidecars without workloadSelector.",
                "Istio applies the oldest; keep one namespace default (MS0011 names the winner).");
        add(m, MessageTypes.SCHEMA_WARNING, "Istio's validation warns about the resource.",
                "The message is Istio's validation warning text.");
        add(m, MessageTypes.INEFFECTIVE_POLICY, "The Sidecar targets ambient workloads, which ignore Sidecars.",
                "Remove the Sidecar or move the workloads out of ambient mode.");
        add(m, MeshscopeMessageTypes.UNKNOWN_EGRESS_HOST,
                "An egress host matches no service, ServiceEntry or VirtualService visible to the namespace.",
                "Sidecar hosts are compared with service hostnames by exact string or *. suffix and are never "
                        + "short-name expanded. Write the FQDN (ns/name.ns.svc.cluster.local) or the namespace the "
                        + "Service or ServiceEntry lives in.");
        add(m, MeshscopeMessageTypes.EXCLUSION_IMPORTS_NOTHING,
                "A \"~\" exclusion leaves an egress listener importing nothing; \"~/*\" is not the root namespace.",
                "\"~\" is an exclusion prefix and a bare \"~\" means every namespace, so \"~/*\" excludes everything. "
                        + "Import ServiceEntry hosts from the ServiceEntry's own namespace (ns/api.example.com), or "
                        + "\"istio-system/*\" for the root namespace.");
        add(m, MeshscopeMessageTypes.WILDCARD_DEFEATS_SCOPING,
                "\"*/*\" (or a Sidecar without egress) imports every service visible to the namespace.",
                "That is what a proxy without any Sidecar gets. List the namespaces or hosts the workloads call.");
        add(m, MeshscopeMessageTypes.NAMESPACE_WITHOUT_SIDECAR,
                "No Sidecar applies in a namespace and the root namespace has no default Sidecar.",
                "Each proxy there receives the whole visible mesh. Add a namespace default Sidecar, or a default "
                        + "Sidecar without workloadSelector in the root namespace.");
        add(m, MeshscopeMessageTypes.ROOT_SELECTOR_NOT_MESH_WIDE,
                "A Sidecar with a workloadSelector in the root namespace is written as if it applied mesh-wide.",
                "Selector Sidecars apply only to workloads of their own namespace, and are never the mesh default. "
                        + "Remove workloadSelector for a mesh default, or copy the Sidecar into each namespace.");
        add(m, MeshscopeMessageTypes.PORT_LISTENER_IMPORTS_NOTHING,
                "A port-specific egress listener imports no service on its port.",
                "A port listener keeps only services whose service port (not targetPort) equals its port. Use the "
                        + "service port, or import services that have it.");
        add(m, MeshscopeMessageTypes.REGISTRY_ONLY_SERVICE_ENTRY_NOT_IMPORTED,
                "Outbound traffic is REGISTRY_ONLY and a ServiceEntry of the workloads' own namespace is not imported.",
                "Calls to it are blocked. Add its hosts (./host) to the egress hosts, on the right port.");
        add(m, MeshscopeMessageTypes.NARROWER_THAN_NAMESPACE_DEFAULT,
                "A workload Sidecar imports nothing from a namespace its namespace default imports.",
                "A workload Sidecar replaces the namespace default; nothing is inherited. Repeat the imports the "
                        + "workloads still need.");
        add(m, MeshscopeMessageTypes.SELECTOR_MATCHES_NO_WORKLOAD,
                "A workloadSelector matches no workload of any kind in its namespace.",
                "Fix the labels; the Sidecar applies to nothing as written.");
        add(m, MeshscopeMessageTypes.DUPLICATE_SIDECAR_SPEC, "Two Sidecars in one namespace have the same spec.",
                "Only the oldest is applied where both match; delete one.");
        add(m, MeshscopeMessageTypes.RELIES_ON_DOCUMENTED_BEHAVIOUR,
                "The config relies on documented Sidecar behaviour that Istio's code does not have.",
                "Shadowed namespace defaults, overlapping selectors, workloadSelector: {}, ingress without a Service, "
                        + "bind on the catch-all listener, outboundTrafficPolicy without mode, VirtualServices and "
                        + "DestinationRules chosen by namespace: write what the code does.");
        add(m, MeshscopeMessageTypes.CAPTURE_MODE_NONE_DOES_NOT_BYPASS,
                "captureMode NONE on an egress listener does not bypass Envoy.",
                "Envoy binds 127.0.0.1:port for the application to call; traffic to the services' addresses is still "
                        + "intercepted. Use traffic.sidecar.istio.io/excludeOutboundPorts to bypass Envoy.");
        add(m, MeshscopeMessageTypes.NAMESPACE_DEFAULT_WITHOUT_ROOT,
                "A namespace default Sidecar imports nothing from the root (control-plane) namespace.",
                "Workloads commonly call services of the control-plane namespace; the recommended namespace default "
                        + "is \"./*\" plus \"istio-system/*\" (the root namespace). Add it, or suppress if no "
                        + "workload there calls it.");
        add(m, MeshscopeMessageTypes.NOT_GENERATED,
                "The resource or field shapes the config istiod sends, but meshscope does not generate it.",
                "A proxy served by meshscope behaves differently from one served by istiod here (the message says "
                        + "how). Routes are never widened: a route whose match meshscope cannot express is omitted. "
                        + "Remove the field, or suppress once the difference is accepted.");
        return Collections.unmodifiableMap(m);
    }

    private RuleDescriptions() {
    }

    private static void add(Map<String, RuleDescription> m, MessageType type, String summary, String help) {
        m.put(type.code(), new RuleDescription(type, summary,
                help + " See docs/analyzers.md#" + type.code().toLowerCase(Locale.ROOT) + "."));
    }

    /** Every rule meshscope can report: Istio's codes, then meshscope's, each ordered by code. */
    public static List<RuleDescription> all() {
        return new ArrayList<>(BY_CODE.values());
    }

    /** The rule for a code, if meshscope reports it. */
    public static Optional<RuleDescription> of(String code) {
        return Optional.ofNullable(BY_CODE.get(code));
    }
}
