package io.meshscope.xds;

import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
import io.meshscope.core.model.Locality;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.core.scope.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A ServiceEntry {@code ext.example.com} (port 80, STATIC, EDS) whose endpoints are five WorkloadEntries in four
 * localities — {@code r1/z1/s1} (10.0.0.1 version v1, 10.0.0.5 version v2), {@code r1/z2/s1} (10.0.0.2),
 * {@code r2/z1/s1} (10.0.0.3), {@code r3/z1/s1} (10.0.0.4) — and a DestinationRule {@code app/ext} whose spec a
 * test writes; proxies in {@code app} placed by their topology labels.
 */
final class LocalityFixture {
    static final String HOST = "ext.example.com";
    static final String CLUSTER = "outbound|80||" + HOST;
    static final String MESH = """
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: {name: ext, namespace: app}
            spec:
              hosts: [ext.example.com]
              location: MESH_INTERNAL
              resolution: STATIC
              ports: [{name: http, number: 80, protocol: HTTP}]
              workloadSelector: {labels: {app: ext}}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: plain, namespace: app}
            spec:
              clusterIP: 10.1.0.1
              selector: {app: plain}
              ports: [{name: http, port: 80}]
            """ + entry("we1", "10.0.0.1", "v1", "r1/z1/s1") + entry("we5", "10.0.0.5", "v2", "r1/z1/s1")
            + entry("we2", "10.0.0.2", "v1", "r1/z2/s1") + entry("we3", "10.0.0.3", "v1", "r2/z1/s1")
            + entry("we4", "10.0.0.4", "v1", "r3/z1/s1");
    static final String RULE = """
            ---
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: ext, namespace: app}
            spec:
              host: ext.example.com
            """;

    private LocalityFixture() {
    }

    static String entry(String name, String ip, String version, String locality) {
        return """
                ---
                apiVersion: networking.istio.io/v1
                kind: WorkloadEntry
                metadata: {name: %s, namespace: app}
                spec: {address: %s, labels: {app: ext, version: %s}, locality: %s}
                """.formatted(name, ip, version, locality);
    }

    /** A snapshot with the rule's {@code spec} lines after {@code host} (indented 2), and {@code extra} objects. */
    static XdsSnapshot snapshot(String spec, String extra) {
        return XdsSnapshot.build(MeshIndex.build(XdsFixtures.yaml(MESH + (spec == null ? "" : RULE + spec) + extra)));
    }

    /** A sidecar in {@code app} whose topology labels put it in {@code locality} (none when ""). */
    static Proxy proxyIn(String locality, Map<String, String> more) {
        Map<String, String> labels = new HashMap<>(more);
        labels.put("app", "client");
        if (!locality.isEmpty()) {
            Locality l = Locality.parse(locality);
            labels.put(Locality.REGION_LABEL, l.region());
            labels.put(Locality.ZONE_LABEL, l.zone());
            labels.put(Locality.SUBZONE_LABEL, l.subZone());
        }
        return Proxy.sidecar("app", labels);
    }

    static Proxy proxyIn(String locality) {
        return proxyIn(locality, Map.of());
    }

    static NamedResource assignment(XdsSnapshot s, Proxy p) {
        return s.resourcesFor(p, null, false).find(XdsType.ENDPOINT, CLUSTER);
    }

    static Cluster cluster(XdsSnapshot s, Proxy p) {
        return (Cluster) s.resourcesFor(p, null, false).find(XdsType.CLUSTER, CLUSTER).resource();
    }

    /**
     * The assignment as one line per group: {@code locality priority weight [addresses]} (an emptied group shows
     * {@code []}), in the order sent.
     */
    static List<String> groups(NamedResource r) {
        List<String> out = new ArrayList<>();
        for (LocalityLbEndpoints g : ((ClusterLoadAssignment) r.resource()).getEndpointsList()) {
            List<String> ips = new ArrayList<>();
            g.getLbEndpointsList().forEach(e -> ips.add(e.getEndpoint().getAddress().getSocketAddress().getAddress()));
            out.add(g.getLocality().getRegion() + "/" + g.getLocality().getZone() + "/" + g.getLocality().getSubZone()
                    + " p" + g.getPriority() + " w" + g.getLoadBalancingWeight().getValue() + " " + ips);
        }
        return out;
    }

    static void assertGroups(NamedResource r, String... expected) {
        assertThat(groups(r)).containsExactly(expected);
    }
}
