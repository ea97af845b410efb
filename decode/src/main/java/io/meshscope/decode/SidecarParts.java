package io.meshscope.decode;

import io.meshscope.core.model.CaptureMode;
import io.meshscope.core.model.ConnectionPool;
import io.meshscope.core.model.EgressProxy;
import io.meshscope.core.model.OutboundMode;
import io.meshscope.core.model.OutboundTrafficPolicy;
import io.meshscope.core.model.PortSpec;
import io.meshscope.core.model.ServerTls;

import java.util.Map;

/** The value types inside a Sidecar (ports, capture mode, TLS, pools, outbound policy), read as written. */
final class SidecarParts {
    /** The CRD admits any uint32; validation, not decoding, judges the range. */
    static final long UINT32_MAX = 4_294_967_295L;
    private static final int[] CAPTURE_NUMBERS = {0, 1, 2};
    private static final int[] MODE_NUMBERS = {0, 1, 3};

    private SidecarParts() {
    }

    /** null when the port is absent; {@code {}} gives a port with every field null. */
    static PortSpec port(NodeReader port) {
        if (!port.isMapping()) {
            return null;
        }
        return new PortSpec(port.get("number").integer(0, UINT32_MAX), port.get("protocol").string(),
                port.get("name").string(), port.get("targetPort").integer(0, UINT32_MAX));
    }

    static CaptureMode captureMode(NodeReader field) {
        return field.enumValue(CaptureMode.values(), CAPTURE_NUMBERS, CaptureMode.DEFAULT);
    }

    /** OutboundMode by name or proto number (0, 1, 3); null when absent or unknown (reported). */
    static OutboundMode outboundMode(NodeReader field) {
        return field.enumValue(OutboundMode.values(), MODE_NUMBERS, null);
    }

    /** null when absent; {@code {}} gives a policy with a null mode (which Istio reads as REGISTRY_ONLY). */
    static OutboundTrafficPolicy outboundTrafficPolicy(NodeReader otp) {
        if (!otp.isMapping()) {
            return null;
        }
        NodeReader proxy = otp.get("egressProxy");
        EgressProxy egressProxy = proxy.isMapping()
                ? new EgressProxy(proxy.get("host").string(), proxy.get("subset").string(),
                        proxy.get("port").get("number").integer(0, UINT32_MAX))
                : null;
        return new OutboundTrafficPolicy(outboundMode(otp.get("mode")), egressProxy);
    }

    /** null when absent; each of {@code tcp}/{@code http} is null when absent; values typed as the proto's. */
    static ConnectionPool connectionPool(NodeReader pool) {
        return ConnectionPoolDecoder.decode(pool);
    }

    /**
     * A field the connection-pool schema does not know, kept as written: scalars by value, nested blocks flattened
     * to dotted names ({@code a.b}); null values are left out.
     */
    static void putUntyped(NodeReader value, String key, Map<String, Object> out) {
        if (value.node() instanceof YNode.Mapping) {
            for (Map.Entry<String, NodeReader> e : value.entries().entrySet()) {
                putUntyped(e.getValue(), key + "." + e.getKey(), out);
            }
        } else if (value.node() instanceof YNode.Scalar s && !s.isNull()) {
            out.put(key, scalarValue(value, s));
        } else if (value.isPresent()) {
            value.error(Diagnostics.TYPE, "expected a scalar or a mapping, got a sequence");
        }
    }

    private static Object scalarValue(NodeReader field, YNode.Scalar s) {
        switch (s.type()) {
            case INT: {
                Long v = field.integer(Long.MIN_VALUE, Long.MAX_VALUE);
                return v == null ? s.text() : v;
            }
            case FLOAT:
                try {
                    return Double.valueOf(s.text());
                } catch (NumberFormatException e) {
                    return s.text(); // .inf / .nan spellings: keep the text
                }
            case BOOL:
                return Boolean.valueOf(s.text().toLowerCase(java.util.Locale.ROOT));
            default:
                return s.text();
        }
    }

    /** null when absent. */
    static ServerTls serverTls(NodeReader tls) {
        if (!tls.isMapping()) {
            return null;
        }
        Boolean redirect = tls.get("httpsRedirect").bool();
        return new ServerTls(tls.get("mode").string(), redirect != null && redirect,
                tls.get("serverCertificate").string(), tls.get("privateKey").string(),
                tls.get("caCertificates").string(), tls.get("caCrl").string(), tls.get("credentialName").string(),
                tls.get("credentialNames").strings(), tls.get("tlsCertificates").items().size(),
                tls.get("subjectAltNames").strings(), tls.get("minProtocolVersion").string(),
                tls.get("cipherSuites").strings());
    }
}
