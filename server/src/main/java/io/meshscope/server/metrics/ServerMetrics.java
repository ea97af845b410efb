package io.meshscope.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The control plane's Prometheus metrics, under istiod's names where istiod has one ({@code pilot_xds},
 * {@code pilot_xds_pushes}, {@code pilot_xds_push_time}, {@code pilot_proxy_convergence_time},
 * {@code pilot_total_xds_rejects}) and {@code meshscope_*} otherwise.
 */
public final class ServerMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicLong connected = new AtomicLong();
    private volatile LongSupplier snapshotVersion = () -> 0;
    private volatile LongSupplier openStreams = () -> 0;
    /** Whether the newest config is invalid; read at scrape time from its owner (the snapshot store). */
    private volatile BooleanSupplier configInvalid = () -> false;
    private final Map<String, AtomicLong> configBytes = new ConcurrentHashMap<>();
    private final Map<String, Counter> pushes = new ConcurrentHashMap<>();
    private final Map<String, Counter> rejects = new ConcurrentHashMap<>();
    private final Map<String, Counter> authFailures = new ConcurrentHashMap<>();
    private final Map<String, Counter> limitHits = new ConcurrentHashMap<>();
    private final Map<String, DistributionSummary> responseBytes = new ConcurrentHashMap<>();
    private final Timer pushTime;
    private final Timer convergence;
    private final Counter reloads;
    private final Counter rejectedReloads;
    private final Counter pushedProxies;
    private final Counter skippedProxies;
    /** Of the skipped: proxies the push index ruled out without handing them the change. */
    private final AtomicLong skippedByIndex = new AtomicLong();

    public ServerMetrics() {
        Gauge.builder("pilot_xds", connected, AtomicLong::get)
                .description("Number of endpoints connected to this pilot using XDS.").register(registry);
        Gauge.builder("meshscope_snapshot_version", this, m -> m.snapshotVersion.getAsLong())
                .description("Version of the mesh snapshot being served.").register(registry);
        Gauge.builder("meshscope_xds_streams", this, m -> m.openStreams.getAsLong())
                .description("xDS streams open and counted against --xds-max-streams, identified or not yet.")
                .register(registry);
        Gauge.builder("meshscope_config_invalid", this, m -> m.configInvalid.getAsBoolean() ? 1 : 0)
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
        pushedProxies = Counter.builder("meshscope_push_decisions").tag("decision", "pushed")
                .description("Per connected proxy and snapshot change: whether the change concerned it (pushed) or "
                        + "not (skipped).").register(registry);
        skippedProxies = Counter.builder("meshscope_push_decisions").tag("decision", "skipped")
                .description("Per connected proxy and snapshot change: whether the change concerned it (pushed) or "
                        + "not (skipped).").register(registry);
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

    /**
     * An xDS client refused: {@code stage} {@code authentication} (no or a bad credential, UNAUTHENTICATED) or
     * {@code authorization} (its node asked for another identity's config, PERMISSION_DENIED).
     */
    public void xdsAuthFailure(String stage, String reason) {
        authFailures.computeIfAbsent(stage + "/" + reason, k -> Counter.builder("meshscope_xds_auth_failures")
                .description("xDS clients refused by authentication or authorization.").tag("stage", stage)
                .tag("reason", reason).register(registry)).increment();
    }

    /** A client hit one of the xDS limits ({@code streams}, {@code resource_names}, {@code stalled}). */
    public void xdsLimitHit(String limit) {
        limitHits.computeIfAbsent(limit, k -> Counter.builder("meshscope_xds_limit_hits")
                .description("xDS streams refused or ended because a client hit a limit (docs/SERVER.md, Limits).")
                .tag("limit", k).register(registry)).increment();
    }

    /** Limit hits by limit. */
    public Map<String, Long> xdsLimitHits() {
        Map<String, Long> out = new java.util.TreeMap<>();
        limitHits.forEach((k, c) -> out.put(k, (long) c.count()));
        return out;
    }

    /** Refused xDS clients by {@code stage/reason}. */
    public Map<String, Long> xdsAuthFailures() {
        Map<String, Long> out = new java.util.TreeMap<>();
        authFailures.forEach((k, c) -> out.put(k, (long) c.count()));
        return out;
    }

    /** One connected proxy's decision for one snapshot change: pushed (its scope depends on it) or skipped. */
    public void pushDecision(boolean pushed) {
        (pushed ? pushedProxies : skippedProxies).increment();
    }

    /**
     * Proxies a change was decided not to concern once per identity (the push index), without handing it to their
     * streams: counted as skipped, and separately so that {@code /debug/push_status} shows the index at work.
     */
    public void skippedByIndex(long proxies) {
        if (proxies > 0) {
            skippedProxies.increment(proxies);
            skippedByIndex.addAndGet(proxies);
        }
    }

    /** For {@code /debug/push_status}: responses sent, by type. */
    public Map<String, Long> pushesByType() {
        return counts(pushes);
    }

    /** For {@code /debug/push_status}: NACKs received, by type. */
    public Map<String, Long> rejectsByType() {
        return counts(rejects);
    }

    /** For {@code /debug/push_status}: proxies pushed and skipped over all snapshot changes. */
    public Map<String, Long> pushDecisions() {
        Map<String, Long> m = new TreeMap<>();
        m.put("pushed", (long) pushedProxies.count());
        m.put("skipped", (long) skippedProxies.count());
        m.put("skippedByIndex", skippedByIndex.get());
        return m;
    }

    private static Map<String, Long> counts(Map<String, Counter> counters) {
        Map<String, Long> m = new TreeMap<>();
        counters.forEach((k, c) -> m.put(k, (long) c.count()));
        return m;
    }

    public void converged(Duration sinceChange) {
        convergence.record(sinceChange);
    }

    public void snapshotAccepted(long version, Map<String, Long> bytesByType) {
        reloads.increment();
        bytesByType.forEach((type, bytes) -> configBytes.computeIfAbsent(type, t -> {
            AtomicLong v = new AtomicLong();
            Gauge.builder("meshscope_config_bytes", v, AtomicLong::get).tag("type", t)
                    .description("Bytes of xDS config generated for connected proxies, by type.").register(registry);
            return v;
        }).set(bytes));
    }

    /** Where {@code meshscope_xds_streams} comes from: the streams' budget. */
    public void openStreamsSource(LongSupplier open) {
        this.openStreams = open;
    }

    /** Where {@code meshscope_snapshot_version} comes from: the snapshot being served. */
    public void snapshotVersionSource(LongSupplier version) {
        this.snapshotVersion = version;
    }

    /**
     * Where {@code meshscope_config_invalid} comes from: the store's own state, so the metric and
     * {@code /debug/errors} can never disagree.
     */
    public void configInvalidSource(BooleanSupplier invalid) {
        this.configInvalid = invalid;
    }

    /** New config was rejected (counted in {@code meshscope_config_rejected}). */
    public void configRejected() {
        rejectedReloads.increment();
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }

    /** Counts a Kubernetes watch event ({@code relist}, {@code watch_error}, {@code watch_lost}) by resource. */
    public void kubeEvent(String event, String resource) {
        Counter.builder("meshscope_kube_events").description("Kubernetes informer relists, watch errors and lost watches.")
                .tag("event", event).tag("resource", resource).register(registry).increment();
    }

    /** Records how long the Kubernetes informers took to list everything once. */
    public void kubeSynced(Duration took) {
        Timer.builder("meshscope_kube_sync_time").description("Time for every Kubernetes informer to list once.")
                .register(registry).record(took);
    }

    public long connectedCount() {
        return connected.get();
    }
}
