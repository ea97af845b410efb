package io.meshscope.core.whatif;

import io.meshscope.core.registry.MeshService;
import io.meshscope.core.registry.ServicePort;
import io.meshscope.core.scope.SidecarScope;
import java.util.Locale;
import java.util.Objects;
import java.util.function.ToLongFunction;

/**
 * How big the config a scope gives one proxy is, and in what unit — the measure generate's {@code auto} strategy
 * minimises and whatif reports as "saved". {@link #CLUSTERS} counts outbound clusters (one per scope service
 * port, UDP skipped, as istiod builds CDS); the xDS report engine plugs in its byte size as
 * {@code new SizeModel(scope -> bytes, "bytes")}.
 */
public record SizeModel(ToLongFunction<SidecarScope> measure, String unit) {
    /** Outbound clusters: the sum of service ports over {@link SidecarScope#services()}, UDP ports excluded. */
    public static final SizeModel CLUSTERS = new SizeModel(SizeModel::clusters, "clusters");

    public SizeModel {
        Objects.requireNonNull(measure, "measure");
        Objects.requireNonNull(unit, "unit");
    }

    /** The size of one proxy's config under {@code scope}. */
    public long of(SidecarScope scope) {
        return measure.applyAsLong(scope);
    }

    static long clusters(SidecarScope scope) {
        long n = 0;
        for (MeshService s : scope.services()) {
            for (ServicePort p : s.ports()) {
                if (!"UDP".equals(p.protocol().toUpperCase(Locale.ROOT))) {
                    n++;
                }
            }
        }
        return n;
    }
}
