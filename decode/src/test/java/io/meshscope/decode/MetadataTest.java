package io.meshscope.decode;

import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.ResourceId;
import io.meshscope.core.model.Severity;
import io.meshscope.core.model.SourceLocation;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static io.meshscope.decode.Fixtures.errors;
import static io.meshscope.decode.Fixtures.withSeverity;
import static org.assertj.core.api.Assertions.assertThat;

/** metadata: creation time, the default namespace, labels and where the object was written. */
class MetadataTest {

    private static MeshInput sidecarWithMetadata(String metadata) {
        return new ManifestReader().readString("m.yaml",
                "apiVersion: networking.istio.io/v1\nkind: Sidecar\nmetadata:\n" + metadata, Optional.empty());
    }

    @Test
    void creationTimestampIsParsedAsRfc3339() {
        MeshInput utc = sidecarWithMetadata("  name: a\n  namespace: ns\n  creationTimestamp: \"2024-03-01T10:00:00Z\"\n");
        MeshInput offset = sidecarWithMetadata("  name: a\n  namespace: ns\n  creationTimestamp: 2024-03-01T12:00:00.5+02:00\n");

        assertThat(utc.sidecars().get(0).meta().creationEpochSeconds()).isEqualTo(1709287200L);
        assertThat(offset.sidecars().get(0).meta().creationEpochSeconds()).isEqualTo(1709287200L);
        assertThat(utc.problems()).isEmpty();
    }

    @Test
    void missingOrNullCreationTimestampIsTheZeroTime() {
        MeshInput missing = sidecarWithMetadata("  name: a\n  namespace: ns\n");
        MeshInput nul = sidecarWithMetadata("  name: a\n  namespace: ns\n  creationTimestamp: null\n");

        assertThat(missing.sidecars().get(0).meta().creationEpochSeconds()).isZero();
        assertThat(nul.sidecars().get(0).meta().creationEpochSeconds()).isZero();
        assertThat(nul.problems()).isEmpty();
    }

    @Test
    void malformedCreationTimestampIsAnErrorAndTheZeroTime() {
        MeshInput in = sidecarWithMetadata("  name: a\n  namespace: ns\n  creationTimestamp: yesterday\n");

        assertThat(in.sidecars().get(0).meta().creationEpochSeconds()).isZero();
        assertThat(errors(in)).singleElement().satisfies(d -> {
            assertThat(d.location()).isEqualTo(new SourceLocation("m.yaml", 6, 22));
            assertThat(d.field()).isEqualTo("metadata.creationTimestamp");
            assertThat(d.resource()).isEqualTo(new ResourceId("Sidecar", "ns", "a"));
            assertThat(d.message()).contains("RFC 3339").contains("\"yesterday\"");
        });
    }

    @Test
    void missingNamespaceDefaultsToDefaultWithAnInfo() {
        MeshInput in = sidecarWithMetadata("  name: a\n");

        assertThat(in.sidecars().get(0).meta().namespace()).isEqualTo("default");
        assertThat(in.hasErrors()).isFalse();
        assertThat(withSeverity(in, Severity.INFO)).singleElement().satisfies(d -> {
            assertThat(d.resource()).isEqualTo(new ResourceId("Sidecar", "default", "a"));
            assertThat(d.field()).isEqualTo("metadata.namespace");
            assertThat(d.message()).contains("\"default\"");
            assertThat(d.location()).isEqualTo(new SourceLocation("m.yaml", 4, 3));
        });
    }

    @Test
    void metadataLocationIsTheMetadataKeyAndLabelsAreRead() {
        MeshInput in = new ManifestReader().readString("m.yaml", "# header\n---\napiVersion: v1\nkind: Service\n"
                + "metadata:\n  name: s\n  namespace: ns\n  labels: {app: s, empty: ~}\n", Optional.empty());

        assertThat(in.services().get(0).meta().location()).isEqualTo(new SourceLocation("m.yaml", 5, 1));
        assertThat(in.services().get(0).meta().labels()).containsEntry("app", "s").containsEntry("empty", "");
    }
}
