package io.meshscope.xds;

import io.envoyproxy.envoy.config.cluster.v3.CircuitBreakers;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.BindConfig;
import io.envoyproxy.envoy.config.core.v3.Http1ProtocolOptions;
import io.envoyproxy.envoy.config.core.v3.Http2ProtocolOptions;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
import io.envoyproxy.envoy.extensions.upstreams.http.v3.HttpProtocolOptions;
import io.meshscope.core.model.DestinationRule;
import io.meshscope.core.model.Labels;
import io.meshscope.core.model.MeshConfig;
import io.meshscope.core.model.TrafficPolicy;
import io.meshscope.core.registry.DestinationRuleIndex;
import io.meshscope.core.registry.MeshService;
import io.meshscope.core.registry.ServicePort;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds clusters as istiod's {@code pilot/pkg/networking/core/cluster.go} and {@code cluster_builder.go}:
 * one outbound cluster per (scope service, port) plus one per DestinationRule subset, typed by resolution
 * ({@code convertResolution}), and the catch-all clusters. Each outbound cluster carries its DestinationRule
 * policy, merged per port and subset ({@link TrafficPolicies}) and applied as istiod does ({@link ClusterPolicies}).
 */
final class ClusterBuilder {
    /**
     * Where a generated EDS cluster gets its endpoints; {@code cacheKey} identifies the assignment's content.
     * {@code drTlsMode} is the cluster's DestinationRule TLS mode (null when it writes none), which decides the
     * endpoints' {@code tlsMode} metadata before PeerAuthentication does ({@code mtlsChecker}).
     */
    record EdsTarget(String cluster, MeshService service, ServicePort port, Map<String, String> subsetLabels,
                     String cacheKey, String drTlsMode) {
    }

    /** The EDS target of a cluster: its assignment is keyed by content, TLS mode included. */
    static EdsTarget edsTarget(String cluster, MeshService svc, ServicePort port, Map<String, String> subsetLabels,
                               TrafficPolicy policy) {
        String drTlsMode = drTlsMode(policy);
        return new EdsTarget(cluster, svc, port, subsetLabels, edsKey(cluster, svc, subsetLabels) + "|tls="
                + drTlsMode, drTlsMode);
    }

    /** The TLS mode a merged cluster policy writes, or null. */
    static String drTlsMode(TrafficPolicy policy) {
        return policy == null || policy.tls() == null ? null : policy.tls().mode();
    }

    /** Clusters built for a service set, with the EDS clusters among them. */
    record Built(List<Cluster> clusters, List<EdsTarget> eds) {
    }

    /** istiod binds inbound passthrough upstream connections to this address so iptables skips them. */
    static final String INBOUND_PASSTHROUGH_BIND_IPV4 = "127.0.0.6";

    private final MeshConfig mesh;
    private final EndpointBuilder endpoints;
    private final AutoMtls autoMtls;

    ClusterBuilder(MeshConfig mesh, EndpointBuilder endpoints, AutoMtls autoMtls) {
        this.mesh = mesh;
        this.endpoints = endpoints;
        this.autoMtls = autoMtls;
    }

