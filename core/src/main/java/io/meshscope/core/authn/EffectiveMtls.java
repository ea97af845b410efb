package io.meshscope.core.authn;

import io.meshscope.core.model.PeerAuthentication.MtlsMode;
import io.meshscope.core.model.ResourceId;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The mTLS a workload's inbound side enforces, as istiod's {@code MergedPeerAuthentication}: the workload mode
 * (never UNSET) and the port-level overrides of its workload policy (never UNSET either; sorted by port).
 * {@code policies} are the PeerAuthentications that decided it (mesh, namespace, workload; absent ones null),
 * for explanations.
 */
public record EffectiveMtls(MtlsMode mode, Map<Integer, MtlsMode> perPort, ResourceId mesh, ResourceId namespace,
                            ResourceId workload) {
    /** No PeerAuthentication at all: istiod's default, PERMISSIVE. */
    public static final EffectiveMtls DEFAULT = new EffectiveMtls(MtlsMode.PERMISSIVE, Map.of(), null, null, null);

    public EffectiveMtls {
        perPort = Collections.unmodifiableMap(new TreeMap<>(perPort));
    }

    /** {@code GetMutualTLSModeForPort}: the port-level mode when the workload policy names the port, else the mode. */
    public MtlsMode forPort(int port) {
        MtlsMode m = perPort.get(port);
        return m != null ? m : mode;
    }
}
