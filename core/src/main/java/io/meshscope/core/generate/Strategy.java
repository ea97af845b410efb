package io.meshscope.core.generate;

import java.util.Locale;

/** How {@code meshscope generate} lays out Sidecars in a namespace. */
public enum Strategy {
    /**
     * The seed's pattern: one selector-less {@code default} per namespace importing what its workloads call in the
     * mesh, and a workload override only for workloads that call external (ServiceEntry) hosts, importing exactly
     * what that workload calls.
     */
    NAMESPACE,
    /** One Sidecar per workload (workloadSelector), importing exactly the hosts it calls. */
    WORKLOAD,
    /**
     * Per namespace, the smallest total config (size model over every proxy) among: the workload layout, the
     * namespace layout, and namespace defaults holding only hosts shared by at least k workloads (overrides for
     * the rest). Ties go to fewer Sidecars.
     */
    AUTO;

    /** {@code namespace}, {@code workload}, {@code auto}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a {@link #cliName()} (case-insensitive); null when unknown. */
    public static Strategy parse(String s) {
        for (Strategy v : values()) {
            if (v.cliName().equalsIgnoreCase(s)) {
                return v;
            }
        }
        return null;
    }
}
