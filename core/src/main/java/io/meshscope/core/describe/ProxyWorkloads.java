package io.meshscope.core.describe;

import io.meshscope.core.model.Labels;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Workload;
import io.meshscope.core.model.WorkloadKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The workloads that stand for the mesh's proxies, each counted once: controllers (with their replicas),
 * standalone Pods and WorkloadEntries, that run a proxy by {@link SidecarInjection}'s rule. A Pod whose labels
 * carry a controller's pod-template labels in the same namespace is that controller's replica, already counted,
 * so a cluster snapshot listing both is not doubled; likewise a ReplicaSet under a Deployment and a Job under a
 * CronJob.
 */
public final class ProxyWorkloads {
    private ProxyWorkloads() {
    }

    /** The workloads that run a proxy, sorted by namespace, name, then kind. */
    public static List<Workload> of(MeshInput input) {
        SidecarInjection injection = SidecarInjection.of(input);
        return all(input).stream().filter(injection::hasProxy).toList();
    }

    /** Every workload once (replicas folded into their controller), with a proxy or not; sorted as {@link #of}. */
    public static List<Workload> all(MeshInput input) {
        List<Workload> controllers = input.workloads().stream()
                .filter(w -> w.kind() != WorkloadKind.POD && w.kind() != WorkloadKind.WORKLOAD_ENTRY).toList();
        List<Workload> deployments = ofKind(controllers, WorkloadKind.DEPLOYMENT);
        List<Workload> cronJobs = ofKind(controllers, WorkloadKind.CRON_JOB);
        List<Workload> out = new ArrayList<>();
        for (Workload w : input.workloads()) {
            if (w.kind() == WorkloadKind.POD && ownedBy(w, controllers)) {
                continue;
            }
            // A ReplicaSet (Job) of a Deployment (CronJob) in the input is that controller's, already counted.
            if (w.kind() == WorkloadKind.REPLICA_SET && ownedBy(w, deployments)) {
                continue;
            }
            if (w.kind() == WorkloadKind.JOB && ownedBy(w, cronJobs)) {
                continue;
            }
            out.add(w);
        }
        out.sort(Comparator.comparing(Workload::namespace).thenComparing(Workload::name)
                .thenComparing(w -> w.kind().ordinal()));
        return out;
    }

    private static List<Workload> ofKind(List<Workload> workloads, WorkloadKind kind) {
        return workloads.stream().filter(w -> w.kind() == kind).toList();
    }

    private static boolean ownedBy(Workload w, List<Workload> controllers) {
        for (Workload c : controllers) {
            if (c != w && c.namespace().equals(w.namespace()) && !c.labels().isEmpty() && Labels.selects(c.labels(), w.labels())) {
                return true;
            }
        }
        return false;
    }
}
