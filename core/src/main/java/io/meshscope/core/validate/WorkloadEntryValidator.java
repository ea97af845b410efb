package io.meshscope.core.validate;

import io.meshscope.core.model.Workload;
import io.meshscope.core.model.WorkloadEntrySpec;
import java.util.List;

/**
 * Istio's {@code ValidateWorkloadEntry}: {@code validateWorkloadEntry} with no service ports and host names allowed
 * as addresses (without a ServiceEntry, an entry may serve DNS or STATIC resolution). Weight, locality and
 * serviceAccount are not checked by Istio beyond their types, which decoding enforces.
 */
public final class WorkloadEntryValidator {
    private WorkloadEntryValidator() {
    }

    /** Validates a WorkloadEntry; any other workload (or one without its spec) has nothing to check. */
    public static ValidationResult validate(Workload workload) {
        WorkloadEntrySpec we = workload.entry();
        if (we == null) {
            return new ValidationResult(List.of(), List.of());
        }
        Findings f = new Findings();
        WorkloadEntryRules.validate(we.address(), we.network(), we.ports(), we.labels(), null, true, "spec", f);
        return f.result();
    }
}
