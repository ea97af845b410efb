package io.meshscope.decode;

import static io.meshscope.decode.Fixtures.errors;
import static io.meshscope.decode.Fixtures.namespaceNames;
import static io.meshscope.decode.Fixtures.read;
import static io.meshscope.decode.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.model.Diagnostic;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Severity;
import io.meshscope.core.model.SourceLocation;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A repository holds YAML and JSON that are not Kubernetes objects: such files are skipped with one INFO note each
 * (rule not-an-object), while a document that tries to be an object and is broken stays an error.
 */
class NonObjectFilesTest {
    static final String NAMESPACE = "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n";

    @TempDir
    Path dir;

    @Test
    void ciConfigsHelmValuesAndPackageFilesAreSkippedWithANoteNotErrors() throws Exception {
        write(dir, "repo/.gitlab-ci.yml", "stages: [build]\nbuild:\n  script: [make]\n");
        write(dir, "repo/docker-compose.yml", "version: '3'\nservices:\n  web: {image: nginx}\n");
        write(dir, "repo/openapi.yaml", "openapi: 3.0.0\ninfo: {title: api, version: '1'}\npaths: {}\n");
        write(dir, "repo/chart/Chart.yaml", "apiVersion: v2\nname: shop\nversion: 0.1.0\n");
        write(dir, "repo/chart/values.yaml", "replicaCount: 1\nimage: {repository: nginx}\n");
        write(dir, "repo/src/package.json", "{\"name\": \"web\", \"version\": \"1.0.0\"}\n");
        write(dir, "repo/src/tsconfig.json", "{\n  // comments make this invalid JSON and invalid YAML\n"
                + "  \"compilerOptions\": {\"strict\": true,},\n}\n");
        write(dir, "repo/src/list.yaml", "- just\n- a list\n");
        write(dir, "repo/manifests/ns.yaml", NAMESPACE);

        MeshInput in = read(dir.resolve("repo").toString());

        assertThat(namespaceNames(in)).containsExactly("a");
        assertThat(errors(in)).isEmpty();
        assertThat(Fixtures.warnings(in)).isEmpty();
        assertThat(SkippedFiles.of(in)).containsExactlyInAnyOrder(
                dir.resolve("repo/.gitlab-ci.yml").toString(), dir.resolve("repo/docker-compose.yml").toString(),
                dir.resolve("repo/openapi.yaml").toString(), dir.resolve("repo/chart/Chart.yaml").toString(),
                dir.resolve("repo/chart/values.yaml").toString(), dir.resolve("repo/src/package.json").toString(),
                dir.resolve("repo/src/tsconfig.json").toString(), dir.resolve("repo/src/list.yaml").toString());
        assertThat(in.problems()).filteredOn(d -> d.rule().equals(SkippedFiles.RULE))
                .allSatisfy(d -> assertThat(d.severity()).isEqualTo(Severity.INFO));
    }

    @Test
    void objectsOfKindsMeshscopeDoesNotReadAreCountedNotSkippedAsFiles() throws Exception {
        String file = write(dir, "skaffold.yaml", "apiVersion: skaffold/v4beta6\nkind: Config\n"
                + "metadata: {name: app}\nbuild: {artifacts: [{image: web}]}\n");

        MeshInput in = read(file);

        assertThat(in.skippedKinds()).containsEntry("skaffold/v4beta6/Config", 1);
        assertThat(SkippedFiles.of(in)).isEmpty();
        assertThat(in.problems()).isEmpty();
    }

