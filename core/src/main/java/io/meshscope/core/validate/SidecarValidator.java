package io.meshscope.core.validate;

import io.meshscope.core.model.Sidecar;
import java.util.List;

// Istio's admission-webhook ValidateSidecar (pkg/config/validation/validation.go, Istio 1.32-dev): the
// 54 rules of spec §2.1 in evaluation order, with Istio's exact texts and a field path on every message.
// Errors are collected, except the two ABORT cases (bad selector labels, empty configuration), which return
// only their own errors and no warnings.
/** Istio's {@code ValidateSidecar}: the 54 rules of spec §2.1 in order, Istio's texts, a field path per message. */
public final class SidecarValidator {
    private SidecarValidator() {
    }

    /** Validates one Sidecar. Pure: no I/O, no shared state. */
    public static ValidationResult validate(Sidecar sidecar) {
        List<FieldMessage> selectorErrors =
                SelectorRules.labelErrors(sidecar.workloadSelector(), "spec.workloadSelector.labels");
        if (!selectorErrors.isEmpty()) {
            return new ValidationResult(selectorErrors, List.of()); // rules 1-2: ABORT
        }
        Findings f = new Findings();
        if (SelectorRules.presentWithoutLabels(sidecar.workloadSelector())) {
            f.warning("spec.workloadSelector", "sidecar: " + SelectorRules.NO_LABELS
                    + ", will be applied to all services in namespace");
        }
        if (sidecar.egress().isEmpty() && sidecar.ingress().isEmpty() && sidecar.outboundTrafficPolicy() == null
                && sidecar.inboundConnectionPool() == null) {
            // Rule 4: ABORT. Istio returns (nil, err) here, so the rule-3 warning is dropped too.
            return new ValidationResult(List.of(new FieldMessage("spec", "sidecar: empty configuration provided")),
                    List.of());
        }
        IngressRules.validate(sidecar.ingress(), f);
        ConnectionPoolRules.validate(sidecar.inboundConnectionPool(), "spec.inboundConnectionPool", f);
        EgressRules.validate(sidecar.egress(), configNamespace(sidecar), f);
        OutboundPolicyRules.validate(sidecar.outboundTrafficPolicy(), f);
        return f.result();
    }

    /** The namespace {@code .} stands for in egress hosts: the Sidecar's own ({@code cfg.Namespace}). */
    private static String configNamespace(Sidecar sidecar) {
        if (sidecar.meta() == null || sidecar.meta().id() == null || sidecar.meta().namespace() == null) {
            return "";
        }
        return sidecar.meta().namespace();
    }
}
