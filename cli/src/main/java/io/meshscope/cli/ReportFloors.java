package io.meshscope.cli;

import io.meshscope.core.deps.CallResolver;
import io.meshscope.core.deps.Caller;
import io.meshscope.core.deps.Evidence;
import io.meshscope.core.deps.Resolution;
import io.meshscope.core.deps.ResolvedCall;
import io.meshscope.core.generate.Coverage;
import io.meshscope.xds.report.ConfigReporter;
import io.meshscope.xds.report.WorkloadReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code report}'s floor column: for each workload the evidence covers, the size of a config holding exactly the
 * hosts it is declared or seen to call (the host lines {@code generate} would write for it), resolved against
 * the mesh without its Sidecars as {@code generate} resolves them.
 */
final class ReportFloors {
    private ReportFloors() {
    }

    static List<WorkloadReport> add(ConfigReporter reporter, List<WorkloadReport> rows, Evidence evidence) {
        CallResolver resolver = new CallResolver(reporter.unscoped().index());
        Resolution resolution = resolver.resolve(evidence);
        Coverage coverage = Coverage.of(resolution, resolver);
        Map<String, Set<String>> hosts = new HashMap<>();
        for (ResolvedCall c : resolution.calls()) {
            hosts.computeIfAbsent(c.caller().id(), k -> new TreeSet<>()).add(c.hostLine());
        }
        List<WorkloadReport> out = new ArrayList<>(rows.size());
        for (WorkloadReport r : rows) {
            Caller caller = resolution.callers().get(r.workload().namespace() + "/" + r.workload().name());
            if (caller == null || !caller.isSidecar() || !coverage.covers(caller)) {
                out.add(r);
                continue;
            }
            out.add(r.withFloor(reporter.floor(r.workload(), hosts.getOrDefault(caller.id(), Set.of()))));
        }
        return out;
    }
}
