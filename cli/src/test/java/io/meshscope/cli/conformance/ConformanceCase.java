package io.meshscope.cli.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** One conformance case file: its kind, resources, optional mesh overrides, query, change and expectations. */
record ConformanceCase(Path file, String name, String kind, String resources, Map<String, Object> mesh,
                       Map<String, Object> query, Map<String, Object> change, Map<String, Object> expect) {

    @SuppressWarnings("unchecked")
    static ConformanceCase load(Path file) throws IOException {
        Map<String, Object> m = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(file));
        return new ConformanceCase(file, (String) m.get("name"), (String) m.get("kind"), (String) m.get("resources"),
                (Map<String, Object>) m.get("mesh"), (Map<String, Object>) m.getOrDefault("query", Map.of()),
                (Map<String, Object>) m.get("change"), (Map<String, Object>) m.getOrDefault("expect", Map.of()));
    }

    @Override
    public String toString() {
        return kind + "/" + name;
    }
}
