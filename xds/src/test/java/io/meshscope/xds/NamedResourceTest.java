package io.meshscope.xds;

import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.endpoint.v3.LbEndpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import org.junit.jupiter.api.Test;

/** A resource kept as its bytes: parsed back on demand, versioned by content, counted for reports. */
class NamedResourceTest {
    @Test
    void theMessageIsParsedBackFromTheKeptBytes() {
        Cluster cluster = Cluster.newBuilder().setName("outbound|80||a.b.svc.cluster.local")
                .setType(Cluster.DiscoveryType.EDS).build();

        NamedResource r = NamedResource.of(cluster.getName(), cluster);

        assertThat(r.resource()).isEqualTo(cluster);
        assertThat(r.packed().getTypeUrl()).isEqualTo("type.googleapis.com/envoy.config.cluster.v3.Cluster");
        assertThat(r.wireBytes()).isEqualTo(r.packed().getSerializedSize());
    }

    @Test
    void equalContentHasEqualVersionsAndOtherContentAnother() {
        ClusterLoadAssignment one = ClusterLoadAssignment.newBuilder().setClusterName("c").build();
        ClusterLoadAssignment two = one.toBuilder().addEndpoints(LocalityLbEndpoints.getDefaultInstance()).build();

        assertThat(NamedResource.of("c", one)).isEqualTo(NamedResource.of("c", one.toBuilder().build()));
        assertThat(NamedResource.of("c", one).version()).isNotEqualTo(NamedResource.of("c", two).version());
        assertThat(NamedResource.of("c", one)).isNotEqualTo(NamedResource.of("c", two));
    }

    @Test
    void entriesCountEndpointsOfAssignmentsAndVirtualHostsOfRoutes() {
        ClusterLoadAssignment cla = ClusterLoadAssignment.newBuilder().setClusterName("c")
                .addEndpoints(LocalityLbEndpoints.newBuilder().addLbEndpoints(LbEndpoint.getDefaultInstance())
                        .addLbEndpoints(LbEndpoint.getDefaultInstance()))
                .addEndpoints(LocalityLbEndpoints.newBuilder().addLbEndpoints(LbEndpoint.getDefaultInstance()))
                .build();
        RouteConfiguration rc = RouteConfiguration.newBuilder().setName("80")
                .addVirtualHosts(VirtualHost.getDefaultInstance()).build();

        assertThat(NamedResource.of("c", cla).entries()).isEqualTo(3);
        assertThat(NamedResource.of("80", rc).entries()).isEqualTo(1);
        assertThat(NamedResource.of("x", Cluster.getDefaultInstance()).entries()).isZero();
    }
}
