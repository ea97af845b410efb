package io.meshscope.bench;

import com.google.protobuf.Message;
import com.google.protobuf.Value;
import io.envoyproxy.controlplane.cache.v3.SimpleCache;
import io.envoyproxy.controlplane.cache.v3.Snapshot;
import io.envoyproxy.controlplane.server.V3DiscoveryServer;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Workload;
import io.meshscope.core.scope.EndpointUpdate;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.core.scope.Proxy;
import io.meshscope.core.scope.ProxyType;
import io.meshscope.xds.NamedResource;
import io.meshscope.xds.ProxyResources;
import io.meshscope.xds.XdsSnapshot;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The baseline AdsBench runs side by side with meshscope: java-control-plane's own ADS server
 * ({@link V3DiscoveryServer}) over its {@link SimpleCache}, used the library's stock way — one snapshot per proxy
 * group (here: the proxies of one (namespace, app), which share a Sidecar scope and workload), and
 * {@code setSnapshot} for every group on every change. The resources are meshscope's own (the same
 * {@link XdsSnapshot} generator, endpoint updates included), so only the cache and the server differ. Each
 * type gets its own content-derived version, so the cache re-sends only the types whose resources changed (with
 * one version for all types it would re-send all four on every change: stack.md trap 5).
 */
final class JcpBaseline implements AdsBench.Target {
    private final SimpleCache<String> cache = new SimpleCache<>(JcpBaseline::group);
    private final Map<String, Workload> groups = new LinkedHashMap<>();
    /** Parsed messages of generated resources, so that a resource shared by groups or snapshots is parsed once. */
    private final Map<NamedResource, Message> parsed = new IdentityHashMap<>();
    private final Server grpc;
    private MeshIndex index;
    private XdsSnapshot xds;
    private long version;

    JcpBaseline(MeshInput input, List<Workload> workloads, List<AdsClients.NodeSpec> nodes) throws IOException {
        Map<String, Workload> byApp = new LinkedHashMap<>();
        for (Workload w : workloads) {
            byApp.put(w.namespace() + "/" + w.labels().getOrDefault("app", w.name()), w);
        }
        for (AdsClients.NodeSpec n : nodes) {
            String g = n.namespace() + "/" + n.app();
            groups.put(g, byApp.get(g));
        }
        index = MeshIndex.build(input);
        xds = XdsSnapshot.build(index);
        setAll();
        V3DiscoveryServer server = new V3DiscoveryServer(cache);
        grpc = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(server.getAggregatedDiscoveryServiceImpl()).build().start();
    }

    /** The node's group: {@code namespace/app} from its metadata, as the simulated proxies send it. */
    static String group(Node node) {
        var md = node.getMetadata().getFieldsMap();
        String ns = md.getOrDefault("NAMESPACE", Value.getDefaultInstance()).getStringValue();
        Value labels = md.get("LABELS");
        String app = labels == null ? "" : labels.getStructValue().getFieldsMap()
                .getOrDefault("app", Value.getDefaultInstance()).getStringValue();
        return ns + "/" + app;
    }

    @Override
    public String name() {
        return "java-control-plane";
    }

    @Override
    public int port() {
        return grpc.getPort();
    }

    @Override
    public long version() {
        return version;
    }

    /**
     * The stock path: the new input's resources (an endpoint update reuses everything else, as in meshscope) and
     * a new snapshot set for every group.
     */
    @Override
    public void offer(MeshInput next) {
        Optional<EndpointUpdate> update = EndpointUpdate.between(index, next);
        if (update.isPresent()) {
            index = update.get().index();
            xds = xds.withEndpoints(update.get());
        } else {
            index = MeshIndex.build(next);
            xds = XdsSnapshot.build(index);
        }
        setAll();
    }

    private void setAll() {
        version++;
        Map<NamedResource, Message> live = new IdentityHashMap<>();
        groups.forEach((g, w) -> {
            String[] p = g.split("/", 2);
            ProxyResources r = xds.resourcesFor(new Proxy(ProxyType.SIDECAR, p[0], Map.of("app", p[1])), w, false);
            cache.setSnapshot(g, Snapshot.create(
                    messages(r.clusters(), Cluster.class, live), typeVersion(r.clusters()),
                    messages(r.endpoints(), ClusterLoadAssignment.class, live), typeVersion(r.endpoints()),
                    messages(r.listeners(), Listener.class, live), typeVersion(r.listeners()),
                    messages(r.routes(), RouteConfiguration.class, live), typeVersion(r.routes()),
                    List.of(), "0"));
        });
        parsed.clear();
        parsed.putAll(live); // resources no snapshot holds any more are let go
    }

    private <M extends Message> List<M> messages(List<NamedResource> resources, Class<M> type,
                                                 Map<NamedResource, Message> live) {
        List<M> out = new ArrayList<>(resources.size());
        for (NamedResource r : resources) {
            Message m = live.get(r);
            if (m == null) {
                m = parsed.get(r);
                if (m == null) {
                    m = r.resource();
                }
                live.put(r, m);
            }
            out.add(type.cast(m));
        }
        return out;
    }

    /** A type's version from its resources' content versions: equal content, equal version. */
    private static String typeVersion(List<NamedResource> resources) {
        long h = 1125899906842597L;
        for (NamedResource r : resources) {
            h = 31 * h + r.name().hashCode();
            h = 31 * h + r.version().hashCode();
        }
        return Long.toHexString(h);
    }

    /** The java-control-plane version on the class path (from its jar's Maven metadata). */
    static String libraryVersion() {
        try (var in = SimpleCache.class.getResourceAsStream(
                "/META-INF/maven/io.envoyproxy.controlplane/cache/pom.properties")) {
            if (in == null) {
                return "(version unknown)";
            }
            java.util.Properties p = new java.util.Properties();
            p.load(in);
            return p.getProperty("version", "(version unknown)");
        } catch (IOException e) {
            return "(version unknown)";
        }
    }

    @Override
    public String diagnose(String nodeId) {
        return "-";
    }

    @Override
    public void close() {
        grpc.shutdownNow();
        try {
            grpc.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