    /**
     * One service's outbound clusters ({@code buildOutboundClusters}: each port's, then its subsets'; UDP ports
     * and Alias services skipped) for a sidecar or (for {@code sidecar} false) a gateway, under the
     * DestinationRule the proxy uses for it ({@code dr}, null for none). Only sidecars skip the TLS of a
     * credentialName in a rule without workloadSelector. Nothing else about the proxy or its scope goes into
     * them, which is what lets a snapshot build them once per (service, rule, kind) and share them across scopes.
     */
    Built outbound(MeshService svc, DestinationRuleIndex.Entry dr, boolean sidecar) {
        if (svc.resolution() == MeshService.Resolution.ALIAS) {
            return new Built(List.of(), List.of());
        }
        List<Cluster> clusters = new ArrayList<>();
        List<EdsTarget> eds = new ArrayList<>();
        DestinationRule rule = dr == null ? null : dr.rule();
        // buildUpstreamClusterTLSContext withholds credentialName TLS only from sidecars of non-selector rules.
        boolean selector = !sidecar || (rule != null && rule.workloadSelector() != null);
        for (ServicePort port : svc.ports()) {
            if ("UDP".equals(port.protocol())) {
                continue;
            }
            Cluster main = service(ResourceNames.outboundCluster(port.port(), svc.hostname()), svc, port,
                    null, rule, TrafficPolicies.forCluster(rule, "", port.port()),
                    new ClusterPolicies.Target(svc.hostname(), port.port(), "", port.protocol(), selector,
                            endpoints.serviceAccounts(svc)), eds);
            if (main == null) {
                continue; // a DNS cluster without endpoints is dropped, and its subsets with it
            }
            clusters.add(main);
            if (rule == null) {
                continue;
            }
            Set<String> subsetNames = new HashSet<>();
            for (DestinationRule.Subset subset : rule.subsets()) {
                if (subset.name().isEmpty() || !subsetNames.add(subset.name())) {
                    // Invalid (validate says so): two clusters of one name would crash generation for
                    // every proxy; istiod never sees such a rule, its webhook rejects it. The first one wins.
                    continue;
                }
                Cluster c = service(ResourceNames.outboundCluster(port.port(), subset.name(), svc.hostname()),
                        svc, port, subset.labels(), rule, TrafficPolicies.forCluster(rule, subset.name(), port.port()),
                        new ClusterPolicies.Target(svc.hostname(), port.port(), subset.name(), port.protocol(),
                                selector, endpoints.serviceAccounts(svc)), eds);
                if (c != null) {
                    clusters.add(c);
                }
            }
        }
        return new Built(clusters, eds);
    }

    /** istiod's {@code convertResolution} for sidecars, and a DestinationRule's {@code PASSTHROUGH} load balancer. */
    static Cluster.DiscoveryType discoveryType(MeshService.Resolution resolution, String simpleLb) {
        if ("PASSTHROUGH".equals(simpleLb)) {
            return Cluster.DiscoveryType.ORIGINAL_DST;
        }
        return switch (resolution) {
            case DNS_LB -> Cluster.DiscoveryType.STRICT_DNS;
            case DNS_ROUND_ROBIN_LB -> Cluster.DiscoveryType.LOGICAL_DNS;
            case PASSTHROUGH -> Cluster.DiscoveryType.ORIGINAL_DST;
            default -> Cluster.DiscoveryType.EDS;
        };
    }

    private Cluster service(String name, MeshService svc, ServicePort port, Map<String, String> subsetLabels,
                            DestinationRule rule, TrafficPolicy policy, ClusterPolicies.Target target,
                            List<EdsTarget> eds) {
        String simpleLb = policy == null || policy.loadBalancer() == null ? "" : policy.loadBalancer().simple();
        Cluster.DiscoveryType type = discoveryType(svc.resolution(), simpleLb);
        Cluster.Builder c = Cluster.newBuilder().setName(name).setType(type)
                .setConnectTimeout(Protos.CONNECT_TIMEOUT)
                .setCommonLbConfig(Cluster.CommonLbConfig.getDefaultInstance());
        switch (type) {
            case EDS -> {
                c.setEdsClusterConfig(Cluster.EdsClusterConfig.newBuilder().setServiceName(name)
                        .setEdsConfig(Protos.adsV3()));
                eds.add(edsTarget(name, svc, port, subsetLabels, policy));
            }
            case STRICT_DNS, LOGICAL_DNS -> {
                List<LocalityLbEndpoints> lb = endpoints.dnsEndpoints(svc, port, subsetLabels,
                        type == Cluster.DiscoveryType.LOGICAL_DNS, drTlsMode(policy));
                if (lb.isEmpty()) {
                    return null;
                }
                c.setDnsLookupFamily(Cluster.DnsLookupFamily.V4_ONLY)
                        .setDnsRefreshRate(Protos.seconds(60)) // meshConfig.dnsRefreshRate default
                        .setRespectDnsTtl(true)
                        .setLoadAssignment(ClusterLoadAssignment.newBuilder().setClusterName(name).addAllEndpoints(lb));
            }
            default -> {
            }
        }
        c.setLbPolicy(lbPolicy(type, simpleLb));
        c.setCircuitBreakers(defaultCircuitBreakers());
        upstreamProtocol(c, port.protocol());
        ClusterPolicies.apply(c, policy, target, mesh,
                (cluster, h2) -> autoMtls.apply(cluster, svc, port, target, simpleLb, h2));
        c.setMetadata(ClusterMetadata.outbound(svc, rule, target.subset(), drTlsMode(policy)));
        return c.build();
    }

