package io.meshscope.kube;

import io.fabric8.kubernetes.client.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KubeClientsTest {
    private static final String KUBECONFIG = """
            apiVersion: v1
            kind: Config
            current-context: dev
            clusters:
            - name: dev
              cluster: {server: "https://dev.example:6443", insecure-skip-tls-verify: true}
            - name: prod
              cluster: {server: "https://prod.example:6443", insecure-skip-tls-verify: true}
            users:
            - name: me
              user: {token: abc}
            contexts:
            - name: dev
              context: {cluster: dev, user: me, namespace: team-a}
            - name: prod
              context: {cluster: prod, user: me}
            """;

    private static KubeOptions options(Path kubeconfig, String context) {
        return new KubeOptions(Optional.of(kubeconfig.toString()), Optional.ofNullable(context), List.of(), Optional.empty());
    }

    @Test
    void aKubeconfigFileIsReadAtItsCurrentContext(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("config"), KUBECONFIG);

        Config config = KubeClients.config(options(file, null));

        assertThat(config.getMasterUrl()).isEqualTo("https://dev.example:6443/");
        assertThat(config.getCurrentContext().getName()).isEqualTo("dev");
    }

    @Test
    void aContextOfTheKubeconfigCanBeChosen(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("config"), KUBECONFIG);

        Config config = KubeClients.config(options(file, "prod"));

        assertThat(config.getMasterUrl()).isEqualTo("https://prod.example:6443/");
        assertThat(config.getCurrentContext().getName()).isEqualTo("prod");
    }

    @Test
    void aMissingKubeconfigFileIsAnErrorNamingIt(@TempDir Path dir) {
        assertThatThrownBy(() -> KubeClients.config(options(dir.resolve("nope"), null)))
                .isInstanceOf(KubeException.class).hasMessageContaining("cannot read kubeconfig").hasMessageContaining("nope");
    }

    @Test
    void anUnknownContextIsAnError(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("config"), KUBECONFIG);

        assertThatThrownBy(() -> KubeClients.config(options(file, "staging")))
                .isInstanceOf(KubeException.class).hasMessageContaining("staging");
    }

    @Test
    void clientsRetryLittleInsideTheHttpClientSoFailuresReachTheInformers(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("config"), KUBECONFIG);

        try (var client = KubeClients.create(options(file, null))) {
            assertThat(client.getConfiguration().getRequestRetryBackoffLimit()).isEqualTo(2);
            assertThat(KubeClients.describe(client)).isEqualTo("https://dev.example:6443/ (context dev)");
        }
    }
}
