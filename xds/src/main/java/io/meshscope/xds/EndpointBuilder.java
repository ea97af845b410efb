package io.meshscope.xds;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.envoyproxy.envoy.config.core.v3.HealthStatus;
import io.envoyproxy.envoy.config.core.v3.Metadata;
import io.envoyproxy.envoy.config.core.v3.Locality;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.endpoint.v3.Endpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LbEndpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
import io.meshscope.core.model.Labels;
import io.meshscope.core.registry.MeshService;
import io.meshscope.core.registry.ServicePort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Builds load assignments: the EDS {@code ClusterLoadAssignment} of an EDS cluster, and the inline endpoints of
 * STRICT_DNS / LOGICAL_DNS clusters ({@code pilot/pkg/xds/endpoints/endpoint_builder.go}). Endpoints are grouped
 * per locality (region/zone/subzone; every group carries a locality, empty when unknown), sorted, and every locality weight is the sum of its endpoint weights and at
 * least 1, which grpc-xds requires. An endpoint that can take Istio mTLS carries istiod's
 * {@code envoy.transport_socket_match: {tlsMode: istio}} metadata, which selects the auto-mTLS transport socket of
 * its cluster ({@code AppendLbEndpointMetadata}, decided per cluster by {@code mtlsChecker}).
 */
final class EndpointBuilder {
    /** The filter metadata namespace Envoy matches {@code transport_socket_matches} against. */
    static final String TRANSPORT_SOCKET_MATCH = "envoy.transport_socket_match";
    /** The short key of the {@code security.istio.io/tlsMode} label in that metadata. */
    static final String TLS_MODE_KEY = "tlsMode";

    private final EndpointIndex index;
    private final PeerMtls peer;

    EndpointBuilder(EndpointIndex index, PeerMtls peer) {
        this.index = index;
        this.peer = peer;
    }

    /** The service's SPIFFE identities ({@link EndpointIndex#serviceAccounts}). */
    List<String> serviceAccounts(MeshService svc) {
        return index.serviceAccounts(svc);
    }

    /** The endpoints of a service port ({@link EndpointIndex#endpoints}). */
    List<EndpointIndex.Ep> endpoints(MeshService svc, ServicePort port) {
        return index.endpoints(svc, port);
    }

    /**
     * {@code mtlsChecker.checkMtlsEnabled}: a DestinationRule TLS mode decides alone (only ISTIO_MUTUAL keeps the
     * mark); without one, an mTLS-capable endpoint keeps it unless its own PeerAuthentication says DISABLE.
     */
    Predicate<EndpointIndex.Ep> mtlsMarked(String drTlsMode) {
        if (drTlsMode != null) {
            boolean mutual = drTlsMode.equals("ISTIO_MUTUAL");
            return ep -> mutual && ep.mtlsCapable();
        }
        return ep -> ep.mtlsCapable() && !peer.workloadPortDisabled(ep.namespace(), ep.labels(), ep.port());
    }

    /**
     * The EDS assignment for a cluster: only IP-literal endpoints (EDS endpoints are never resolved by DNS,
     * and grpc-xds rejects hostnames), restricted to {@code subsetLabels} when the cluster is a subset.
     * A service without endpoints still gets an assignment, with no localities.
     */
    ClusterLoadAssignment assignment(String clusterName, MeshService svc, ServicePort port,
                                     Map<String, String> subsetLabels, String drTlsMode) {
        List<EndpointIndex.Ep> eps = new ArrayList<>();
        for (EndpointIndex.Ep ep : index.endpoints(svc, port)) {
            if (Protos.isIpLiteral(ep.address()) && matches(subsetLabels, ep)) {
                eps.add(ep);
            }
        }
        return ClusterLoadAssignment.newBuilder().setClusterName(clusterName)
                .addAllEndpoints(group(eps, mtlsMarked(drTlsMode))).build();
    }

    /**
     * The groups of {@link #assignment} with the endpoints behind each, for {@link LocalityLoadBalancer}, and the
     * assignment they make shaped for one proxy's locality and labels ({@code ApplyToLoadAssignment}).
     */
    ClusterLoadAssignment assignment(String clusterName, MeshService svc, ServicePort port,
                                     Map<String, String> subsetLabels, String drTlsMode, LocalityLbPolicy policy,
                                     io.meshscope.core.model.Locality proxy, Map<String, String> proxyLabels) {
        List<EndpointIndex.Ep> eps = new ArrayList<>();
        for (EndpointIndex.Ep ep : index.endpoints(svc, port)) {
            if (Protos.isIpLiteral(ep.address()) && matches(subsetLabels, ep)) {
                eps.add(ep);
            }
        }
        return ClusterLoadAssignment.newBuilder().setClusterName(clusterName)
                .addAllEndpoints(LocalityLoadBalancer.apply(policy, groups(eps, mtlsMarked(drTlsMode)), proxy,
                        proxyLabels)).build();
    }

