package io.meshscope.core.validate;

import io.meshscope.core.model.PeerAuthentication;
import java.util.Map;

/**
 * Istio's {@code ValidatePeerAuthentication} (pkg/config/validation/validation.go), texts verbatim: port-level
 * mTLS only on a workload policy, never an empty {@code portLevelMtls}, ports in 1..65535, then the selector's
 * {@code validateWorkloadSelector}. Go ranges over the port map in random order; ports are reported ascending.
 */
public final class PeerAuthenticationValidator {
    private PeerAuthenticationValidator() {
    }

    /** Validates one PeerAuthentication. */
    public static ValidationResult validate(PeerAuthentication pa) {
        Findings f = new Findings();
        if (pa.namespaceWide() && !pa.portLevelMtls().isEmpty()) {
            f.error("spec.portLevelMtls", "mesh/namespace peer authentication cannot have port level mTLS");
        }
        if (pa.portLevelWritten() && pa.portLevelMtls().isEmpty()) {
            f.error("spec.portLevelMtls", "port level mTLS, if defined, must have at least one element");
        }
        for (Map.Entry<Long, PeerAuthentication.MtlsMode> e : pa.portLevelMtls().entrySet()) {
            if (e.getKey() <= 0 || e.getKey() > 65535) {
                f.error("spec.portLevelMtls[" + e.getKey() + "]", "port must be in range 1..65535");
            }
        }
        SelectorRules.validateCollected(pa.selector(), "spec.selector", f);
        return f.result();
    }
}
