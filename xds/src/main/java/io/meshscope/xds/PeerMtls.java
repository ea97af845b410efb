package io.meshscope.xds;

import io.meshscope.core.authn.PeerAuthentications;
import io.meshscope.core.model.PeerAuthentication.MtlsMode;
import java.util.Map;

/**
 * The PeerAuthentication answers auto mTLS needs, as istiod's {@code PeerAuthnPolicies} give them: whether a
 * namespace's own mode ({@code GetNamespaceMutualTLSMode}: namespace-wide policy, else mesh-wide) is DISABLE,
 * which turns auto mTLS off for the namespace's services ({@code BestEffortInferServiceMTLSMode}), and whether a
 * workload port's effective mode is DISABLE, which drops its endpoints' {@code tlsMode} ({@code mtlsChecker}).
 */
interface PeerMtls {
    /** No PeerAuthentication anywhere: every mode is istiod's default, PERMISSIVE. */
    PeerMtls PERMISSIVE = new PeerMtls() {
        @Override
        public boolean namespaceDisabled(String namespace) {
            return false;
        }

        @Override
        public boolean workloadPortDisabled(String namespace, Map<String, String> labels, int port) {
            return false;
        }
    };

    /**
     * The answers of the mesh's PeerAuthentications ({@link PeerAuthentications}, istiod's composition): a
     * namespace's own mode is what a workload no selector picks gets there (mesh-wide, then namespace-wide).
     */
    static PeerMtls of(PeerAuthentications pas) {
        if (pas.isEmpty()) {
            return PERMISSIVE;
        }
        return new PeerMtls() {
            @Override
            public boolean namespaceDisabled(String namespace) {
                return pas.effective(namespace, Map.of()).mode() == MtlsMode.DISABLE;
            }

            @Override
            public boolean workloadPortDisabled(String namespace, Map<String, String> labels, int port) {
                return pas.mode(namespace, labels, port) == MtlsMode.DISABLE;
            }
        };
    }

    /** Whether the namespace-level (or, without one, mesh-level) mode of {@code namespace} is DISABLE. */
    boolean namespaceDisabled(String namespace);

    /** Whether the effective mode of the workload (its namespace and labels) on {@code port} is DISABLE. */
    boolean workloadPortDisabled(String namespace, Map<String, String> labels, int port);
}
