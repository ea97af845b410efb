package io.meshscope.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The control plane's Prometheus metrics, under istiod's names where istiod has one ({@code pilot_xds},
 * {@code pilot_xds_pushes}, {@code pilot_xds_push_time}, {@code pilot_proxy_convergence_time},
 * {@code pilot_total_xds_rejects}) and {@code meshscope_*} otherwise.
 */
public final class ServerMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicLong connected = new AtomicLong();
    private final AtomicLong snapshotVersion = new AtomicLong();
    private final AtomicLong configInvalid = new AtomicLong();
    private final Map<String, AtomicLong> configBytes = new ConcurrentHashMap<>();
    private final Map<String, Counter> pushes = new ConcurrentHashMap<>();
    private final Map<String, Counter> rejects = new ConcurrentHashMap<>();
    private final Map<String, DistributionSummary> responseBytes = new ConcurrentHashMap<>();
    private final Timer pushTime;
    private final Timer convergence;
    private final Counter reloads;
    private final Counter rejectedReloads;

    public ServerMetrics() {
        Gauge.builder("pilot_xds", connected, AtomicLong::get)
                .description("Number of endpoints connected to this pilot using XDS.").register(registry);
        Gauge.builder("meshscope_snapshot_version", snapshotVersion, AtomicLong::get)
                .description("Version of the mesh snapshot being served.").register(registry);
        Gauge.builder("meshscope_config_invalid", configInvalid, AtomicLong::get)
                .description("1 while the newest config is invalid and the last good snapshot is served.")
                .register(registry);
        pushTime = Timer.builder("pilot_xds_push_time").description("Total time in seconds to push a response.")
                .publishPercentileHistogram().register(registry);
        convergence = Timer.builder("pilot_proxy_convergence_time")
                .description("Delay in seconds between config change and a proxy receiving all required configuration.")
                .publishPercentileHistogram().register(registry);
        reloads = Counter.builder("meshscope_config_reloads").description("Config snapshots accepted.").register(registry);
        rejectedReloads = Counter.builder("meshscope_config_rejected")
                .description("New config rejected as invalid; the last good snapshot kept serving.").register(registry);
    }

    public void connected(int delta) {
        connected.addAndGet(delta);
    }

    public void pushed(String type, int bytes, Duration took) {
        pushes.computeIfAbsent(type, t -> Counter.builder("pilot_xds_pushes")
                .description("Pilot build and send errors for lds, rds, cds and eds.").tag("type", t).register(registry))
                .increment();
        responseBytes.computeIfAbsent(type, t -> DistributionSummary.builder("meshscope_xds_response_bytes")
                .description("Size of xDS responses sent.").baseUnit("bytes").tag("type", t).register(registry))
                .record(bytes);
        pushTime.record(took);
    }

    public void rejected(String type) {
        rejects.computeIfAbsent(type, t -> Counter.builder("pilot_total_xds_rejects")
                .description("Total number of XDS responses from pilot rejected by proxy.").tag("type", t)
                .register(registry)).increment();
    }

    public void converged(Duration sinceChange) {
        convergence.record(sinceChange);
    }

    public void snapshotAccepted(long version, Map<String, Long> bytesByType) {
        snapshotVersion.set(version);
        configInvalid.set(0);
        reloads.increment();
        bytesByType.forEach((type, bytes) -> configBytes.computeIfAbsent(type, t -> {
            AtomicLong v = new AtomicLong();
            Gauge.builder("meshscope_config_bytes", v, AtomicLong::get).tag("type", t)
                    .description("Bytes of xDS config generated for connected proxies, by type.").register(registry);
            return v;
        }).set(bytes));
    }

    public void snapshotRejected() {
        configInvalid.set(1);
        rejectedReloads.increment();
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }

    public long connectedCount() {
        return connected.get();
    }
}
