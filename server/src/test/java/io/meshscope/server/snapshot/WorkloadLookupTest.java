package io.meshscope.server.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.model.MeshInput;
import io.meshscope.decode.ManifestReader;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A proxy whose Pod the input does not hold (manifests from Git) is matched to the controller it belongs to. */
class WorkloadLookupTest {
    private static final MeshInput INPUT = new ManifestReader().readString("apps.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop}
            spec:
              selector: {matchLabels: {app: web}}
              template: {metadata: {labels: {app: web}}}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web-admin, namespace: shop}
            spec:
              selector: {matchLabels: {app: web-admin}}
              template: {metadata: {labels: {app: web-admin}}}
            """, Optional.empty());
    private static final WorkloadLookup LOOKUP = WorkloadLookup.of(INPUT);

    @Test
    void aDeploymentsPodNameLeadsToTheDeploymentTheLongestNameWinning() {
        assertThat(LOOKUP.controllerOf("shop", "web-7d9f5c6b8-x2x4q", Map.of()).name()).isEqualTo("web");
        assertThat(LOOKUP.controllerOf("shop", "web-admin-5f6d-abcde", Map.of()).name()).isEqualTo("web-admin");
    }

    @Test
    void labelsThatContradictTheTemplateOrAnotherNamespaceMatchNothing() {
        assertThat(LOOKUP.controllerOf("shop", "web-admin-5f6d-abcde", Map.of("app", "web")).name()).isEqualTo("web");
        assertThat(LOOKUP.controllerOf("shop", "web-1", Map.of("app", "other"))).isNull();
        assertThat(LOOKUP.controllerOf("other", "web-1", Map.of())).isNull();
    }
}
