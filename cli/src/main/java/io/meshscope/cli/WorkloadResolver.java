package io.meshscope.cli;

import io.meshscope.core.describe.WorkloadLookup;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Workload;

/** Turns a workload id argument into a workload, or a usage error that lists the closest ones. */
final class WorkloadResolver {
    private WorkloadResolver() {
    }

    static Workload resolve(MeshInput in, String id) {
        WorkloadLookup lookup = new WorkloadLookup(in.workloads());
        var parsed = WorkloadLookup.WorkloadId.parse(id);
        if (parsed.isEmpty()) {
            throw new CommandFailure(ExitCodes.USAGE, "workload id '" + id
                    + "' is not of the form [KIND/]NAMESPACE/NAME (KIND: Pod, Deployment, StatefulSet, DaemonSet, "
                    + "ReplicaSet, Job, CronJob, WorkloadEntry)");
        }
        return lookup.find(parsed.get()).orElseThrow(() -> {
            var near = lookup.closest(id, 5);
            return new CommandFailure(ExitCodes.USAGE, "unknown workload '" + id + "'"
                    + (near.isEmpty() ? "; the input has no workloads" : "; closest: " + String.join(", ", near)));
        });
    }
}
