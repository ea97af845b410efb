package io.meshscope.decode;

import io.meshscope.core.validate.GoText;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The Kubernetes API server's checks of a Service's {@code spec.ports} ({@code validateServicePort} and the
 * duplicate check of {@code ValidateService} in {@code pkg/apis/core/validation}), with its wording, after its
 * defaulting (protocol TCP; an unset or zero targetPort is the port). Reported as errors of the Service at the
 * field, so {@code validate} rejects what {@code kubectl apply} would and {@code serve} holds the Service back.
 * A value of the wrong type is already reported by {@link NodeReader} and not checked again here.
 */
final class ServicePortRules {
    /** The rule id of the API server's own checks. */
    static final String RULE = "kubernetes";

    private static final Set<String> PROTOCOLS = Set.of("TCP", "UDP", "SCTP");
    private static final String RANGE = "must be between 1 and 65535, inclusive";
    private static final String LABEL_MESSAGE = "a lowercase RFC 1123 label must consist of lower case alphanumeric"
            + " characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or"
            + " '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

    private final DecodeContext ctx;

    private ServicePortRules(DecodeContext ctx) {
        this.ctx = ctx;
    }

    /** Checks every item of {@code ports} (the Service's {@code spec.ports}). */
    static void check(NodeReader ports) {
        new ServicePortRules(ports.context()).checkAll(ports.items());
    }

    private void checkAll(List<NodeReader> items) {
        Set<String> names = new HashSet<>();
        Set<String> keys = new HashSet<>();
        for (NodeReader item : items) {
            if (!item.isMapping()) {
                continue; // reported by the reader
            }
            String name = name(item.get("name"), items.size() > 1, names);
            Integer port = port(item.get("port"));
            String protocol = protocol(item.get("protocol"));
            targetPort(item.get("targetPort"));
            if (port != null && protocol != null && !keys.add(protocol + "/" + port)) {
                error(item, "Duplicate value: core.ServicePort{Name:\"\", Protocol:" + GoText.quote(protocol)
                        + ", AppProtocol:(*string)(nil), Port:" + port + ", TargetPort:intstr.IntOrString{Type:0,"
                        + " IntVal:0, StrVal:\"\"}, NodePort:0}");
            }
            if (name != null && !name.isEmpty()) {
                names.add(name);
            }
        }
    }

    private String name(NodeReader field, boolean required, Set<String> seen) {
        String name = field.isPresent() ? field.string() : "";
        if (name == null) {
            return null;
        }
        if (name.isEmpty()) {
            if (required) {
                error(field, "Required value");
            }
            return name;
        }
        for (String problem : dns1123Label(name)) {
            error(field, "Invalid value: " + GoText.quote(name) + ": " + problem);
        }
        if (seen.contains(name)) {
            error(field, "Duplicate value: " + GoText.quote(name));
        }
        return name;
    }

    /** The port as the API server reads it (absent is 0), or null when its type was wrong. */
    private Integer port(NodeReader field) {
        Integer port = field.isPresent() ? field.int32() : Integer.valueOf(0);
        if (port != null && (port < 1 || port > 65535)) {
            error(field, "Invalid value: " + port + ": " + RANGE);
        }
        return port;
    }

    /** The protocol after defaulting (empty is TCP), or null when its type was wrong. */
    private String protocol(NodeReader field) {
        String protocol = field.isPresent() ? field.string() : "TCP";
        if (protocol == null) {
            return null;
        }
        if (protocol.isEmpty()) {
            return "TCP";
        }
        if (!PROTOCOLS.contains(protocol)) {
            error(field, "Unsupported value: " + GoText.quote(protocol)
                    + ": supported values: \"SCTP\", \"TCP\", \"UDP\"");
        }
        return protocol;
    }

    /** A number is a port; any other scalar is a port name (IANA_SVC_NAME); 0 and "" default to the port. */
    private void targetPort(NodeReader field) {
        if (!field.isPresent() || !(field.node() instanceof YNode.Scalar s)) {
            if (field.isPresent()) {
                field.string(); // reports the collection
            }
            return;
        }
        if (isNumber(s)) {
            BigInteger value = GoYamlScalars.integer(s);
            if (value != null && value.signum() != 0
                    && (value.compareTo(BigInteger.ONE) < 0 || value.compareTo(BigInteger.valueOf(65535)) > 0)) {
                error(field, "Invalid value: " + value + ": " + RANGE);
            }
            return; // null: a fraction, which the schema check reports
        }
        String name = s.text();
        if (name.isEmpty()) {
            return;
        }
        for (String problem : ianaServiceName(name)) {
            error(field, "Invalid value: " + GoText.quote(name) + ": " + problem);
        }
    }

    /**
     * A targetPort as the Service holds it: a number in decimal ({@code 0x1F90} is 8080, as Kubernetes' YAML decoder
     * reads it), a port name as written, null when unset. A number that is no integer (80.5) is kept as written.
     */
    static String targetPortText(NodeReader field) {
        if (field.isPresent() && field.node() instanceof YNode.Scalar s && isNumber(s)) {
            BigInteger value = GoYamlScalars.integer(s);
            return value == null ? s.text() : value.toString();
        }
        return field.string();
    }

    /** Whether an int-or-string scalar is the number rather than the string, as go-yaml resolves it. */
    private static boolean isNumber(YNode.Scalar s) {
        GoYamlScalars.Type t = GoYamlScalars.of(s);
        return t == GoYamlScalars.Type.INT || t == GoYamlScalars.Type.FLOAT;
    }

    /** {@code IsDNS1123Label}. */
    static List<String> dns1123Label(String value) {
        boolean tooLong = NameSyntax.utf8Length(value) > 63;
        if (!tooLong && NameSyntax.isDns1123Label(value)) {
            return List.of();
        }
        List<String> out = new ArrayList<>(2);
        if (tooLong) {
            out.add("must be no more than 63 characters");
        }
        if (!NameSyntax.isDns1123Label(value)) {
            out.add(NameSyntax.isDns1123Subdomain(value) ? "must not contain dots" : LABEL_MESSAGE);
        }
        return out;
    }

    /** {@code IsValidPortName}: IANA_SVC_NAME, at most 15 characters of [-a-z0-9] with a letter. */
    static List<String> ianaServiceName(String port) {
        List<String> out = new ArrayList<>();
        if (port.getBytes(StandardCharsets.UTF_8).length > 15) {
            out.add("must be no more than 15 characters");
        }
        if (!NameSyntax.isPortNameCharset(port)) {
            out.add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        }
        if (!NameSyntax.hasLowercaseLetter(port)) {
            out.add("must contain at least one letter (a-z)");
        }
        if (port.contains("--")) {
            out.add("must not contain consecutive hyphens");
        }
        if (!port.isEmpty() && (port.charAt(0) == '-' || port.charAt(port.length() - 1) == '-')) {
            out.add("must not begin or end with a hyphen");
        }
        return out;
    }

    private void error(NodeReader field, String message) {
        ctx.diags().error(ctx.resource(), field.location(), field.path(), RULE, message);
    }
}
