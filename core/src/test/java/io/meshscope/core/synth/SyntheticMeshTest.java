package io.meshscope.core.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SyntheticMeshTest {

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }

    private static String all(Map<String, String> files) {
        return String.join("\n", files.values());
    }

    @Test
    void sameOptionsSameBytes() {
        SynthOptions o = SynthOptions.defaults(120).withSidecars(SidecarStrategy.WORKLOAD).withReplicas(3).withSeed(42);
        SyntheticMesh a = SyntheticMesh.generate(o);
        SyntheticMesh b = SyntheticMesh.generate(o);
        assertThat(a.files()).isEqualTo(b.files());
        assertThat(a.dependencies()).isEqualTo(b.dependencies());
    }

    @Test
    void seedChangesTheMeshButNotItsShape() {
        SyntheticMesh a = SyntheticMesh.generate(SynthOptions.defaults(100).withSeed(1));
        SyntheticMesh b = SyntheticMesh.generate(SynthOptions.defaults(100).withSeed(2));
        assertThat(a.dependencies()).isNotEqualTo(b.dependencies());
        assertThat(a.fileNames()).isEqualTo(b.fileNames());
    }

    @Test
    void endpointsDoNotChangeTheCallGraph() {
        SyntheticMesh a = SyntheticMesh.generate(SynthOptions.defaults(100));
        SyntheticMesh b = SyntheticMesh.generate(SynthOptions.defaults(100).withEndpoints(4));
        assertThat(a.callGraph()).isEqualTo(b.callGraph());
    }

    @Test
    void defaults() {
        SynthOptions o = SynthOptions.defaults(500);
        assertThat(o.namespaces()).isEqualTo(20);
        assertThat(o.fanout()).isEqualTo(5);
        assertThat(o.replicas()).isEqualTo(1);
        assertThat(o.endpoints()).isEqualTo(1);
        assertThat(o.sidecars()).isEqualTo(SidecarStrategy.NONE);
        assertThat(o.seed()).isEqualTo(1);
        assertThat(SynthOptions.defaults(10).namespaces()).isEqualTo(1);
        assertThat(SynthOptions.defaults(3).fanout()).isEqualTo(2);
        assertThat(SynthOptions.defaults(1).fanout()).isZero();
    }

    @Test
    void invalidOptionsAreRefused() {
        assertThatThrownBy(() -> SynthOptions.defaults(0)).hasMessageContaining("services must be between 1");
        assertThatThrownBy(() -> SynthOptions.defaults(10).withNamespaces(11)).hasMessageContaining("namespaces");
        assertThatThrownBy(() -> SynthOptions.defaults(10).withFanout(10)).hasMessageContaining("fanout");
        assertThatThrownBy(() -> SynthOptions.defaults(10).withFanout(-1)).hasMessageContaining("fanout");
        assertThatThrownBy(() -> SynthOptions.defaults(10).withReplicas(0)).hasMessageContaining("replicas");
        assertThatThrownBy(() -> SynthOptions.defaults(10).withEndpoints(-1)).hasMessageContaining("endpoints");
        assertThatThrownBy(() -> SynthOptions.defaults(10_000).withEndpoints(1000))
                .hasMessageContaining("services x endpoints");
    }

    @Test
    void layoutAndCounts() {
        SyntheticMesh m = SyntheticMesh.generate(SynthOptions.defaults(100).withReplicas(2));
        assertThat(m.namespaceNames()).containsExactly("ns-01", "ns-02", "ns-03", "platform");
        assertThat(m.fileNames()).containsExactly("istio-system.yaml", "namespaces.yaml", "ns-01.yaml",
                "ns-02.yaml", "ns-03.yaml", "platform.yaml");
        Map<String, String> files = m.files();
        String text = all(files);
        assertThat(count(text, "kind: Deployment\n")).isEqualTo(101);
        assertThat(count(text, "kind: Service\n")).isEqualTo(101);
        assertThat(count(text, "kind: EndpointSlice\n")).isEqualTo(101);
        assertThat(count(text, "kind: Sidecar\n")).isZero();
        assertThat(count(files.get("namespaces.yaml"), "kind: Namespace\n")).isEqualTo(5);
        assertThat(count(files.get("ns-01.yaml"), "kind: Service\n")).isEqualTo(25);
        assertThat(count(text, "  replicas: 2\n")).isEqualTo(100);
        // E defaults to R: 2 endpoints per slice (plus istiod's one), each with a targetRef.
        assertThat(count(text, "      ready: true\n")).isEqualTo(201);
        assertThat(count(text, "    - name: grpc\n      port: 9090\n")).isEqualTo(33);
        assertThat(files.get("istio-system.yaml")).contains("rootNamespace: istio-system").contains("name: istiod");
        assertThat(m.serviceCount()).isEqualTo(100);
        assertThat(m.endpointCount()).isEqualTo(200);
        assertThat(m.callCount()).isEqualTo(500);
        assertThat(m.sidecarCount()).isZero();
    }

    @Test
    void oneNamespaceHasNoPlatform() {
        SyntheticMesh m = SyntheticMesh.generate(SynthOptions.defaults(5));
        assertThat(m.namespaceNames()).containsExactly("ns-01");
        assertThat(m.callGraph().values()).allSatisfy(c -> assertThat(c).hasSize(4));
    }

    @Test
    void everyEndpointAddressIsUnique() {
        SyntheticMesh m = SyntheticMesh.generate(SynthOptions.defaults(600).withEndpoints(3));
        Matcher ip = Pattern.compile("- \"(10\\.\\d+\\.\\d+\\.\\d+)\"").matcher(all(m.files()));
        Set<String> seen = new HashSet<>();
        int n = 0;
        while (ip.find()) {
            n++;
            assertThat(seen.add(ip.group(1))).as(ip.group(1)).isTrue();
            assertThat(ip.group(1)).doesNotEndWith(".0").doesNotEndWith(".255");
        }
        assertThat(n).isEqualTo(600 * 3 + 1);
        assertThat(SynthText.ip(128, 0)).isEqualTo("10.128.1.1");
        assertThat(SynthText.ip(128, 253)).isEqualTo("10.128.1.254");
        assertThat(SynthText.ip(128, 254)).isEqualTo("10.128.2.1");
        assertThat(SynthText.ip(128, SynthOptions.MAX_ENDPOINTS - 1)).startsWith("10.251.");
        assertThat(SynthText.ip(96, SynthOptions.MAX_SERVICES - 1)).startsWith("10.111.");
    }

    @Test
    void callGraphHasFanoutDistinctCallsMostlyLocal() {
        SyntheticMesh m = SyntheticMesh.generate(SynthOptions.defaults(1000).withFanout(6));
        int local = 0;
        int platform = 0;
        int total = 0;
        for (Map.Entry<String, List<String>> e : m.callGraph().entrySet()) {
            String ns = e.getKey().substring(0, e.getKey().indexOf('/'));
            assertThat(e.getValue()).hasSize(6).doesNotHaveDuplicates().doesNotContain(e.getKey()).isSorted();
            for (String c : e.getValue()) {
                total++;
                if (c.startsWith(ns + "/")) {
                    local++;
                } else if (c.startsWith("platform/")) {
                    platform++;
                }
            }
            if (!ns.equals("platform")) {
                // Cross-namespace calls stay within a few neighbour namespaces and platform.
                assertThat(e.getValue().stream().map(c -> c.substring(0, c.indexOf('/'))).distinct().count())
                        .isLessThanOrEqualTo(SyntheticMesh.NEIGHBOURS + 2);
            }
        }
        assertThat(total).isEqualTo(6000);
        assertThat((double) local / total).isBetween(0.55, 0.70);
        assertThat((double) platform / total).isBetween(0.08, 0.25);
    }

    @Test
    void fanoutNearNStillTerminatesWithDistinctCalls() {
        SyntheticMesh m = SyntheticMesh.generate(SynthOptions.defaults(40).withNamespaces(8).withFanout(39));
        assertThat(m.callGraph().values()).allSatisfy(c -> assertThat(c).hasSize(39).doesNotHaveDuplicates());
    }

    @Test
    void dependenciesInTheSeedFormat() {
        SyntheticMesh m = SyntheticMesh.generate(SynthOptions.defaults(30).withFanout(2));
        String deps = m.dependencies();
        assertThat(deps).startsWith("# dependencies.yaml - not a Kubernetes resource, just documentation\n");
        assertThat(deps).contains("\nservices:\n  ns-01/");
        assertThat(count(deps, "    calls:\n      - ")).isEqualTo(30);
        assertThat(count(deps, "    external: []\n")).isEqualTo(30);
        String first = m.callGraph().keySet().iterator().next();
        List<String> calls = m.callGraph().get(first);
        assertThat(deps).contains("  " + first + ":\n    calls:\n      - " + calls.get(0) + "\n      - " + calls.get(1)
                + "\n    external: []\n\n");
        assertThat(SyntheticMesh.generate(SynthOptions.defaults(1)).dependencies()).contains("calls: []");
    }

    @Test
    void namespaceSidecarsImportCalledNamespaces() {
        SyntheticMesh m = SyntheticMesh.generate(SynthOptions.defaults(100).withSidecars(SidecarStrategy.NAMESPACE));
        String sidecars = m.files().get("sidecars.yaml");
        assertThat(count(sidecars, "kind: Sidecar\n")).isEqualTo(4).isEqualTo(m.sidecarCount());
        assertThat(count(sidecars, "  name: default\n")).isEqualTo(4);
        assertThat(sidecars).doesNotContain("workloadSelector");
        assertThat(count(sidecars, "        - \"./*\"\n")).isEqualTo(4);
        assertThat(count(sidecars, "        - \"istio-system/*\"\n")).isEqualTo(4);
    }

    @Test
    void workloadSidecarsImportExactHosts() {
        SyntheticMesh m = SyntheticMesh.generate(SynthOptions.defaults(50).withSidecars(SidecarStrategy.WORKLOAD));
        String sidecars = m.files().get("sidecars.yaml");
        assertThat(count(sidecars, "kind: Sidecar\n")).isEqualTo(50).isEqualTo(m.sidecarCount());
        assertThat(count(sidecars, "  workloadSelector:\n")).isEqualTo(50);
        assertThat(count(sidecars, ".svc.cluster.local\"\n")).isEqualTo(250);
        assertThat(sidecars).doesNotContain("\"./*\"");
    }

    @Test
    void bigFilesAreSplitInParts() {
        SyntheticMesh m = SyntheticMesh.generate(SynthOptions.defaults(200).withNamespaces(1).withEndpoints(800));
        assertThat(m.fileNames()).containsExactly("istio-system.yaml", "namespaces.yaml", "ns-01.2.yaml",
                "ns-01.yaml");
        long perService = SyntheticMesh.SERVICE_CHARS + SyntheticMesh.ENDPOINT_CHARS * 800;
        int first = (int) (SyntheticMesh.PART_BUDGET_CHARS / perService);
        assertThat(count(m.file("ns-01.2.yaml"), "kind: Service\n")).isEqualTo(200 - first);
    }

    @Test
    void sizeEstimatesBoundTheRenderedFiles() {
        // Long names (six-digit indexes, two-digit namespaces) and the gRPC port on every third service.
        SyntheticMesh m = SyntheticMesh.generate(SynthOptions.defaults(100_000).withNamespaces(2000).withEndpoints(0)
                .withSidecars(SidecarStrategy.WORKLOAD));
        String ns = m.file("ns-0001.yaml");
        int services = count(ns, "kind: Service\n");
        assertThat((double) ns.length() / services).isLessThan(SyntheticMesh.SERVICE_CHARS / 2.0);
        String withEndpoints = SyntheticMesh.generate(SynthOptions.defaults(100_000).withNamespaces(2000)
                .withEndpoints(10)).file("ns-0001.yaml");
        assertThat((double) (withEndpoints.length() - ns.length()) / (services * 10))
                .isLessThan(SyntheticMesh.ENDPOINT_CHARS / 2.0);
        String sidecars = m.file("sidecars.yaml");
        assertThat((double) sidecars.length() / count(sidecars, "kind: Sidecar\n"))
                .isLessThan((SyntheticMesh.SIDECAR_CHARS + 5 * SyntheticMesh.SIDECAR_HOST_CHARS) / 2.0);
    }

    @Test
    void goldenDependencies() {
        // Pins the generator: a change here changes every synthetic mesh (and every benchmark baseline).
        SyntheticMesh m = SyntheticMesh.generate(SynthOptions.defaults(6).withNamespaces(2).withFanout(2));
        assertThat(m.dependencies()).isEqualTo("""
                # dependencies.yaml - not a Kubernetes resource, just documentation
                # (the seed's "Document Dependencies" format). Who calls whom in the synthetic mesh.
                # Generated by meshscope synth --services 6 --namespaces 2 --fanout 2 --replicas 1 --endpoints 1 --sidecars none --seed 1
                services:
                  ns-01/catalog-005:
                    calls:
                      - ns-01/wishlist-003
                      - platform/ratelimit-002
                    external: []

                  ns-01/wishlist-003:
                    calls:
                      - ns-01/wishlist-004
                      - platform/ratelimit-002
                    external: []

                  ns-01/wishlist-004:
                    calls:
                      - ns-01/wishlist-003
                      - platform/flags-001
                    external: []

                  platform/flags-001:
                    calls:
                      - platform/policy-000
                      - platform/ratelimit-002
                    external: []

                  platform/policy-000:
                    calls:
                      - platform/flags-001
                      - platform/ratelimit-002
                    external: []

                  platform/ratelimit-002:
                    calls:
                      - platform/flags-001
                      - platform/policy-000
                    external: []
                """);
    }
}