    /** Key of an EDS assignment: same cluster name from a different service object or subset may differ. */
    static String edsKey(String cluster, MeshService svc, Map<String, String> subsetLabels) {
        return cluster + "|" + svc.source() + "|" + svc.namespace() + "|" + svc.registry() + "|"
                + (subsetLabels == null ? "-" : Labels.render(subsetLabels));
    }

    /** {@code applyLoadBalancer}: ORIGINAL_DST is CLUSTER_PROVIDED; the default simple policy is LEAST_REQUEST. */
    static Cluster.LbPolicy lbPolicy(Cluster.DiscoveryType type, String simpleLb) {
        if (type == Cluster.DiscoveryType.ORIGINAL_DST) {
            return Cluster.LbPolicy.CLUSTER_PROVIDED;
        }
        return switch (simpleLb) {
            case "ROUND_ROBIN" -> Cluster.LbPolicy.ROUND_ROBIN;
            case "RANDOM" -> Cluster.LbPolicy.RANDOM;
            default -> Cluster.LbPolicy.LEAST_REQUEST;
        };
    }

    /** {@code getDefaultCircuitBreakerThresholds}: every limit at max uint32 so churn does not trip them. */
    static CircuitBreakers defaultCircuitBreakers() {
        int max = -1; // 4294967295 as an unsigned 32-bit value
        return CircuitBreakers.newBuilder().addThresholds(CircuitBreakers.Thresholds.newBuilder()
                .setMaxConnections(Protos.u32(max)).setMaxPendingRequests(Protos.u32(max))
                .setMaxRequests(Protos.u32(max)).setMaxRetries(Protos.u32(max)).setTrackRemaining(true)).build();
    }

    /** {@code setUpstreamProtocol}: HTTP/2 for h2 protocols, downstream protocol for auto-detected ports. */
    static void upstreamProtocol(Cluster.Builder c, String protocol) {
        HttpProtocolOptions options = switch (protocol) {
            case "HTTP2", "GRPC", "GRPC-WEB" -> HttpProtocolOptions.newBuilder()
                    .setExplicitHttpConfig(HttpProtocolOptions.ExplicitHttpConfig.newBuilder()
                            .setHttp2ProtocolOptions(Http2ProtocolOptions.getDefaultInstance()))
                    .build();
            case "UNSUPPORTED" -> HttpProtocolOptions.newBuilder()
                    .setUseDownstreamProtocolConfig(useDownstream()).build();
            default -> null;
        };
        if (options != null) {
            c.putTypedExtensionProtocolOptions(Protos.HTTP_PROTOCOL_OPTIONS_KEY, Protos.any(options));
        }
    }

    private static HttpProtocolOptions.UseDownstreamHttpConfig useDownstream() {
        return HttpProtocolOptions.UseDownstreamHttpConfig.newBuilder()
                .setHttpProtocolOptions(Http1ProtocolOptions.getDefaultInstance())
                .setHttp2ProtocolOptions(Http2ProtocolOptions.getDefaultInstance()).build();
    }