    /**
     * Inline endpoints of a DNS cluster ({@code buildCluster}): hostnames allowed. LOGICAL_DNS takes only the
     * first endpoint, since Envoy accepts exactly one host there.
     */
    List<LocalityLbEndpoints> dnsEndpoints(MeshService svc, ServicePort port, Map<String, String> subsetLabels,
                                           boolean logical, String drTlsMode) {
        List<EndpointIndex.Ep> eps = new ArrayList<>();
        for (EndpointIndex.Ep ep : index.endpoints(svc, port)) {
            if (matches(subsetLabels, ep)) {
                eps.add(ep);
            }
        }
        if (logical && eps.size() > 1) {
            eps = List.of(eps.get(0));
        }
        return group(eps, mtlsMarked(drTlsMode));
    }

    private static boolean matches(Map<String, String> subsetLabels, EndpointIndex.Ep ep) {
        return subsetLabels == null || Labels.selects(subsetLabels, ep.labels());
    }

    /** Groups endpoints per locality in sorted order, de-duplicating (address, port); none marked for mTLS. */
    static List<LocalityLbEndpoints> group(List<EndpointIndex.Ep> eps) {
        return group(eps, ep -> false);
    }

    /** As {@link #group(List)}, with istiod's mTLS metadata on the endpoints {@code marked} accepts. */
    static List<LocalityLbEndpoints> group(List<EndpointIndex.Ep> eps, Predicate<EndpointIndex.Ep> marked) {
        List<LocalityLbEndpoints> out = new ArrayList<>();
        groups(eps, marked).forEach(g -> out.add(g.group()));
        return out;
    }

    /** {@link #group}, with the endpoints behind each group's {@code lb_endpoints} in the same order. */
    static List<LocalityLoadBalancer.Group> groups(List<EndpointIndex.Ep> eps, Predicate<EndpointIndex.Ep> marked) {
        Map<String, Map<String, EndpointIndex.Ep>> byLocality = new TreeMap<>();
        for (EndpointIndex.Ep ep : eps) {
            String loc = ep.region() + "/" + ep.zone() + "/" + ep.subZone();
            String addr = ep.address() + ":" + ep.port();
            byLocality.computeIfAbsent(loc, l -> new TreeMap<>()).putIfAbsent(addr, ep);
        }
        List<LocalityLoadBalancer.Group> out = new ArrayList<>();
        for (Map<String, EndpointIndex.Ep> group : byLocality.values()) {
            LocalityLbEndpoints.Builder b = LocalityLbEndpoints.newBuilder();
            EndpointIndex.Ep first = group.values().iterator().next();
            // Always present, empty when unknown (istiod's ConvertLocality): grpc-js and grpc-go reject a
            // group without one ("endpoints[0].locality unset"); only grpc-java tolerates its absence.
            b.setLocality(Locality.newBuilder().setRegion(first.region()).setZone(first.zone())
                    .setSubZone(first.subZone()));
            int total = 0;
            for (EndpointIndex.Ep ep : group.values()) {
                int weight = Math.max(1, ep.weight());
                total += weight;
                LbEndpoint.Builder lb = LbEndpoint.newBuilder()
                        .setEndpoint(Endpoint.newBuilder().setAddress(Protos.address(ep.address(), ep.port())))
                        .setHealthStatus(HealthStatus.HEALTHY)
                        .setLoadBalancingWeight(Protos.u32(weight));
                if (marked.test(ep)) {
                    lb.setMetadata(tlsModeMetadata(ep.tlsMode()));
                }
                b.addLbEndpoints(lb);
            }
            out.add(new LocalityLoadBalancer.Group(b.setLoadBalancingWeight(Protos.u32(Math.max(1, total))).build(),
                    List.copyOf(group.values())));
        }
        return out;
    }

    /** {@code envoy.transport_socket_match: {tlsMode: <mode>}}. */
    static Metadata tlsModeMetadata(String mode) {
        return mode.equals(EndpointIdentity.ISTIO) ? ISTIO_METADATA : metadata(mode);
    }

    /** Shared: nearly every marked endpoint carries exactly this. */
    private static final Metadata ISTIO_METADATA = metadata(EndpointIdentity.ISTIO);

    private static Metadata metadata(String mode) {
        return Metadata.newBuilder().putFilterMetadata(TRANSPORT_SOCKET_MATCH, Struct.newBuilder()
                .putFields(TLS_MODE_KEY, Value.newBuilder().setStringValue(mode).build()).build()).build();
    }
}
