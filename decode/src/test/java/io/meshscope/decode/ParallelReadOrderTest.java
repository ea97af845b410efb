package io.meshscope.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.model.Diagnostic;
import io.meshscope.core.model.MeshInput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files decode on several threads, but the input and its messages are those of reading them one by one, in order. */
class ParallelReadOrderTest {
    @Test
    void aDirectoryReadOnAllCoresKeepsTheLaterDefinitionAndReportsInFileOrder(@TempDir Path dir) throws Exception {
        for (int i = 0; i < 40; i++) {
            String body = "apiVersion: v1\nkind: Service\nmetadata:\n  name: shared\n  namespace: ns\nspec:\n  ports:\n"
                    + "    - name: http\n      port: " + (1000 + i) + "\n";
            if (i % 7 == 3) {
                body += "---\nkind: [unclosed\n";
            }
            Files.writeString(dir.resolve(String.format("f%02d.yaml", i)), body);
        }
        MeshInput in = new ManifestReader().read(List.of(dir.toString()), System.in, Optional.empty());
        assertThat(in.services()).hasSize(1);
        assertThat(in.services().get(0).ports().get(0).port()).isEqualTo(1039);
        List<String> files = in.problems().stream().map(Diagnostic::location).map(l -> l.file())
                .filter(f -> f.endsWith(".yaml")).toList();
        assertThat(files).isSortedAccordingTo(String::compareTo).isNotEmpty();
        MeshInput again = new ManifestReader().read(List.of(dir.toString()), System.in, Optional.empty());
        assertThat(again.problems()).isEqualTo(in.problems());
    }
}
