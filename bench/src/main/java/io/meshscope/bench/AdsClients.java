package io.meshscope.bench;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.service.discovery.v3.AggregatedDiscoveryServiceGrpc;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Simulated Envoy sidecars: raw ADS state-of-the-world streams over a few channels to 127.0.0.1, each behaving like
 * Envoy at start-up — CDS (wildcard), then EDS for the EDS clusters CDS named, then LDS (wildcard), then RDS for the
 * route names the listeners' HTTP connection managers use — and ACKing every response with its version and nonce.
 * Every request carries the node, as Envoy's default does.
 * Callbacks run on the channels' event loops (direct executor) and do as little as possible: responses are not
 * kept, names are read once per distinct response version and shared between streams.
 */
final class AdsClients implements AutoCloseable {
    static final String CDS = "type.googleapis.com/envoy.config.cluster.v3.Cluster";
    static final String EDS = "type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment";
    static final String LDS = "type.googleapis.com/envoy.config.listener.v3.Listener";
    static final String RDS = "type.googleapis.com/envoy.config.route.v3.RouteConfiguration";

    /** One simulated proxy: its node id and the metadata the server scopes it by. */
    record NodeSpec(String id, String namespace, String app) {
        String line() {
            return id + "\t" + namespace + "\t" + app;
        }

        static NodeSpec parse(String line) {
            String[] p = line.split("\t");
            return new NodeSpec(p[0], p[1], p[2]);
        }

        Node node() {
            return Node.newBuilder().setId(id).setCluster(app + "." + namespace)
                    .setMetadata(Struct.newBuilder()
                            .putFields("NAMESPACE", Value.newBuilder().setStringValue(namespace).build())
                            .putFields("LABELS", Value.newBuilder().setStructValue(Struct.newBuilder()
                                    .putFields("app", Value.newBuilder().setStringValue(app).build())).build()))
                    .build();
        }
    }

