package io.meshscope.core.synth;

import java.util.Locale;

/** Which Sidecars a synthetic mesh carries ({@code meshscope synth --sidecars}). */
public enum SidecarStrategy {
    /** No Sidecar at all: every proxy keeps Istio's built-in default scope (everything). */
    NONE,
    /**
     * One selector-less {@code default} Sidecar per namespace, importing {@code ./*}, {@code <ns>/*} for every
     * other namespace its workloads call, and {@code istio-system/*}.
     */
    NAMESPACE,
    /**
     * One Sidecar per workload (workloadSelector {@code app=<name>}) importing exactly the FQDNs it calls
     * ({@code <ns>/<name>.<ns>.svc.cluster.local}) and {@code istio-system/*}.
     */
    WORKLOAD;

    /** The name used on the command line: {@code none}, {@code namespace}, {@code workload}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a {@link #cliName()} (case-insensitive); null when unknown. */
    public static SidecarStrategy parse(String s) {
        for (SidecarStrategy v : values()) {
            if (v.cliName().equalsIgnoreCase(s)) {
                return v;
            }
        }
        return null;
    }
}
