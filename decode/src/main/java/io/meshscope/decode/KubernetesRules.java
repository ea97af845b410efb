package io.meshscope.decode;

import io.meshscope.core.model.ResourceId;
import io.meshscope.core.validate.GoText;
import io.meshscope.core.validate.PortRules;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * The API server's kind-specific checks of the parts of Kubernetes objects meshscope reads, beyond a Service's ports
 * ({@link ServicePortRules}) and metadata ({@link ObjectNames}), with its wording (rule {@code kubernetes}): a
 * Service's type, traffic policies, IP families, cluster IP, external name and selector ({@code ValidateService});
 * an EndpointSlice's address type, addresses and ports ({@code ValidateEndpointSlice}); an Endpoints' addresses and
 * ports ({@code ValidateEndpoints}); a ConfigMap's keys and size ({@code ValidateConfigMap}). A value of the wrong
 * type is left to {@link SchemaCheck}, which reports it.
 */
final class KubernetesRules {
    private static final String RULE = ServicePortRules.RULE;
    private static final Set<String> PROTOCOLS = Set.of("SCTP", "TCP", "UDP");
    private static final int MAX_CONFIG_MAP_BYTES = 1024 * 1024;

    private final ResourceId resource;
    private final Diagnostics diags;

    private KubernetesRules(ResourceId resource, Diagnostics diags) {
        this.resource = resource;
        this.diags = diags;
    }

    static void check(YNode.Mapping object, String group, String kind, ResourceId resource, Diagnostics diags) {
        KubernetesRules rules = new KubernetesRules(resource, diags);
        switch (group + "/" + kind) {
            case "/Service" -> rules.service(object);
            case "/Endpoints" -> rules.endpoints(object);
            case "/ConfigMap" -> rules.configMap(object);
            case "discovery.k8s.io/EndpointSlice" -> rules.endpointSlice(object);
            default -> {
            }
        }
    }

    private void service(YNode.Mapping object) {
        if (!(object.get("spec") instanceof YNode.Mapping spec)) {
            return;
        }
        String type = oneOf(spec, "type", "spec.type", List.of("ClusterIP", "ExternalName", "LoadBalancer", "NodePort"));
        oneOf(spec, "sessionAffinity", "spec.sessionAffinity", List.of("ClientIP", "None"));
        oneOf(spec, "externalTrafficPolicy", "spec.externalTrafficPolicy", List.of("Cluster", "Local"));
        oneOf(spec, "internalTrafficPolicy", "spec.internalTrafficPolicy", List.of("Cluster", "Local"));
        oneOf(spec, "ipFamilyPolicy", "spec.ipFamilyPolicy", List.of("PreferDualStack", "RequireDualStack",
                "SingleStack"));
        if (spec.get("ipFamilies") instanceof YNode.Seq families) {
            for (int i = 0; i < families.items().size(); i++) {
                if (families.items().get(i) instanceof YNode.Scalar s && !s.isNull()) {
                    unsupported(s, "spec.ipFamilies[" + i + "]", List.of("IPv4", "IPv6"));
                }
            }
        }
        String clusterIp = text(spec.get("clusterIP"));
        if (clusterIp != null && !clusterIp.isEmpty() && !clusterIp.equals("None") && !isIp(clusterIp)) {
            invalid(spec.get("clusterIP"), "spec.clusterIP", clusterIp,
                    "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)");
        }
        String externalName = text(spec.get("externalName"));
        if ("ExternalName".equals(type)) {
            if (externalName == null || externalName.isEmpty()) {
                diags.error(resource, spec.at(), "spec.externalName", RULE, "Required value");
            } else {
                String name = externalName.endsWith(".") ? externalName.substring(0, externalName.length() - 1)
                        : externalName;
                for (String problem : ObjectNames.dns1123Subdomain(name)) {
                    invalid(spec.get("externalName"), "spec.externalName", externalName, problem);
                }
            }
        }
        if (spec.get("selector") instanceof YNode.Mapping selector) {
            ObjectNames.labels(selector, "spec.selector", resource, diags);
        }
    }

    private void endpointSlice(YNode.Mapping object) {
        YNode typeNode = object.get("addressType");
        String addressType = text(typeNode);
        if (addressType == null || addressType.isEmpty()) {
            diags.error(resource, typeNode != null ? typeNode.at() : object.at(), "addressType", RULE,
                    "Required value");
            addressType = null;
        } else if (!unsupported((YNode.Scalar) typeNode, "addressType", List.of("FQDN", "IPv4", "IPv6"))) {
            addressType = null;
        }
        if (object.get("endpoints") instanceof YNode.Seq endpoints) {
            for (int i = 0; i < endpoints.items().size(); i++) {
                if (endpoints.items().get(i) instanceof YNode.Mapping endpoint) {
                    sliceAddresses(endpoint, "endpoints[" + i + "].addresses", addressType);
                }
            }
        }
        ports(object.get("ports"), "ports");
    }

    private void sliceAddresses(YNode.Mapping endpoint, String path, String addressType) {
        YNode node = endpoint.get("addresses");
        if (!(node instanceof YNode.Seq addresses) || addresses.items().isEmpty()) {
            if (node == null || node instanceof YNode.Seq || (node instanceof YNode.Scalar s && s.isNull())) {
                diags.error(resource, node != null ? node.at() : endpoint.at(), path, RULE,
                        "Required value: must contain at least 1 address");
            }
            return;
        }
        if (addresses.items().size() > 100) {
            diags.error(resource, addresses.at(), path, RULE, "Too many: " + addresses.items().size()
                    + ": must have at most 100 items");
        }
        for (int i = 0; i < addresses.items().size(); i++) {
            if (!(addresses.items().get(i) instanceof YNode.Scalar a) || a.isNull() || addressType == null) {
                continue;
            }
            String at = path + "[" + i + "]";
            switch (addressType) {
                case "IPv4" -> {
                    if (!isIp(a.text()) || a.text().contains(":")) {
                        invalid(a, at, a.text(), "must be a valid IPv4 address");
                    }
                }
                case "IPv6" -> {
                    if (!isIp(a.text()) || !a.text().contains(":")) {
                        invalid(a, at, a.text(), "must be a valid IPv6 address");
                    }
                }
                default -> {
                    for (String problem : ObjectNames.dns1123Subdomain(a.text())) {
                        invalid(a, at, a.text(), problem);
                    }
                }
            }
        }
    }

