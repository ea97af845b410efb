package io.meshscope.core.validate;

import io.meshscope.core.model.IngressListener;
import io.meshscope.core.model.PortSpec;
import io.meshscope.core.model.ServerTls;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Sidecar {@code spec.ingress[]} checks, rules 5-28 of the spec, in {@code ValidateSidecar}'s order: null and
 * port-less items, targetPort, {@code validateSidecarIngressPortAndBind}, unique ports, defaultEndpoint, tls and
 * the per-port connection pool.
 */
final class IngressRules {
    private static final Set<String> ENDPOINT_HOSTS = Set.of("", "127.0.0.1", "0.0.0.0", "::1", "::");

    private IngressRules() {
    }

    static void validate(List<IngressListener> ingress, Findings f) {
        Set<Long> ports = new HashSet<>();
        for (int i = 0; i < ingress.size(); i++) {
            String path = "spec.ingress[" + i + "]";
            IngressListener in = ingress.get(i);
            if (in == null) {
                f.error(path, "sidecar: ingress may not be null");
                continue;
            }
            PortSpec port = in.port();
            if (port == null) {
                f.error(path + ".port", "sidecar: port is required for ingress listeners");
                continue;
            }
            if (port.targetPort() != null && port.targetPort() > 0) {
                // The deprecated field is rejected outright for Sidecars (Gateways say "...on Gateways").
                f.error(path + ".port.targetPort", "targetPort has no impact on Sidecars");
            }
            portAndBind(port, in.bind(), path, f);
            if (!ports.add(port.numberOrZero())) {
                f.error(path + ".port.number", "sidecar: ports on IP bound listeners must be unique");
            }
            defaultEndpoint(in.defaultEndpoint(), path + ".defaultEndpoint", f);
            if (in.tls() != null) {
                tls(in.tls(), port, path + ".tls", f);
            }
            ConnectionPoolRules.validate(in.connectionPool(), path + ".connectionPool", f);
            if (in.connectionPool() != null && in.connectionPool().http() != null
                    && !IstioProtocol.parse(port.protocol()).isHttp()) {
                f.warning(path + ".connectionPool.http",
                        "sidecar: HTTP connection pool settings are configured for port " + port.numberOrZero()
                                + " (" + GoText.quote(port.nameOrEmpty()) + ") but its protocol is not HTTP ("
                                + port.protocolOrEmpty() + "); only TCP settings will apply");
            }
        }
    }

    /** {@code validateSidecarIngressPortAndBind}: unlike egress there is no UDS case, so port 0 is an error. */
    private static void portAndBind(PortSpec port, String bind, String path, Findings f) {
        if (!port.nameOrEmpty().isEmpty()) {
            f.error(path + ".port.name", PortRules.validatePortName(port.name()));
        }
        f.error(path + ".port.protocol", PortRules.validateProtocol(port.protocol()));
        f.error(path + ".port.number", PortRules.validatePort(port.numberOrZero()));
        if (!bind.isEmpty()) {
            f.error(path + ".bind", PortRules.validateIpAddress(bind));
        }
    }

    /** Rules 13-18: {@code unix://path}, or {@code host:port} with a loopback/any host. */
    private static void defaultEndpoint(String endpoint, String path, Findings f) {
        if (endpoint.isEmpty()) {
            return;
        }
        if (endpoint.startsWith(PortRules.UNIX_PREFIX)) {
            f.error(path, PortRules.validateUnixAddress(endpoint.substring(PortRules.UNIX_PREFIX.length())));
            return;
        }
        GoNet.HostPort hp = GoNet.splitHostPort(endpoint);
        f.error(path, hp.error());
        if (!ENDPOINT_HOSTS.contains(hp.host())) {
            f.error(path, "sidecar: defaultEndpoint must be of form 127.0.0.1:<port>,0.0.0.0:<port>,[::1]:port,"
                    + "[::]:port,unix://filepath or unset");
        }
        // After a split error the port is "", so Istio also reports the Atoi failure on "".
        GoStrconv.Atoi port = GoStrconv.atoi(hp.port());
        if (!port.ok()) {
            f.error(path, "sidecar: defaultEndpoint port (" + hp.port() + ") is not a number: " + port.error());
        } else {
            f.error(path, PortRules.validatePort(port.value()));
        }
    }

    /** Rules 19-26: sidecar-only TLS restrictions, then the shared {@code validateTLSOptions}. */
    private static void tls(ServerTls tls, PortSpec port, String path, Findings f) {
        if (!tls.subjectAltNames().isEmpty()) {
            f.error(path + ".subjectAltNames", "sidecar: subjectAltNames is not supported in ingress tls");
        }
        if (tls.httpsRedirect()) {
            f.error(path + ".httpsRedirect", "sidecar: httpsRedirect is not supported");
        }
        if (!tls.credentialName().isEmpty()) {
            f.error(path + ".credentialName", "sidecar: credentialName is not currently supported");
        }
        if (!tls.credentialNames().isEmpty()) {
            f.error(path + ".credentialNames", "sidecar: credentialNames is not currently supported");
        }
        if (tls.tlsCertificates() > 0) {
            f.error(path + ".tlsCertificates", "sidecar: tls_certificates is not currently supported");
        }
        if (tls.mode().equals("ISTIO_MUTUAL") || tls.mode().equals("AUTO_PASSTHROUGH")) {
            f.error(path + ".mode", "configuration is invalid: cannot set mode to " + tls.mode()
                    + " in sidecar ingress tls");
        }
        if (!IstioProtocol.parse(port.protocol()).isTls()) {
            f.error(path, "server cannot have TLS settings for non HTTPS/TLS ports");
        }
        TlsRules.validate(tls, path, f);
    }
}
