package io.meshscope.decode;

import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.SourceLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static io.meshscope.decode.Fixtures.errors;
import static io.meshscope.decode.Fixtures.namespaceNames;
import static io.meshscope.decode.Fixtures.read;
import static io.meshscope.decode.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where input comes from: files, directories, stdin, multi-document streams, Lists and JSON. */
class InputsTest {
    @TempDir
    Path dir;

    private static String namespace(String name) {
        return "apiVersion: v1\nkind: Namespace\nmetadata: {name: " + name + "}\n";
    }

    @Test
    void multiDocumentFileYieldsEveryObjectInOrder() throws Exception {
        String file = write(dir, "multi.yaml", "---\n" + namespace("a") + "---\n" + namespace("b") + "...\n---\n"
                + namespace("c"));
        MeshInput in = read(file);

        assertThat(namespaceNames(in)).containsExactly("a", "b", "c");
        assertThat(in.documents()).isEqualTo(3);
        assertThat(in.problems()).isEmpty();
    }

    @Test
    void kindListItemsAreObjectsWithTheirOwnPaths() throws Exception {
        String file = write(dir, "list.yaml", """
                apiVersion: v1
                kind: List
                items:
                - apiVersion: v1
                  kind: Namespace
                  metadata: {name: a}
                - apiVersion: networking.istio.io/v1
                  kind: Sidecar
                  metadata: {name: s, namespace: ns}
                  spec:
                    egress:
                    - hosts: [~]
                - 42
                """);
        MeshInput in = read(file);

        assertThat(namespaceNames(in)).containsExactly("a");
        assertThat(in.sidecars()).singleElement().satisfies(s -> {
            assertThat(s.meta().location()).isEqualTo(new SourceLocation(file, 9, 3));
            assertThat(s.meta().fieldLocations()).containsEntry("spec.egress[0].hosts[0]",
                    new SourceLocation(file, 12, 15));
        });
        assertThat(errors(in)).singleElement().satisfies(d -> {
            assertThat(d.location()).isEqualTo(new SourceLocation(file, 13, 3));
            assertThat(d.field()).isEqualTo("items[2]");
            assertThat(d.message()).isEqualTo("a List item must be a mapping (a Kubernetes object), got a scalar (\"42\")");
        });
    }

    @Test
    void jsonFilesAreRead() throws Exception {
        String file = write(dir, "sc.json", """
                {
                \t"apiVersion": "networking.istio.io/v1beta1",
                \t"kind": "Sidecar",
                \t"metadata": {"name": "s", "namespace": "ns"},
                \t"spec": {"egress": [{"port": {"number": 80}, "hosts": ["./*", null]}]}
                }
                """);
        MeshInput in = read(file);

        assertThat(in.problems()).isEmpty();
        assertThat(in.sidecars()).singleElement().satisfies(s -> {
            assertThat(s.egress().get(0).port().number()).isEqualTo(80L);
            assertThat(s.egress().get(0).hosts()).containsExactly("./*", null);
            assertThat(s.meta().fieldLocations()).containsEntry("spec.egress[0].port.number",
                    new SourceLocation(file, 5, 42));
        });
    }

    @Test
    void stdinIsReadAsFileNamedStdin() throws Exception {
        String text = namespace("a") + "---\nkind: Namespace\n";
        MeshInput in = new ManifestReader().read(List.of("-"),
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), Optional.empty());

        assertThat(namespaceNames(in)).containsExactly("a");
        assertThat(errors(in)).singleElement()
                .satisfies(d -> assertThat(d.location()).isEqualTo(new SourceLocation("<stdin>", 5, 1)));
    }

    @Test
    void directoriesAreReadRecursivelyInSortedOrderAndOnlyManifestExtensions() throws Exception {
        write(dir, "root/b.yaml", namespace("b"));
        write(dir, "root/a.yml", namespace("a"));
        write(dir, "root/sub/c.json", "{\"apiVersion\": \"v1\", \"kind\": \"Namespace\", \"metadata\": {\"name\": \"c\"}}");
        write(dir, "root/sub/deeper/d.YAML", namespace("d"));
        write(dir, "root/notes.txt", "not: [yaml");
        write(dir, "root/README.md", "# readme");
        MeshInput in = read(dir.resolve("root").toString());

        assertThat(namespaceNames(in)).containsExactly("a", "b", "c", "d");
        assertThat(in.problems()).isEmpty();
        assertThat(in.namespaces().get(2).meta().location().file())
                .isEqualTo(dir.resolve("root/sub/c.json").toString());
    }

    @Test
    void crlfFilesAreLocatedAndRecoveredLikeLfFiles() throws Exception {
        String text = (namespace("a") + "---\nkind: Namespace\nmetadata: {name: [b\n---\n" + namespace("c")
                + "---\napiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: ns}\nspec: {ports: [{port: x}]}\n")
                .replace("\n", "\r\n");
        String file = write(dir, "crlf.yaml", text);
        MeshInput in = read(file);

        assertThat(namespaceNames(in)).containsExactly("a", "c");
        assertThat(in.services()).hasSize(1);
        assertThat(errors(in)).extracting(d -> d.location()).containsExactly(
                new SourceLocation(file, 7, 1), new SourceLocation(file, 15, 23));
    }

    @Test
    void anExplicitFileIsReadWhateverItsExtension() throws Exception {
        MeshInput in = read(write(dir, "manifest.txt", namespace("a")));

        assertThat(namespaceNames(in)).containsExactly("a");
    }

    @Test
    void missingPathIsAnInputException() {
        String missing = dir.resolve("nope.yaml").toString();

        assertThatThrownBy(() -> read(missing)).isInstanceOf(InputException.class)
                .hasMessage("cannot read " + missing + ": no such file or directory");
    }

    @Test
    void missingMeshConfigFileIsAnInputException() {
        Path missing = dir.resolve("mesh.yaml");

        assertThatThrownBy(() -> new ManifestReader().read(List.of(), null, Optional.of(missing)))
                .isInstanceOf(InputException.class).hasMessageContaining(missing.toString());
    }

    @Test
    void readStringNamesTheGivenFile() {
        MeshInput in = new ManifestReader().readString("case.yaml", namespace("a") + "---\n- x\n", Optional.empty());

        assertThat(namespaceNames(in)).containsExactly("a");
        assertThat(errors(in)).singleElement()
                .satisfies(d -> assertThat(d.location()).isEqualTo(new SourceLocation("case.yaml", 5, 1)));
    }

    @Test
    void unknownKindsAreSkippedAndCountedByApiVersionAndKind() throws Exception {
        MeshInput in = read(write(dir, "other.yaml", """
                apiVersion: networking.istio.io/v1
                kind: WorkloadGroup
                metadata: {name: g}
                ---
                apiVersion: networking.istio.io/v1
                kind: WorkloadGroup
                metadata: {name: h}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: cm}
                ---
                apiVersion: example.com/v1
                kind: Sidecar
                metadata: {name: s}
                """));

        assertThat(in.skippedKinds()).containsOnly(
                java.util.Map.entry("networking.istio.io/v1/WorkloadGroup", 2),
                java.util.Map.entry("v1/ConfigMap", 1),
                java.util.Map.entry("example.com/v1/Sidecar", 1));
        assertThat(in.objectCount()).isZero();
        assertThat(in.problems()).isEmpty();
    }
}
