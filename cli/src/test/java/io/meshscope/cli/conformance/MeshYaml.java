package io.meshscope.cli.conformance;

import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;

/** Writes a case's {@code mesh:} overrides as a MeshConfig document for {@code --mesh-config}. */
final class MeshYaml {
    private MeshYaml() {
    }

    static String render(Map<String, Object> mesh) {
        return new Dump(DumpSettings.builder().build()).dumpToString(mesh);
    }
}
