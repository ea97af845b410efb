package io.meshscope.xds;

import io.meshscope.core.describe.SidecarInjection;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Workload;
import io.meshscope.core.model.WorkloadKind;
import java.util.Map;

/**
 * Whether an endpoint can take Istio mTLS, and as whom: istiod's {@code IstioEndpoint.TLSMode} and
 * {@code ServiceAccount}. A Pod's mode is its {@code security.istio.io/tlsMode} label, which the sidecar injector
 * sets to {@code istio} ({@code kube.PodTLSMode}); the input holds manifests before injection, so a workload that
 * {@link SidecarInjection} says runs a proxy counts as labelled. A WorkloadEntry (or a ServiceEntry's inline
 * endpoint) without the label is {@code istio} when it names a service account ({@code getTLSModeFromWorkloadEntry}).
 * The identity is {@code spiffe://<trust domain>/ns/<namespace>/sa/<account>} ({@code SecureNamingSAN}).
 */
final class EndpointIdentity {
    /** The label (and endpoint metadata key, short form {@code tlsMode}) that marks an mTLS-capable endpoint. */
    static final String TLS_MODE_LABEL = "security.istio.io/tlsMode";
    /** {@code model.IstioMutualTLSModeLabel}. */
    static final String ISTIO = "istio";

    private final SidecarInjection injection;
    private final String trustDomain;

    EndpointIdentity(MeshInput input, String trustDomain) {
        this.injection = SidecarInjection.of(input);
        this.trustDomain = trustDomain;
    }

    /** The endpoint mode of a workload's endpoints: "istio", another label value, or "" (disabled). */
    String tlsMode(Workload w) {
        String label = w.labels().get(TLS_MODE_LABEL);
        if (label != null) {
            return label;
        }
        if (w.kind() == WorkloadKind.WORKLOAD_ENTRY) {
            return w.serviceAccount().isEmpty() ? "" : ISTIO;
        }
        return injection.hasProxy(w) ? ISTIO : "";
    }

    /** The mode of a ServiceEntry's inline endpoint. */
    static String tlsMode(Map<String, String> labels, String serviceAccount) {
        String label = labels.get(TLS_MODE_LABEL);
        if (label != null) {
            return label;
        }
        return serviceAccount.isEmpty() ? "" : ISTIO;
    }

    /** The SPIFFE identity of {@code account} in {@code namespace}, or "" when the account is unknown. */
    String spiffe(String namespace, String account) {
        return account.isEmpty() ? "" : "spiffe://" + trustDomain + "/ns/" + namespace + "/sa/" + account;
    }
}
