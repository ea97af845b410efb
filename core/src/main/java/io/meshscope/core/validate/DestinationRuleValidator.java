package io.meshscope.core.validate;

import io.meshscope.core.model.DestinationRule;
import java.util.HashSet;
import java.util.Set;

/** Istio's {@code ValidateDestinationRule}: host, traffic policies, subsets, exportTo, selector. */
public final class DestinationRuleValidator {
    private DestinationRuleValidator() {
    }

    /** Validates one DestinationRule, its traffic policies included ({@link TrafficPolicyRules}). */
    public static ValidationResult validate(DestinationRule dr) {
        Findings f = new Findings();
        String ns = dr.meta() == null || dr.meta().id() == null ? "" : dr.meta().namespace();
        f.error("spec.host", HostnameRules.validateWildcardDomain(dr.host() == null ? "" : dr.host()));
        TrafficPolicyRules.validate(ns, dr.trafficPolicy(), "spec.trafficPolicy", f);
        TrafficPolicyRules.credentialWithoutSelector(dr.trafficPolicy(), dr.workloadSelector() != null,
                "spec.trafficPolicy", f);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < dr.subsets().size(); i++) {
            DestinationRule.Subset subset = dr.subsets().get(i);
            String field = "spec.subsets[" + i + "]";
            if (!names.add(subset.name())) {
                f.error(field + ".name", "duplicate subset names: " + subset.name());
            }
            f.error(field + ".name", RouteDestinationRules.validateSubsetName(subset.name()));
            TrafficPolicyRules.validate(ns, subset.trafficPolicy(), field + ".trafficPolicy", f);
            TrafficPolicyRules.credentialWithoutSelector(subset.trafficPolicy(), dr.workloadSelector() != null,
                    field + ".trafficPolicy", f);
        }
        // A selector DR applies only to its own namespace's workloads, so its exportTo may not reach further.
        ExportToRules.validate(ns, dr.exportTo(), false, dr.workloadSelector() != null, "spec.exportTo", f);
        SelectorRules.validateCollected(dr.workloadSelector(), "spec.workloadSelector", f);
        return f.result();
    }
}