    /** Initial convergence: every stream has ACKed CDS, EDS, LDS and RDS. */
    record Converge(int streams, int converged, int failed, double totalMs, double p50Ms, double p99Ms, double maxMs,
                    String firstError) {
        String line() {
            return String.format(Locale.ROOT, "%d %d %d %.3f %.3f %.3f %.3f %s", streams, converged, failed, totalMs,
                    p50Ms, p99Ms, maxMs, firstError == null ? "-" : firstError.replace(' ', '_'));
        }

        static Converge parse(String line) {
            String[] p = line.trim().split(" ");
            return new Converge(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]),
                    Double.parseDouble(p[3]), Double.parseDouble(p[4]), Double.parseDouble(p[5]),
                    Double.parseDouble(p[6]), p[7].equals("-") ? null : p[7].replace('_', ' '));
        }
    }

    /**
     * One change's delivery: of the {@code expected} streams (those subscribed to an EDS cluster of the changed
     * service) how many received an EDS response after the change and how soon; streams pushed that were not
     * expected; streams that received each type after the change; whether a probe stream's response carried the
     * new address; the bytes of every response received after the change (all types, all streams).
     */
    record Round(int expected, int got, int missed, int extra, double p50Ms, double p90Ms, double p99Ms, double maxMs,
                 int cds, int eds, int lds, int rds, long edsResponses, boolean verified, String firstMissed,
                 String firstExtra, long bytes) {
        String line() {
            return String.format(Locale.ROOT, "%d %d %d %d %.3f %.3f %.3f %.3f %d %d %d %d %d %b %s %s %d", expected, got,
                    missed, extra, p50Ms, p90Ms, p99Ms, maxMs, cds, eds, lds, rds, edsResponses, verified,
                    firstMissed == null ? "-" : firstMissed, firstExtra == null ? "-" : firstExtra, bytes);
        }

        static Round parse(String line) {
            String[] p = line.trim().split(" ");
            return new Round(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]),
                    Integer.parseInt(p[3]), Double.parseDouble(p[4]), Double.parseDouble(p[5]),
                    Double.parseDouble(p[6]), Double.parseDouble(p[7]), Integer.parseInt(p[8]), Integer.parseInt(p[9]),
                    Integer.parseInt(p[10]), Integer.parseInt(p[11]), Long.parseLong(p[12]),
                    Boolean.parseBoolean(p[13]), p[14].equals("-") ? null : p[14], p[15].equals("-") ? null : p[15],
                    Long.parseLong(p[16]));
        }
    }

    private final int port;
    private final List<NodeSpec> nodes;
    private final int perChannel;
    private final List<ManagedChannel> channels = new ArrayList<>();
    private final List<Sim> sims = new ArrayList<>();
    private final AtomicInteger converged = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicReference<String> firstError = new AtomicReference<>();
    /** Names read from responses, once per type and version_info: streams of one scope get identical responses. */
    private final ResponseNames responseNames = new ResponseNames();
    private volatile long startNanos;
    private volatile String probeAddress;

    AdsClients(int port, List<NodeSpec> nodes, int perChannel) {
        this.port = port;
        this.nodes = List.copyOf(nodes);
        this.perChannel = Math.max(1, perChannel);
    }

    /** Opens every stream at once and waits until all have converged (or failed), at most {@code timeoutMs}. */
    Converge start(long timeoutMs) throws InterruptedException {
        return start(timeoutMs, 0);
    }

    /**
     * Opens the streams — all at once, or {@code batch} at a time, each batch once the previous one has converged —
     * and waits until all have converged (or failed), at most {@code timeoutMs} in all.
     */
    Converge start(long timeoutMs, int batch) throws InterruptedException {
        int nChannels = (nodes.size() + perChannel - 1) / perChannel;
        for (int c = 0; c < nChannels; c++) {
            channels.add(NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().directExecutor()
                    .maxInboundMessageSize(512 << 20).build());
        }
        startNanos = System.nanoTime();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        int step = batch <= 0 ? nodes.size() : batch;
        for (int i = 0; i < nodes.size(); i++) {
            Sim s = new Sim(nodes.get(i).node());
            sims.add(s);
            s.open(AggregatedDiscoveryServiceGrpc.newStub(channels.get(i / perChannel)));
            if ((i + 1) % step == 0 && i + 1 < nodes.size()) {
                while (converged.get() + failed.get() < sims.size() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
            }
        }
        while (converged.get() + failed.get() < sims.size() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        double[] t = new double[converged.get()];
        int k = 0;
        long last = startNanos;
        for (Sim s : sims) {
            long at = s.convergedAt;
            if (at != 0 && k < t.length) {
                t[k++] = (at - startNanos) / 1e6;
                last = Math.max(last, at);
            }
        }
        Stats st = Stats.of(java.util.Arrays.copyOf(t, k));
        return new Converge(sims.size(), k, failed.get(), (last - startNanos) / 1e6, st.median(), st.percentile(99),
                st.max(), firstError.get());
    }

    /**
     * Before a change of {@code host}'s endpoints to {@code newAddress}: clears the per-stream after-change records
     * and returns how many streams subscribe to an EDS cluster of the host (they must be pushed). Host {@code *}
     * is a change of every service's endpoints (a full push): every stream with an EDS subscription is expected,
     * and {@code newAddress} is a prefix every new address starts with.
     */
    int mark(String host, String newAddress) {
        String suffix = "|" + host;
        boolean all = host.equals("*");
        int expected = 0;
        Sim probe = null;
        for (Sim s : sims) {
            s.reset();
            boolean e = all && !s.edsNames.isEmpty();
            for (String n : s.edsNames) {
                if (e || n.endsWith(suffix)) {
                    e = true;
                    break;
                }
            }
            s.expected = e;
            if (e) {
                expected++;
                if (probe == null) {
                    probe = s;
                }
            }
        }
        probeAddress = newAddress;
        if (probe != null) {
            probe.probe = true;
        }
        return expected;
    }

    /**
     * Waits until every expected stream has an EDS response after {@code t0Nanos} (or {@code timeoutMs} passed), runs
     * {@code delivered}, then waits {@code quietMs} more for pushes that should not happen, and reports.
     */
    Round collect(long t0Nanos, long timeoutMs, long quietMs, Runnable delivered) throws InterruptedException {
        long deadline = t0Nanos + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (System.nanoTime() < deadline) {
            boolean all = true;
            for (Sim s : sims) {
                if (s.expected && s.firstEdsAfterMark == 0 && !s.failed) {
                    all = false;
                    break;
                }
            }
            if (all) {
                break;
            }
            Thread.sleep(5);
        }
        delivered.run();
        Thread.sleep(quietMs);
        int expected = 0;
        int got = 0;
        int extra = 0;
        int cds = 0;
        int eds = 0;
        int lds = 0;
        int rds = 0;
        long edsResponses = 0;
        long bytes = 0;
        boolean verified = false;
        String firstMissed = null;
        String firstExtra = null;
        List<Double> lat = new ArrayList<>();
        for (Sim s : sims) {
            if (s.expected) {
                expected++;
                if (s.firstEdsAfterMark != 0) {
                    got++;
                    lat.add((s.firstEdsAfterMark - t0Nanos) / 1e6);
                } else if (firstMissed == null) {
                    firstMissed = s.node.getId();
                }
            } else if (s.edsAfter > 0) {
                extra++;
                if (firstExtra == null) {
                    firstExtra = s.node.getId();
                }
            }
            cds += s.cdsAfter > 0 ? 1 : 0;
            eds += s.edsAfter > 0 ? 1 : 0;
            lds += s.ldsAfter > 0 ? 1 : 0;
            rds += s.rdsAfter > 0 ? 1 : 0;
            edsResponses += s.edsAfter;
            bytes += s.bytesAfter;
            if (s.probe) {
                verified = s.probeVerified;
            }
        }
        Stats st = Stats.of(lat.stream().mapToDouble(Double::doubleValue).toArray());
        return new Round(expected, got, expected - got, extra, st.median(), st.percentile(90), st.percentile(99),
                st.max(), cds, eds, lds, rds, edsResponses, verified, firstMissed, firstExtra, bytes);
    }

    @Override
    public void close() {
        for (Sim s : sims) {
            s.complete();
        }
        for (ManagedChannel c : channels) {
            c.shutdownNow();
        }
        for (ManagedChannel c : channels) {
            try {
                c.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** One simulated Envoy. */
    private final class Sim implements StreamObserver<DiscoveryResponse> {
        private final Node node;
        private StreamObserver<DiscoveryRequest> requests;
        volatile List<String> edsNames = List.of();
        private List<String> rdsNames = List.of();
        private boolean cdsAcked;
        private boolean edsAcked;
        private boolean ldsAcked;
        private boolean rdsAcked;
        private boolean edsRequested;
        private String lastEdsVersion = "";
        private String lastEdsNonce = "";
        private boolean ldsRequested;
        private boolean rdsRequested;
        volatile long convergedAt;
        volatile boolean failed;
        // after-change records (reset by mark)
        volatile boolean expected;
        volatile boolean probe;
        volatile boolean probeVerified;
        volatile long firstEdsAfterMark;
        volatile int cdsAfter;
        volatile int edsAfter;
        volatile int ldsAfter;
        volatile int rdsAfter;
        volatile long bytesAfter;

        Sim(Node node) {
            this.node = node;
        }

        void open(AggregatedDiscoveryServiceGrpc.AggregatedDiscoveryServiceStub stub) {
            synchronized (this) {
                requests = stub.streamAggregatedResources(this);
                send(CDS, List.of(), "", "");
            }
        }

        void reset() {
            expected = false;
            probe = false;
            probeVerified = false;
            firstEdsAfterMark = 0;
            cdsAfter = 0;
            edsAfter = 0;
            ldsAfter = 0;
            rdsAfter = 0;
            bytesAfter = 0;
        }

        private synchronized void send(String typeUrl, List<String> names, String version, String nonce) {
            DiscoveryRequest.Builder b = DiscoveryRequest.newBuilder().setTypeUrl(typeUrl).addAllResourceNames(names)
                    .setVersionInfo(version).setResponseNonce(nonce);
            // Every request carries the node, as Envoy sends it by default (set_node_on_first_message_only: false);
            // java-control-plane's SimpleCache groups each request by its own node and never answers one without.
            b.setNode(node);
            requests.onNext(b.build());
        }

        @Override
        public void onNext(DiscoveryResponse resp) {
            long now = System.nanoTime();
            bytesAfter += resp.getSerializedSize();
            String type = resp.getTypeUrl();
            switch (type) {
                case CDS -> {
                    cdsAfter++;
                    List<String> names = responseNames.edsClusters(resp);
                    send(CDS, List.of(), resp.getVersionInfo(), resp.getNonce());
                    cdsAcked = true;
                    if (!edsRequested) {
                        edsRequested = true;
                        edsNames = names;
                        if (names.isEmpty()) {
                            edsAcked = true; // nothing to ask for
                            requestLds();
                        } else {
                            send(EDS, names, "", "");
                        }
                    } else if (!names.equals(edsNames)) {
                        edsNames = names; // the cluster set changed: re-subscribe, as Envoy does
                        send(EDS, names, lastEdsVersion, lastEdsNonce);
                    }
                }
                case EDS -> {
                    edsAfter++;
                    if (firstEdsAfterMark == 0) {
                        firstEdsAfterMark = now;
                    }
                    if (probe && !probeVerified && probeAddress != null) {
                        probeVerified = resp.toByteString().toStringUtf8().contains(probeAddress);
                    }
                    lastEdsVersion = resp.getVersionInfo();
                    lastEdsNonce = resp.getNonce();
                    send(EDS, edsNames, lastEdsVersion, lastEdsNonce);
                    edsAcked = true;
                    requestLds();
                }
                case LDS -> {
                    ldsAfter++;
                    send(LDS, List.of(), resp.getVersionInfo(), resp.getNonce());
                    ldsAcked = true;
                    List<String> names = responseNames.routeNames(resp);
                    if (!rdsRequested || !names.equals(rdsNames)) {
                        rdsNames = names;
                        rdsRequested = true;
                        if (!names.isEmpty()) {
                            send(RDS, names, "", "");
                        } else {
                            rdsAcked = true;
                        }
                    }
                }
                case RDS -> {
                    rdsAfter++;
                    send(RDS, rdsNames, resp.getVersionInfo(), resp.getNonce());
                    rdsAcked = true;
                }
                default -> {
                    // not asked for
                }
            }
            if (convergedAt == 0 && cdsAcked && edsAcked && ldsAcked && rdsAcked) {
                convergedAt = System.nanoTime();
                converged.incrementAndGet();
            }
        }

        private void requestLds() {
            if (!ldsRequested) {
                ldsRequested = true;
                send(LDS, List.of(), "", "");
            }
        }

        @Override
        public void onError(Throwable t) {
            if (!failed) {
                failed = true;
                if (convergedAt == 0) {
                    AdsClients.this.failed.incrementAndGet();
                }
                firstError.compareAndSet(null, node.getId() + ": " + t);
            }
        }

        @Override
        public void onCompleted() {
            onError(new IllegalStateException("server completed the stream"));
        }

        synchronized void complete() {
            if (requests != null && !failed) {
                try {
                    requests.onCompleted();
                } catch (RuntimeException e) {
                    // already gone
                }
            }
        }
    }
}
