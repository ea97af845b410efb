package io.meshscope.core.validate;

import io.meshscope.core.model.CaptureMode;
import io.meshscope.core.model.ConnectionPool;
import io.meshscope.core.model.EgressListener;
import io.meshscope.core.model.EgressProxy;
import io.meshscope.core.model.IngressListener;
import io.meshscope.core.model.ObjectMeta;
import io.meshscope.core.model.OutboundMode;
import io.meshscope.core.model.OutboundTrafficPolicy;
import io.meshscope.core.model.PortSpec;
import io.meshscope.core.model.ServerTls;
import io.meshscope.core.model.Sidecar;
import io.meshscope.core.model.WorkloadSelector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Test-only builders for Sidecar records (namespace {@code bar}, name {@code foo}, as in Istio's tests). */
final class SidecarFixtures {
    private SidecarFixtures() {
    }

    static Builder sidecar() {
        return new Builder();
    }

    /** A port-less (catch-all) egress listener. */
    static EgressListener egress(String... hosts) {
        return new EgressListener(null, "", CaptureMode.DEFAULT, Arrays.asList(hosts));
    }

    static EgressListener egress(PortSpec port, String... hosts) {
        return new EgressListener(port, "", CaptureMode.DEFAULT, Arrays.asList(hosts));
    }

    static EgressListener egress(PortSpec port, String bind, CaptureMode mode, String... hosts) {
        return new EgressListener(port, bind, mode, Arrays.asList(hosts));
    }

    static PortSpec port(long number, String protocol, String name) {
        return new PortSpec(number, protocol, name, null);
    }

    static PortSpec port(long number, String protocol, String name, long targetPort) {
        return new PortSpec(number, protocol, name, targetPort);
    }

    static IngressListener ingress(PortSpec port) {
        return new IngressListener(port, "", CaptureMode.DEFAULT, "", null, null);
    }

    static IngressListener ingress(PortSpec port, String bind, String defaultEndpoint) {
        return new IngressListener(port, bind, CaptureMode.DEFAULT, defaultEndpoint, null, null);
    }

    static IngressListener ingressTls(PortSpec port, ServerTls tls) {
        return new IngressListener(port, "", CaptureMode.DEFAULT, "", tls, null);
    }

    static IngressListener ingressPool(PortSpec port, ConnectionPool pool) {
        return new IngressListener(port, "", CaptureMode.DEFAULT, "", null, pool);
    }

    static ConnectionPool pool(Map<String, Object> tcp, Map<String, Object> http) {
        return new ConnectionPool(tcp, http);
    }

    static OutboundTrafficPolicy outbound(OutboundMode mode, EgressProxy proxy) {
        return new OutboundTrafficPolicy(mode, proxy);
    }

    static TlsBuilder tls(String mode) {
        return new TlsBuilder(mode);
    }

    /** Fluent Sidecar builder; lists accept null items, as decoded YAML can. */
    static final class Builder {
        private String namespace = "bar";
        private WorkloadSelector selector;
        private final List<IngressListener> ingress = new ArrayList<>();
        private final List<EgressListener> egress = new ArrayList<>();
        private OutboundTrafficPolicy outbound;
        private ConnectionPool inboundPool;

        Builder namespace(String ns) {
            this.namespace = ns;
            return this;
        }

        Builder selector(Map<String, String> labels) {
            this.selector = new WorkloadSelector(labels);
            return this;
        }

        Builder ingress(IngressListener... listeners) {
            ingress.addAll(Arrays.asList(listeners));
            return this;
        }

        Builder egress(EgressListener... listeners) {
            egress.addAll(Arrays.asList(listeners));
            return this;
        }

        Builder outbound(OutboundTrafficPolicy policy) {
            this.outbound = policy;
            return this;
        }

        Builder inboundPool(ConnectionPool pool) {
            this.inboundPool = pool;
            return this;
        }

        Sidecar build() {
            return new Sidecar(ObjectMeta.of("Sidecar", namespace, "foo"), selector, ingress, egress, outbound,
                    inboundPool);
        }

        ValidationResult validate() {
            return SidecarValidator.validate(build());
        }
    }

    /** Builder for ServerTls (12 components) with empty defaults. */
    static final class TlsBuilder {
        private final String mode;
        private boolean httpsRedirect;
        private String serverCertificate = "";
        private String privateKey = "";
        private String caCertificates = "";
        private String caCrl = "";
        private String credentialName = "";
        private List<String> credentialNames = List.of();
        private int tlsCertificates;
        private List<String> subjectAltNames = List.of();
        private String minProtocolVersion;
        private List<String> cipherSuites = List.of();

        TlsBuilder(String mode) {
            this.mode = mode;
        }

        TlsBuilder certAndKey() {
            serverCertificate = "/etc/certs/cert.pem";
            privateKey = "/etc/certs/key.pem";
            return this;
        }

        TlsBuilder httpsRedirect() {
            httpsRedirect = true;
            return this;
        }

        TlsBuilder serverCertificate(String v) {
            serverCertificate = v;
            return this;
        }

        TlsBuilder caCertificates(String v) {
            caCertificates = v;
            return this;
        }

        TlsBuilder caCrl(String v) {
            caCrl = v;
            return this;
        }

        TlsBuilder credentialName(String v) {
            credentialName = v;
            return this;
        }

        TlsBuilder credentialNames(String... v) {
            credentialNames = List.of(v);
            return this;
        }

        TlsBuilder tlsCertificates(int count) {
            tlsCertificates = count;
            return this;
        }

        TlsBuilder subjectAltNames(String... v) {
            subjectAltNames = List.of(v);
            return this;
        }

        TlsBuilder minProtocolVersion(String v) {
            minProtocolVersion = v;
            return this;
        }

        TlsBuilder cipherSuites(String... v) {
            cipherSuites = List.of(v);
            return this;
        }

        ServerTls build() {
            return new ServerTls(mode, httpsRedirect, serverCertificate, privateKey, caCertificates, caCrl,
                    credentialName, credentialNames, tlsCertificates, subjectAltNames, minProtocolVersion, cipherSuites);
        }
    }
}
