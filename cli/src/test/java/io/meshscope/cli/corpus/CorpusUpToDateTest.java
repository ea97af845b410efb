package io.meshscope.cli.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed corpus is what scripts/BadInputCorpus.java writes: nobody edited it by hand or forgot to rerun it. */
class CorpusUpToDateTest {
    @TempDir
    Path tmp;

    @Test
    void theCommittedCorpusIsWhatTheGeneratorWrites() throws Exception {
        Path root = BadInputs.root();
        Path source = root.getParent().getParent().resolve("scripts/BadInputCorpus.java");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        assertThat(javac.run(null, null, null, "-nowarn", "-d", classes.toString(), source.toString())).isZero();
        Path out = tmp.resolve("corpus");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
            loader.loadClass("BadInputCorpus").getMethod("main", String[].class)
                    .invoke(null, (Object) new String[] {out.toString()});
        }
        Map<String, byte[]> generated = files(out);
        Map<String, byte[]> committed = files(root);
        committed.remove("pending-rejects.txt"); // kept by hand, not generated
        assertThat(committed.keySet()).as("files, regenerate with scripts/gen-bad-input-corpus.sh")
                .containsExactlyElementsOf(generated.keySet());
        for (Map.Entry<String, byte[]> e : generated.entrySet()) {
            assertThat(committed.get(e.getKey())).as("%s: regenerate with scripts/gen-bad-input-corpus.sh", e.getKey())
                    .isEqualTo(e.getValue());
        }
    }

    private static Map<String, byte[]> files(Path root) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                out.put(root.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return out;
    }
}
