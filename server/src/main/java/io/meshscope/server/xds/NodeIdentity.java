package io.meshscope.server.xds;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.meshscope.core.model.Locality;
import io.meshscope.core.scope.ProxyType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who a connecting proxy is, read as istiod reads it. The node id is
 * {@code <type>~<ip>~<pod>.<namespace>~<namespace>.svc.<domain>} ({@code sidecar} or {@code router}); node
 * metadata may add {@code NAMESPACE}, {@code LABELS}, {@code INSTANCE_IPS}, {@code CLUSTER_ID} and
 * {@code GENERATOR} ({@code grpc} marks a proxyless gRPC client, as Istio's gRPC bootstrap sets it).
 *
 * @param id the node id as sent
 * @param type sidecar or router
 * @param ip the first IP from the id or {@code INSTANCE_IPS} (may be empty)
 * @param podName the pod name from the id (may be empty)
 * @param namespace the config namespace: metadata {@code NAMESPACE}, else from the id, else {@code default}
 * @param labels metadata {@code LABELS} (empty when absent; the workload's labels are used then)
 * @param proxyless true for proxyless gRPC clients
 * @param locality the node's {@code locality} (empty when unset): the proxy's locality when neither its labels
 *     nor its workload give one, as istiod's {@code setTopologyLabels}
 */
public record NodeIdentity(String id, ProxyType type, String ip, String podName, String namespace,
                           Map<String, String> labels, boolean proxyless, String clusterId, Locality locality) {

    public NodeIdentity {
        labels = Map.copyOf(labels);
    }

    /** Parses a node; never fails: unparseable parts are left empty and the defaults apply. */
    public static NodeIdentity from(Node node) {
        String id = node.getId();
        String[] parts = id.split("~", -1);
        ProxyType type = parts.length > 0 && "router".equals(parts[0]) ? ProxyType.ROUTER : ProxyType.SIDECAR;
        String ip = parts.length > 1 ? parts[1] : "";
        String podName = "";
        if (parts.length > 2) {
            int dot = parts[2].indexOf('.');
            podName = dot < 0 ? parts[2] : parts[2].substring(0, dot);
        }
        Struct md = node.getMetadata();
        String namespace = claimedNamespace(node);
        if (namespace.isEmpty()) {
            namespace = "default";
        }
        if (ip.isEmpty()) {
            String ips = string(md, "INSTANCE_IPS");
            ip = ips.isEmpty() ? "" : ips.split(",")[0].trim();
        }
        Map<String, String> labels = new LinkedHashMap<>();
        Value l = md.getFieldsMap().get("LABELS");
        if (l != null && l.hasStructValue()) {
            l.getStructValue().getFieldsMap().forEach((k, v) -> labels.put(k, v.getStringValue()));
        }
        boolean proxyless = "grpc".equalsIgnoreCase(string(md, "GENERATOR"))
                || node.getUserAgentName().toLowerCase(java.util.Locale.ROOT).contains("grpc");
        io.envoyproxy.envoy.config.core.v3.Locality loc = node.getLocality();
        return new NodeIdentity(id, type, ip, podName, namespace, labels, proxyless, string(md, "CLUSTER_ID"),
                new Locality(loc.getRegion(), loc.getZone(), loc.getSubZone()));
    }

    /**
     * The namespace the node asks for: metadata {@code NAMESPACE}, else the one in its id; empty when it names none
     * (then it is served {@code default}, or with an authenticated identity that identity's namespace).
     */
    public static String claimedNamespace(Node node) {
        String metaNs = string(node.getMetadata(), "NAMESPACE");
        if (!metaNs.isEmpty()) {
            return metaNs;
        }
        String[] parts = node.getId().split("~", -1);
        String namespace = "";
        if (parts.length > 2) {
            int dot = parts[2].indexOf('.');
            namespace = dot < 0 ? "" : parts[2].substring(dot + 1);
        }
        if (namespace.isEmpty() && parts.length > 3) {
            int dot = parts[3].indexOf('.');
            namespace = dot < 0 ? parts[3] : parts[3].substring(0, dot);
        }
        return namespace;
    }

    /** The service account the node claims (metadata {@code SERVICE_ACCOUNT}, as Istio's); empty when none. */
    public static String claimedServiceAccount(Node node) {
        return string(node.getMetadata(), "SERVICE_ACCOUNT");
    }

    /** The same node served as {@code namespace}'s. */
    public NodeIdentity inNamespace(String namespace) {
        return new NodeIdentity(id, type, ip, podName, namespace, labels, proxyless, clusterId, locality);
    }

    private static String string(Struct md, String key) {
        Value v = md.getFieldsMap().get(key);
        return v == null ? "" : v.getStringValue();
    }

    /**
     * What the node's metadata asks for that meshscope does not generate, in words (empty for the default proxy):
     * an {@code INTERCEPTION_MODE} of NONE or TPROXY (meshscope builds for iptables REDIRECT) and
     * {@code UNPRIVILEGED_POD} (istiod then skips real listeners on ports below 1024; meshscope does not).
     */
    public static List<String> unmodelled(Node node) {
        Struct md = node.getMetadata();
        List<String> out = new java.util.ArrayList<>();
        String mode = string(md, "INTERCEPTION_MODE");
        if (mode.equals("NONE") || mode.equals("TPROXY")) {
            out.add("INTERCEPTION_MODE " + mode + ": the config is built for iptables REDIRECT interception");
        }
        if (Boolean.parseBoolean(string(md, "UNPRIVILEGED_POD"))) {
            out.add("UNPRIVILEGED_POD: istiod would skip real listeners on privileged ports (below 1024)");
        }
        return out;
    }

    /** The metadata keys read, for documentation and {@code /debug/list}. */
    public static List<String> metadataKeys() {
        return List.of("NAMESPACE", "LABELS", "INSTANCE_IPS", "CLUSTER_ID", "GENERATOR", "INTERCEPTION_MODE",
                "UNPRIVILEGED_POD");
    }
}
