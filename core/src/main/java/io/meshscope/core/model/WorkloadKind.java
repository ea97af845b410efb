package io.meshscope.core.model;

/** Kinds that can be workloads, in the order a kind-less workload id is resolved (cli.md). */
public enum WorkloadKind {
    POD("Pod"), DEPLOYMENT("Deployment"), STATEFUL_SET("StatefulSet"), DAEMON_SET("DaemonSet"),
    REPLICA_SET("ReplicaSet"), JOB("Job"), CRON_JOB("CronJob"), WORKLOAD_ENTRY("WorkloadEntry");

    private final String kindName;

    WorkloadKind(String kindName) {
        this.kindName = kindName;
    }

    /** The Kubernetes kind as written in manifests. */
    public String kindName() {
        return kindName;
    }

    /** The kind for a manifest kind name (case-insensitive), or null. */
    public static WorkloadKind fromKindName(String name) {
        for (WorkloadKind k : values()) {
            if (k.kindName.equalsIgnoreCase(name)) {
                return k;
            }
        }
        return null;
    }
}
