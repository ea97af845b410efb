package io.meshscope.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

class SchemasTest {
    private static String text(String name) throws IOException {
        try (InputStream in = Schemas.class.getResourceAsStream(name)) {
            assertNotNull(in, name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"kubernetes-schema.yaml", "istio-crd-schemas.yaml"})
    void eachSchemaResourceIsInTheBlockStyleTheBlockReaderReads(String name) throws IOException {
        // null would mean a general YAML parser is needed: the file gained a flow mapping, an escape, a tag...
        List<YNode> documents = BlockYamlReader.read(text(name), Positions.ofFile(name), ReadLimits.defaults());
        assertNotNull(documents, name + " must stay in the block style BlockYamlReader reads");
        assertEquals(1, documents.size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"kubernetes-schema.yaml", "istio-crd-schemas.yaml"})
    void eachSchemaResourceReadsAsSnakeYamlReadsIt(String name) throws IOException {
        Object reference = new Load(LoadSettings.builder().build()).loadFromString(text(name));
        assertEquals(reference, Schemas.resource(name));
    }

    @Test
    void scalarsTakeTheTypesSnakeYamlGivesThem() {
        String text = "a: 1\nb: true\nc: x\nd: null\ne: 1.5\nf: \"2\"\ng: 4000000000\n";
        List<YNode> doc = BlockYamlReader.read(text, Positions.ofFile("t.yaml"), ReadLimits.defaults());
        assertEquals(new Load(LoadSettings.builder().build()).loadFromString(text), Schemas.plain(doc.get(0)));
        assertEquals(java.util.Arrays.asList(1, true, "x", null, 1.5, "2", 4_000_000_000L),
                new java.util.ArrayList<>(((java.util.Map<?, ?>) Schemas.plain(doc.get(0))).values()));
    }

    @Test
    void istioAndKubernetesKindsAreKnownFromTheResources() {
        assertInstanceOf(Schemas.Checked.class, Schemas.get().lookup("networking.istio.io/v1", "Sidecar"));
        assertInstanceOf(Schemas.Checked.class, Schemas.get().lookup("apps/v1", "Deployment"));
        Schemas.Lookup v99 = Schemas.get().lookup("networking.istio.io/v99", "Sidecar");
        assertInstanceOf(Schemas.NoMatch.class, v99);
        assertTrue(((Schemas.NoMatch) v99).versions().contains("v1beta1"));
    }
}