    private void endpoints(YNode.Mapping object) {
        if (!(object.get("subsets") instanceof YNode.Seq subsets)) {
            return;
        }
        for (int i = 0; i < subsets.items().size(); i++) {
            if (!(subsets.items().get(i) instanceof YNode.Mapping subset)) {
                continue;
            }
            String path = "subsets[" + i + "]";
            for (String list : List.of("addresses", "notReadyAddresses")) {
                if (subset.get(list) instanceof YNode.Seq addresses) {
                    for (int j = 0; j < addresses.items().size(); j++) {
                        if (addresses.items().get(j) instanceof YNode.Mapping address
                                && address.get("ip") instanceof YNode.Scalar ip && !ip.isNull() && !isIp(ip.text())) {
                            invalid(ip, path + "." + list + "[" + j + "].ip", ip.text(),
                                    "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)");
                        }
                    }
                }
            }
            ports(subset.get("ports"), path + ".ports");
        }
    }

    /** Endpoint ports: a number written is 1-65535, a name a DNS-1123 label, the protocol TCP, UDP or SCTP. */
    private void ports(YNode node, String path) {
        if (!(node instanceof YNode.Seq ports)) {
            return;
        }
        for (int i = 0; i < ports.items().size(); i++) {
            if (!(ports.items().get(i) instanceof YNode.Mapping port)) {
                continue;
            }
            String at = path + "[" + i + "]";
            YNode number = port.get("port");
            if (number instanceof YNode.Scalar n && GoYamlScalars.of(n) == GoYamlScalars.Type.INT) {
                java.math.BigInteger value = GoYamlScalars.integer(n); // 010 is 8, 0b1010 and 1_000 numbers
                if (value != null && (value.signum() <= 0 || value.compareTo(java.math.BigInteger.valueOf(65535)) > 0)) {
                    // An integer: the API server prints it unquoted.
                    diags.error(resource, n.at(), at + ".port", RULE, "Invalid value: " + value
                            + ": must be between 1 and 65535, inclusive");
                }
            }
            if (port.get("name") instanceof YNode.Scalar name && !name.isNull() && !name.text().isEmpty()) {
                for (String problem : ObjectNames.dns1123Label(name.text())) {
                    invalid(name, at + ".name", name.text(), problem);
                }
            }
            if (port.get("protocol") instanceof YNode.Scalar protocol && !protocol.isNull()) {
                unsupported(protocol, at + ".protocol", List.copyOf(new java.util.TreeSet<>(PROTOCOLS)));
            }
        }
    }

    private void configMap(YNode.Mapping object) {
        long total = 0;
        for (String field : List.of("data", "binaryData")) {
            if (!(object.get(field) instanceof YNode.Mapping data)) {
                continue;
            }
            YFields fields = data.entries();
            for (int f = 0; f < fields.size(); f++) {
                String key = fields.key(f);
                if (key.length() > 253) {
                    diags.error(resource, fields.entry(f).keyAt(), field, RULE, "Invalid value: " + GoText.quote(key)
                            + ": must be no more than 253 characters");
                }
                if (!NameSyntax.isConfigKey(key)) {
                    diags.error(resource, fields.entry(f).keyAt(), field, RULE, "Invalid value: " + GoText.quote(key)
                            + ": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g."
                            + " 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is"
                            + " '[-._a-zA-Z0-9]+')");
                }
                if (fields.entry(f).value() instanceof YNode.Scalar value) {
                    total += value.text().getBytes(StandardCharsets.UTF_8).length;
                }
            }
        }
        if (total > MAX_CONFIG_MAP_BYTES) {
            diags.error(resource, object.at(), "", RULE, "Too long: must have at most " + MAX_CONFIG_MAP_BYTES
                    + " bytes");
        }
    }

    /** The value of an optional enum field (reported when it is none of {@code allowed}), or null. */
    private String oneOf(YNode.Mapping parent, String key, String path, List<String> allowed) {
        if (!(parent.get(key) instanceof YNode.Scalar s) || s.isNull() || s.text().isEmpty()) {
            return null;
        }
        return unsupported(s, path, allowed) ? s.text() : null;
    }

    /** Reports a value none of {@code allowed} (API server's "Unsupported value"); true when it is allowed. */
    private boolean unsupported(YNode.Scalar s, String path, List<String> allowed) {
        if (allowed.contains(s.text())) {
            return true;
        }
        diags.error(resource, s.at(), path, RULE, "Unsupported value: " + GoText.quote(s.text())
                + ": supported values: " + String.join(", ", allowed.stream().map(GoText::quote).toList()));
        return false;
    }

    private void invalid(YNode node, String path, String value, String problem) {
        diags.error(resource, node.at(), path, RULE, "Invalid value: " + GoText.quote(value) + ": " + problem);
    }

    private static String text(YNode node) {
        return node instanceof YNode.Scalar s && !s.isNull() ? s.text() : null;
    }

    private static boolean isIp(String text) {
        return PortRules.validateIpAddress(text) == null && !text.contains("%");
    }
}
