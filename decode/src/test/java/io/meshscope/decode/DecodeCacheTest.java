package io.meshscope.decode;

import static io.meshscope.decode.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.model.MeshInput;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Re-reading the same paths with a cache decodes only changed files and yields what an uncached read yields. */
class DecodeCacheTest {
    @TempDir
    Path dir;

    private static String namespace(String name) {
        return "apiVersion: v1\nkind: Namespace\nmetadata: {name: " + name + "}\n---\n";
    }

    private static String service(String ns, String name) {
        return "apiVersion: v1\nkind: Service\nmetadata: {name: " + name + ", namespace: " + ns + "}\n"
                + "spec: {ports: [{name: http, port: 80}]}\n---\n";
    }

    private MeshInput read(ManifestReader reader) throws InputException {
        return reader.read(List.of(dir.toString()), InputStream.nullInputStream(), Optional.empty());
    }

    @Test
    void unchangedFilesYieldTheSameObjectInstancesAndChangedOnesAreDecodedAgain() throws Exception {
        write(dir, "a.yaml", namespace("a") + service("a", "one"));
        write(dir, "b.yaml", namespace("b") + service("b", "two"));
        DecodeCache cache = new DecodeCache();
        ManifestReader reader = new ManifestReader(ReadLimits.defaults(), cache);
        MeshInput first = read(reader);
        assertThat(cache.decoded()).isEqualTo(2);
        assertThat(cache.reused()).isZero();

        write(dir, "b.yaml", namespace("b") + service("b", "three"));
        MeshInput second = read(reader);

        assertThat(second.services().get(0)).isSameAs(first.services().get(0));
        assertThat(second.services().get(1).meta().name()).isEqualTo("three");
        assertThat(cache.reused()).isEqualTo(1);
        assertThat(cache.decoded()).isEqualTo(1);
        assertThat(second).isEqualTo(new ManifestReader().read(List.of(dir.toString()), InputStream.nullInputStream(),
                Optional.empty()));
    }

    @Test
    void duplicatesAcrossFilesAreStillReportedWhenBothComeFromTheCache() throws Exception {
        write(dir, "a.yaml", service("a", "one"));
        write(dir, "b.yaml", service("a", "one"));
        ManifestReader reader = new ManifestReader(ReadLimits.defaults(), new DecodeCache());
        read(reader);

        MeshInput again = read(reader);

        assertThat(again.problems()).anySatisfy(d -> assertThat(d.message()).contains("defined more than once"));
        assertThat(again.services()).hasSize(1);
    }

    @Test
    void aDeletedFileIsForgottenAndItsObjectsAreGone() throws Exception {
        write(dir, "a.yaml", service("a", "one"));
        write(dir, "b.yaml", service("b", "two"));
        ManifestReader reader = new ManifestReader(ReadLimits.defaults(), new DecodeCache());
        read(reader);

        Files.delete(dir.resolve("b.yaml"));

        assertThat(read(reader).services()).extracting(s -> s.meta().name()).containsExactly("one");
    }
}
