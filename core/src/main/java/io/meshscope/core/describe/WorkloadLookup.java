package io.meshscope.core.describe;

import io.meshscope.core.render.EditDistance;
import io.meshscope.core.model.Workload;
import io.meshscope.core.model.WorkloadKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Resolves workload ids {@code [KIND/]NAMESPACE/NAME} as cli.md defines them: without a kind, the first match
 * in the order Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, WorkloadEntry.
 */
public final class WorkloadLookup {
    private final List<Workload> workloads;

    public WorkloadLookup(List<Workload> workloads) {
        this.workloads = List.copyOf(workloads);
    }

    /** A parsed workload id; {@code kind} is null when the id names none. */
    public record WorkloadId(WorkloadKind kind, String namespace, String name) {
        /** Parses an id, or returns empty when it has the wrong shape or an unknown kind. */
        public static Optional<WorkloadId> parse(String id) {
            String[] parts = id.split("/", -1);
            if (parts.length == 2 && !parts[0].isEmpty() && !parts[1].isEmpty()) {
                return Optional.of(new WorkloadId(null, parts[0], parts[1]));
            }
            if (parts.length == 3 && !parts[1].isEmpty() && !parts[2].isEmpty()) {
                WorkloadKind k = WorkloadKind.fromKindName(parts[0]);
                return k == null ? Optional.empty() : Optional.of(new WorkloadId(k, parts[1], parts[2]));
            }
            return Optional.empty();
        }
    }

    /** The workload the id names, or empty. */
    public Optional<Workload> find(WorkloadId id) {
        Workload best = null;
        for (Workload w : workloads) {
            if (!w.namespace().equals(id.namespace()) || !w.name().equals(id.name())) {
                continue;
            }
            if (id.kind() != null) {
                if (w.kind() == id.kind()) {
                    return Optional.of(w);
                }
            } else if (best == null || w.kind().ordinal() < best.kind().ordinal()) {
                best = w;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Up to {@code limit} workload ids closest to the text typed, for "did you mean" messages. */
    public List<String> closest(String typed, int limit) {
        List<String> ids = new ArrayList<>();
        for (Workload w : workloads) {
            ids.add(w.namespace() + "/" + w.name());
        }
        String needle = typed.contains("/") && typed.split("/").length == 3 ? typed.substring(typed.indexOf('/') + 1) : typed;
        return ids.stream().distinct()
                .sorted(Comparator.comparingInt((String s) -> distance(s, needle)).thenComparing(s -> s))
                .limit(limit).toList();
    }

    static int distance(String a, String b) {
        return EditDistance.between(a, b);
    }
}
