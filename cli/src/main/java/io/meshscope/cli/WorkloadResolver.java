package io.meshscope.cli;

import io.meshscope.core.describe.WorkloadLookup;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Workload;
import io.meshscope.core.model.WorkloadKind;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a workload argument into a workload, or a usage error that lists the closest ones. Accepted forms: cli.md's
 * {@code [KIND/]NAMESPACE/NAME}, and kubectl's {@code NAME} and {@code KIND/NAME} with {@code -n NS}, where KIND
 * may be a kubectl short name ({@code deploy}, {@code sts}, {@code ds}, {@code rs}, {@code job}, {@code cj},
 * {@code po}/{@code pod}, {@code we}) or plural.
 */
final class WorkloadResolver {
    /** kubectl's names and short names for the workload kinds (lower case). */
    private static final Map<String, WorkloadKind> KINDS = Map.ofEntries(
            Map.entry("po", WorkloadKind.POD), Map.entry("pod", WorkloadKind.POD), Map.entry("pods", WorkloadKind.POD),
            Map.entry("deploy", WorkloadKind.DEPLOYMENT), Map.entry("deployment", WorkloadKind.DEPLOYMENT),
            Map.entry("deployments", WorkloadKind.DEPLOYMENT),
            Map.entry("sts", WorkloadKind.STATEFUL_SET), Map.entry("statefulset", WorkloadKind.STATEFUL_SET),
            Map.entry("statefulsets", WorkloadKind.STATEFUL_SET),
            Map.entry("ds", WorkloadKind.DAEMON_SET), Map.entry("daemonset", WorkloadKind.DAEMON_SET),
            Map.entry("daemonsets", WorkloadKind.DAEMON_SET),
            Map.entry("rs", WorkloadKind.REPLICA_SET), Map.entry("replicaset", WorkloadKind.REPLICA_SET),
            Map.entry("replicasets", WorkloadKind.REPLICA_SET),
            Map.entry("job", WorkloadKind.JOB), Map.entry("jobs", WorkloadKind.JOB),
            Map.entry("cj", WorkloadKind.CRON_JOB), Map.entry("cronjob", WorkloadKind.CRON_JOB),
            Map.entry("cronjobs", WorkloadKind.CRON_JOB),
            Map.entry("we", WorkloadKind.WORKLOAD_ENTRY), Map.entry("workloadentry", WorkloadKind.WORKLOAD_ENTRY),
            Map.entry("workloadentries", WorkloadKind.WORKLOAD_ENTRY));

    /** The forms, for messages. */
    static final String FORMS = "NS/NAME, KIND/NS/NAME, or NAME and KIND/NAME with -n NS (KIND: Pod, Deployment, "
            + "StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, WorkloadEntry, or kubectl's po, deploy, sts, ds, rs, "
            + "job, cj, we)";

    private WorkloadResolver() {
    }

    static Workload resolve(MeshInput in, String id) {
        return resolve(in, id, null);
    }

    /** Resolves {@code id}; {@code ns} (may be null) gives {@code -n}. */
    static Workload resolve(MeshInput in, String id, NamespaceOptions ns) {
        String namespace = ns == null ? null : ns.namespace;
        WorkloadLookup lookup = new WorkloadLookup(in.workloads());
        String[] parts = id.split("/", -1);
        for (String p : parts) {
            if (p.isEmpty()) {
                throw new CommandFailure(ExitCodes.USAGE, "workload '" + id + "' is not of the form " + FORMS);
            }
        }
        Optional<Workload> found;
        switch (parts.length) {
            case 1 -> found = byName(in, null, parts[0], namespace, id);
            case 2 -> {
                WorkloadKind kind = kind(parts[0]);
                // kubectl's KIND/NAME first; a namespace that happens to be called like a kind still works as NS/NAME
                found = kind == null ? Optional.empty() : byName(in, kind, parts[1], namespace, id);
                if (found.isEmpty() && (kind == null || namespace == null)) {
                    requireSameNamespace(namespace, parts[0], id);
                    found = lookup.find(new WorkloadLookup.WorkloadId(null, parts[0], parts[1]));
                }
            }
            case 3 -> {
                WorkloadKind kind = kind(parts[0]);
                if (kind == null) {
                    throw new CommandFailure(ExitCodes.USAGE, "workload '" + id + "': unknown kind '" + parts[0]
                            + "'; the forms are " + FORMS);
                }
                requireSameNamespace(namespace, parts[1], id);
                found = lookup.find(new WorkloadLookup.WorkloadId(kind, parts[1], parts[2]));
            }
            default -> throw new CommandFailure(ExitCodes.USAGE, "workload '" + id + "' is not of the form " + FORMS);
        }
        return found.orElseThrow(() -> {
            var near = lookup.closest(namespace == null ? id : namespace + "/" + parts[parts.length - 1], 5);
            return new CommandFailure(ExitCodes.USAGE, "unknown workload '" + id + "'"
                    + (namespace == null ? "" : " in namespace " + namespace)
                    + (near.isEmpty() ? "; the input has no workloads" : "; closest: " + String.join(", ", near)));
        });
    }

    private static WorkloadKind kind(String typed) {
        WorkloadKind k = KINDS.get(typed.toLowerCase(Locale.ROOT));
        return k != null ? k : WorkloadKind.fromKindName(typed);
    }

    /**
     * A bare name: in {@code -n}'s namespace, or, without {@code -n}, the one namespace that has a workload of that
     * name (kubectl would take "default"; a set of manifests has no current namespace, so an ambiguous name is an
     * error that lists the candidates).
     */
    private static Optional<Workload> byName(MeshInput in, WorkloadKind kind, String name, String namespace, String id) {
        List<Workload> matches = in.workloads().stream()
                .filter(w -> w.name().equals(name) && (kind == null || w.kind() == kind)
                        && (namespace == null || w.namespace().equals(namespace)))
                .toList();
        List<String> namespaces = matches.stream().map(Workload::namespace).distinct().sorted().toList();
        if (namespaces.size() > 1) {
            throw new CommandFailure(ExitCodes.USAGE, "workload '" + id + "' is in several namespaces ("
                    + String.join(", ", namespaces) + "); give -n NS or NS/NAME");
        }
        return matches.stream().min((a, b) -> a.kind().compareTo(b.kind()));
    }

    private static void requireSameNamespace(String namespace, String inId, String id) {
        if (namespace != null && !namespace.equals(inId)) {
            throw new CommandFailure(ExitCodes.USAGE, "workload '" + id + "' names namespace " + inId
                    + " but -n gives " + namespace);
        }
    }
}
