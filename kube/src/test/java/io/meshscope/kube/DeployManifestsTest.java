package io.meshscope.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** deploy/ stays in step with the code: RBAC grants exactly what is read, probes and ports match the server. */
@EnableKubernetesMockClient(crud = true)
class DeployManifestsTest {
    private static final Path DEPLOY = Path.of("..", "deploy", "kubernetes");

    KubernetesClient client;

    private List<HasMetadata> load(String file) throws IOException {
        List<HasMetadata> out = new ArrayList<>();
        for (String doc : Files.readString(DEPLOY.resolve(file)).split("(?m)^---\\s*$")) {
            KubernetesResource r = client.getKubernetesSerialization().unmarshal(doc);
            out.add((HasMetadata) r);
        }
        return out;
    }

    @Test
    void theClusterRoleGrantsGetListWatchOnExactlyTheKindsRead() throws Exception {
        new Cluster(client).istioCrds("v1");
        Set<String> read = new HashSet<>();
        KubeDiscovery.discover(client).kinds().forEach(k -> read.add(k.group() + "/" + k.plural()));
        read.add("/namespaces");
        read.add("/configmaps");
        read.add("/endpoints"); // the fallback when EndpointSlices are not served

        ClusterRole role = (ClusterRole) load("rbac.yaml").get(0);
        Set<String> granted = new HashSet<>();
        for (PolicyRule rule : role.getRules()) {
            if (rule.getApiGroups().equals(java.util.List.of("authentication.k8s.io"))) {
                // token reviews for --xds-token-auth: create, and nothing else
                assertThat(rule.getResources()).containsExactly("tokenreviews");
                assertThat(rule.getVerbs()).containsExactly("create");
                continue;
            }
            assertThat(rule.getVerbs()).containsExactlyInAnyOrder("get", "list", "watch");
            rule.getApiGroups().forEach(g -> rule.getResources().forEach(r -> granted.add(g + "/" + r)));
            if (rule.getResources().contains("configmaps")) {
                assertThat(rule.getResourceNames()).containsExactly(WatchedKind.MESH_CONFIG_MAP);
            }
        }
        assertThat(granted).isEqualTo(read);
    }

    @Test
    void theDeploymentServesAuthenticatedXdsOnIstiodsPortsAndTheServiceExposesOnlyXds() throws Exception {
        Deployment deployment = (Deployment) load("deployment.yaml").get(0);
        var container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        Service service = (Service) load("service.yaml").get(0);

        assertThat(container.getArgs()).contains("serve", "--kube", "--xds-port=15012", "--admin-port=15014",
                "--listen-address=0.0.0.0", "--xds-cert-file=/etc/meshscope/tls/tls.crt",
                "--xds-key-file=/etc/meshscope/tls/tls.key", "--xds-client-ca-file=/etc/meshscope/tls/ca.crt",
                "--xds-token-auth", "--admin-debug=on").doesNotContain("--xds-allow-insecure");
        assertThat(deployment.getSpec().getTemplate().getSpec().getVolumes()).filteredOn(v -> v.getSecret() != null)
                .extracting(v -> v.getSecret().getSecretName()).containsExactly("meshscope-xds-tls");
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/ready");
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
        assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(service.getSpec().getPorts()).extracting(ServicePort::getPort).containsExactly(15012);
        assertThat(deployment.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("meshscope");
    }

    @Test
    void theNetworkPolicyAdmitsXdsFromEveryNamespaceAndTheAdminPortFromMonitoringOnly() throws Exception {
        var policy = (io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy) load("networkpolicy.yaml").get(0);
        var rules = policy.getSpec().getIngress();
        assertThat(rules).hasSize(2);
        assertThat(rules.get(0).getPorts()).extracting(p -> p.getPort().getIntVal()).containsExactly(15012);
        assertThat(rules.get(0).getFrom().get(0).getNamespaceSelector().getMatchLabels()).isNullOrEmpty();
        assertThat(rules.get(1).getPorts()).extracting(p -> p.getPort().getIntVal()).containsExactly(15014);
        assertThat(rules.get(1).getFrom().get(0).getNamespaceSelector().getMatchLabels())
                .containsEntry("kubernetes.io/metadata.name", "monitoring");
        assertThat(Files.readString(DEPLOY.resolve("../kustomization.yaml"))).contains("kubernetes/networkpolicy.yaml");
    }

    @Test
    void theImageRunsTheServerWithTheShippedServerJvmOptions() throws Exception {
        String dockerfile = Files.readString(Path.of("..", "deploy", "Dockerfile"));
        org.assertj.core.api.Assertions.assertThat(dockerfile)
                .contains("COPY jvm/serve.options /app/serve.options")
                .contains("ENTRYPOINT [\"java\", \"@/app/serve.options\", \"-jar\", \"/app/meshscope.jar\"]");
        org.assertj.core.api.Assertions.assertThat(Path.of("..", "jvm", "serve.options")).exists();
    }
}