    /** {@code buildBlackHoleCluster}: STATIC with no endpoints, so every connection fails. */
    static Cluster blackHole() {
        return Cluster.newBuilder().setName(ResourceNames.BLACK_HOLE_CLUSTER).setType(Cluster.DiscoveryType.STATIC)
                .setConnectTimeout(Protos.CONNECT_TIMEOUT).setLbPolicy(Cluster.LbPolicy.ROUND_ROBIN).build();
    }

    /** {@code buildDefaultPassthroughCluster}: ORIGINAL_DST with the passthrough HTTP options. */
    static Cluster passthrough() {
        return passthroughBuilder(ResourceNames.PASSTHROUGH_CLUSTER).build();
    }

    /** {@code buildInboundPassthroughCluster}: as passthrough, bound to 127.0.0.6 so iptables lets it out. */
    static Cluster inboundPassthrough() {
        return passthroughBuilder(ResourceNames.INBOUND_PASSTHROUGH_CLUSTER)
                .setUpstreamBindConfig(bindTo(INBOUND_PASSTHROUGH_BIND_IPV4)).build();
    }

    private static Cluster.Builder passthroughBuilder(String name) {
        HttpProtocolOptions options = HttpProtocolOptions.newBuilder()
                .setCommonHttpProtocolOptions(io.envoyproxy.envoy.config.core.v3.HttpProtocolOptions.newBuilder()
                        .setIdleTimeout(Protos.seconds(300)))
                .setUseDownstreamProtocolConfig(useDownstream()).build();
        return Cluster.newBuilder().setName(name).setType(Cluster.DiscoveryType.ORIGINAL_DST)
                .setConnectTimeout(Protos.CONNECT_TIMEOUT).setLbPolicy(Cluster.LbPolicy.CLUSTER_PROVIDED)
                .putTypedExtensionProtocolOptions(Protos.HTTP_PROTOCOL_OPTIONS_KEY, Protos.any(options));
    }

    static BindConfig bindTo(String address) {
        return BindConfig.newBuilder()
                .setSourceAddress(SocketAddress.newBuilder().setAddress(address).setPortValue(0)).build();
    }

    /**
     * {@code buildInboundCluster}: STATIC to {@code endpointAddress:port} (a pipe for {@code unix://}), or
     * ORIGINAL_DST when there is no endpoint (cleanup disabled: max duration). Unless the endpoint is
     * localhost, upstream connections bind to 127.0.0.6 so iptables does not loop them back.
     */
    static Cluster inbound(int clusterPort, String endpointAddress, int endpointPort, String protocol) {
        String name = ResourceNames.inboundCluster(clusterPort);
        boolean original = endpointAddress.isEmpty();
        Cluster.Builder c = Cluster.newBuilder().setName(name)
                .setType(original ? Cluster.DiscoveryType.ORIGINAL_DST : Cluster.DiscoveryType.STATIC)
                .setConnectTimeout(Protos.CONNECT_TIMEOUT)
                .setCommonLbConfig(Cluster.CommonLbConfig.getDefaultInstance());
        if (original) {
            c.setCleanupInterval(Protos.seconds(9223372035L)); // maxSecondsValue in cluster_builder.go
        } else {
            c.setLoadAssignment(ClusterLoadAssignment.newBuilder().setClusterName(name)
                    .addAllEndpoints(EndpointBuilder.group(List.of(
                            new EndpointIndex.Ep(endpointAddress, endpointPort, Map.of(), "", "", "", 1)))));
        }
        c.setLbPolicy(lbPolicy(c.getType(), ""));
        c.setCircuitBreakers(defaultCircuitBreakers());
        upstreamProtocol(c, protocol);
        if (!endpointAddress.equals("127.0.0.1") && !endpointAddress.equals("::1")) {
            c.setUpstreamBindConfig(bindTo(INBOUND_PASSTHROUGH_BIND_IPV4));
        }
        return c.build();
    }
}
