package io.meshscope.core.validate;

import io.meshscope.core.model.DestinationRule;
import java.util.HashSet;
import java.util.Set;

// The scoping-relevant part of Istio's ValidateDestinationRule: host (a wildcard domain, so an empty
// host gives empty domain name not allowed), subset names, exportTo and the workload selector.
/** The scoping-relevant part of Istio's {@code ValidateDestinationRule}: host, subsets, exportTo, selector. */
public final class DestinationRuleValidator {
    private DestinationRuleValidator() {
    }

    /** Validates one DestinationRule; traffic-policy settings are not checked. */
    public static ValidationResult validate(DestinationRule dr) {
        Findings f = new Findings();
        f.error("spec.host", HostnameRules.validateWildcardDomain(dr.host() == null ? "" : dr.host()));
        Set<String> names = new HashSet<>();
        for (int i = 0; i < dr.subsets().size(); i++) {
            DestinationRule.Subset subset = dr.subsets().get(i);
            String field = "spec.subsets[" + i + "]";
            if (!names.add(subset.name())) {
                f.error(field + ".name", "duplicate subset names: " + subset.name());
            }
            f.error(field + ".name", RouteDestinationRules.validateSubsetName(subset.name()));
        }
        String ns = dr.meta() == null || dr.meta().id() == null ? "" : dr.meta().namespace();
        // A selector DR applies only to its own namespace's workloads, so its exportTo may not reach further.
        ExportToRules.validate(ns, dr.exportTo(), false, dr.workloadSelector() != null, "spec.exportTo", f);
        SelectorRules.validateCollected(dr.workloadSelector(), "spec.workloadSelector", f);
        return f.result();
    }
}
