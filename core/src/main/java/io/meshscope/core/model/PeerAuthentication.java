package io.meshscope.core.model;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A PeerAuthentication (security.istio.io v1 / v1beta1): the workload selector ({@code null} when absent), the
 * top-level {@code mtls.mode} and the {@code portLevelMtls} modes by port (sorted; keys are the written uint32
 * ports, so validation can refuse 0). {@code portLevelWritten} tells {@code portLevelMtls: {}} from no field, as
 * Istio's webhook does.
 */
public record PeerAuthentication(
        ObjectMeta meta,
        WorkloadSelector selector,
        MtlsMode mode,
        Map<Long, MtlsMode> portLevelMtls,
        boolean portLevelWritten) implements MeshObject {

    public PeerAuthentication {
        mode = mode == null ? MtlsMode.UNSET : mode;
        portLevelMtls = portLevelMtls == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(portLevelMtls));
    }

    /** Mesh- or namespace-wide: no selector or one without labels ({@code addPeerAuthentication}). */
    public boolean namespaceWide() {
        return selector == null || selector.labels().isEmpty();
    }

    /** The PeerAuthentication {@code MutualTLS.Mode} values, in proto order (UNSET = 0). */
    public enum MtlsMode {
        /** Inherit from the parent policy (mesh, namespace, workload). */
        UNSET,
        /** Plaintext only. */
        DISABLE,
        /** mTLS and plaintext both accepted. */
        PERMISSIVE,
        /** mTLS only. */
        STRICT
    }
}