    @Test
    void aDocumentThatTriesToBeAnObjectStaysAnErrorInAFileOfItsOwn() throws Exception {
        String noApiVersion = write(dir, "a.yaml", "kind: Namespace\nmetadata: {name: x}\n");
        String noKind = write(dir, "b.yaml", "apiVersion: v1\nmetadata: {name: y}\n");
        String miscased = write(dir, "c.yaml", "apiVersion: v1\nKind: Namespace\nmetadata: {name: z}\n");
        String broken = write(dir, "d.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: [w\n");

        MeshInput in = read(noApiVersion, noKind, miscased, broken);

        assertThat(SkippedFiles.of(in)).isEmpty();
        assertThat(errors(in)).extracting(d -> d.location().file(), Diagnostic::field, Diagnostic::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(noApiVersion, "apiVersion",
                                "missing required field \"apiVersion\""),
                        org.assertj.core.groups.Tuple.tuple(noKind, "kind", "missing required field \"kind\""),
                        org.assertj.core.groups.Tuple.tuple(miscased, "kind", "missing required field \"kind\" "
                                + "(found \"Kind\": field names are case-sensitive)"),
                        org.assertj.core.groups.Tuple.tuple(broken, "", errors(in).get(3).message()));
        assertThat(errors(in).get(3).rule()).isEqualTo("yaml-syntax");
    }

    @Test
    void aSequenceOfObjectsWithoutKindListStaysAnError() throws Exception {
        String file = write(dir, "array.json", "[{\"apiVersion\": \"v1\", \"kind\": \"Namespace\", "
                + "\"metadata\": {\"name\": \"a\"}}]\n");

        MeshInput in = read(file);

        assertThat(SkippedFiles.of(in)).isEmpty();
        assertThat(errors(in)).singleElement().satisfies(d -> assertThat(d.message())
                .isEqualTo("a document must be a mapping (a Kubernetes object), got a sequence"));
    }

    @Test
    void aNonObjectDocumentNextToObjectsStaysAnError() throws Exception {
        String file = write(dir, "mixed.yaml", NAMESPACE + "---\nreplicaCount: 1\n");

        MeshInput in = read(file);

        assertThat(namespaceNames(in)).containsExactly("a");
        assertThat(SkippedFiles.of(in)).isEmpty();
        assertThat(errors(in)).singleElement().satisfies(d -> {
            assertThat(d.location()).isEqualTo(new SourceLocation(file, 5, 1));
            assertThat(d.message()).isEqualTo("missing required field \"kind\"");
        });
    }

    @Test
    void emptyAndCommentOnlyFilesAreNeitherSkippedNorErrors() throws Exception {
        String empty = write(dir, "empty.yaml", "");
        String comments = write(dir, "comments.yaml", "# nothing here yet\n---\n");

        MeshInput in = read(empty, comments);

        assertThat(in.problems()).isEmpty();
    }

    @Test
    void hiddenDirectoriesAreNotEnteredButAreReadWhenNamed() throws Exception {
        write(dir, "repo/ns.yaml", NAMESPACE);
        write(dir, "repo/.git/hooks/broken.yaml", "not: [yaml");
        write(dir, "repo/.github/release/ns.yaml", NAMESPACE.replace("name: a", "name: released"));

        MeshInput walked = read(dir.resolve("repo").toString());
        MeshInput named = read(dir.resolve("repo/.github").toString());

        assertThat(namespaceNames(walked)).containsExactly("a");
        assertThat(errors(walked)).isEmpty();
        assertThat(walked.problems()).extracting(d -> d.location().file(), Diagnostic::rule).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(dir.resolve("repo/.git").toString(), "hidden-directory"),
                org.assertj.core.groups.Tuple.tuple(dir.resolve("repo/.github").toString(), "hidden-directory"));
        assertThat(namespaceNames(named)).containsExactly("released");
    }

    @Test
    void withoutRecursionOnlyTheFilesDirectlyInADirectoryAreRead() throws Exception {
        write(dir, "root/top.yaml", NAMESPACE.replace("name: a", "name: top"));
        write(dir, "root/sub/deep.yaml", NAMESPACE.replace("name: a", "name: deep"));
        ManifestReader flat = new ManifestReader(ReadLimits.defaults(), null, new ReadOptions(false, "analyze"));

        MeshInput in = flat.read(List.of(dir.resolve("root").toString()), InputStream.nullInputStream(),
                Optional.empty());

        assertThat(namespaceNames(in)).containsExactly("top");
        assertThat(namespaceNames(read(dir.resolve("root").toString()))).containsExactly("deep", "top");
    }
}
