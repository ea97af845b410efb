package io.meshscope.decode;

import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.resolver.CoreScalarResolver;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The block reader must read exactly what SnakeYAML reads (nodes, key order, types, styles, positions) or give
 * up: checked on every YAML file of the repository (manifests, conformance cases, the bad-input corpus), on
 * generated block-style texts (which it must all accept) and on mutations of them (which it may refuse).
 */
class BlockYamlReaderTest {
    private static final ReadLimits LIMITS = ReadLimits.defaults();

    @Test
    void readsEveryRepositoryYamlFileAsSnakeYamlDoesOrGivesUp() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<Path> files = new ArrayList<>();
        for (String dir : List.of("examples", "deploy", "testdata", "cli/src/test/resources", "decode/src/test/resources",
                "../shared/conformance")) {
            Path base = root.resolve(dir);
            if (Files.isDirectory(base)) {
                try (Stream<Path> walk = Files.walk(base)) {
                    walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                            .filter(Files::isRegularFile).forEach(files::add);
                }
            }
        }
        int accepted = 0;
        for (Path file : files) {
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            if (sameAsSnakeYaml(text, file.toString())) {
                accepted++;
            }
        }
        assertTrue(files.size() > 1000, "the repository's YAML files were found: " + files.size());
        // Most of the corpus is valid block YAML; the rest (syntax errors, tags, aliases, encodings) goes to SnakeYAML.
        assertTrue(accepted > files.size() / 2, accepted + " of " + files.size() + " read by the block reader");
    }

    @Test
    void readsTheBundledExamplesItself() throws IOException {
        try (Stream<Path> walk = Files.walk(Path.of("../examples/ecommerce"))) {
            for (Path file : walk.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                String text = Files.readString(file);
                assertTrue(sameAsSnakeYaml(text, file.toString()), file + " was left to SnakeYAML");
            }
        }
    }

    @Test
    void readsGeneratedBlockYamlExactlyAsSnakeYamlDoes() {
        Random random = new Random(7);
        for (int i = 0; i < 3000; i++) {
            String text = new BlockYamlGenerator(random).stream();
            assertTrue(sameAsSnakeYaml(text, "generated-" + i + ".yaml"), "not read by the block reader:\n" + text);
        }
    }

    @Test
    void givesUpOrAgreesOnMutatedTexts() {
        Random random = new Random(11);
        int accepted = 0;
        for (int i = 0; i < 6000; i++) {
            String text = new BlockYamlGenerator(random).stream();
            for (int changes = 1 + random.nextInt(3); changes > 0; changes--) {
                text = BlockYamlGenerator.mutate(text, random);
            }
            if (sameAsSnakeYaml(text, "mutated-" + i + ".yaml")) {
                accepted++;
            }
        }
        assertTrue(accepted > 600 && accepted < 5400, accepted + " of 6000 mutated texts read by the block reader");
    }

    @Test
    void readsCommonManifestShapes() {
        String text = """
                # a comment before the document
                ---
                apiVersion: v1   # trailing comment
                kind: Service
                metadata:
                  name: web
                  annotations:
                    "prometheus.io/scrape": "true"
                    'quoted': 'it''s'
                    empty:
                spec:
                  ports:
                  - port: 80
                    targetPort: 8080
                  -   name: grpc
                      port: 9090
                  selector: {}
                  hosts: ["a.b", 'c', d, 1.5, -1]
                  none: []
                  nested:
                    - - x
                      - y
                    -
                    - null
                data:
                  mesh: |-
                    rootNamespace: istio-system

                    defaultConfig:
                      holdApplicationUntilProxyStarts: true
                  script: |
                    echo "#not a comment"
                ---
                ---
                - just: a sequence
                """;
        List<YNode> docs = BlockYamlReader.read(text, Positions.ofFile("t.yaml"), LIMITS);
        assertNotNull(docs);
        assertEquals(2, docs.size());
        assertTrue(sameAsSnakeYaml(text, "t.yaml"));
    }

    @Test
    void leavesEverythingOutsideTheSubsetToSnakeYaml() {
        for (String text : List.of(
                "a: &x 1\nb: *x\n", // anchors and aliases
                "a: !!int 1\n", // tags
                "a: >\n  folded\n", // folded scalars
                "a: |+\n  kept\n\n", // keep chomping
                "a: |2\n   explicit\n", // explicit indentation
                "a: multi\n  line\n", // multi-line plain scalar
                "a: \"esc\\\"aped\"\n", // escapes
                "a: \"two\n  lines\"\n", // multi-line quoted scalar
                "a: 1\na: 2\n", // duplicate keys (SnakeYAML's path reports them)
                "a:\n\tb: 1\n", // a tab in indentation
                "a: 1\r\nb: 2\r\n", // CR line ends
                "\uFEFFa: 1\n", // a byte order mark
                "? complex\n: key\n", // explicit keys
                "a: {b: 1}\n", // a non-empty flow mapping
                "a: [b, [c]]\n", // nested flow
                "a: b: c\n", // a syntax error
                "%YAML 1.2\n---\na: 1\n", // a directive
                "a: 1\n...\n", // a document end marker
                "--- a: 1\n", // content on the marker line
                "just a scalar\n", // a scalar document
                "<<: {a: 1}\n", // a merge key
                "a: |\n  last line without a line feed",
                // characters SnakeYAML reads differently, each late in the text (every line is checked as it is found)
                "a: 1\nb: 2\r\n", "a: 1\nb: \u0085\n", "a: 1\nb: x\u0001y\n", "a: 1\nb: \u007F\n",
                "a: 1\nb: \u2028\n", "a: 1\nb: \uFEFF\n", "a: 1\nb: \uD83D\uDE00\n", "a: 1\n# \u0002\n",
                "a: |\n  x\n  \u0003\n", "a: 1\nb: 2\n\u0000")) {
            assertNull(BlockYamlReader.read(text, Positions.ofFile("t.yaml"), LIMITS), text);
        }
    }

    @Test
    void givesUpBeyondTheReadLimits() {
        String deep = "a:\n" + "  ".repeat(1) + "b:\n" + "    c: 1\n";
        assertNotNull(BlockYamlReader.read(deep, Positions.ofFile("t.yaml"), LIMITS));
        assertNull(BlockYamlReader.read(deep, Positions.ofFile("t.yaml"), new ReadLimits(1 << 20, 3, 10, 10, 100)));
        assertNull(BlockYamlReader.read(deep, Positions.ofFile("t.yaml"), new ReadLimits(1 << 20, 10, 10, 10, 4)));
        assertNull(BlockYamlReader.read(deep, Positions.ofFile("t.yaml"), new ReadLimits(8, 10, 10, 10, 100)));
    }

    @Test
    void resolvesAPlainScalarWithoutARegexOnlyWhereTheLibraryHasNoResolverForIt() {
        Set<Character> keyed = new CoreScalarResolver(false) {
            Set<Character> firstCharacters() {
                return yamlImplicitResolvers.keySet().stream().filter(Objects::nonNull).collect(Collectors.toSet());
            }
        }.firstCharacters();
        for (char c : keyed) {
            assertTrue(BlockYamlReader.RESOLVED_FIRST_CHARACTERS.indexOf(c) >= 0, "a resolver for '" + c + "'");
        }
        ScalarResolver library = new CoreSchema().getScalarResolver();
        for (char c = '!'; c < 0x7F; c++) {
            for (String rest : List.of("", "x", "ull", "ULL", "uLL", "rue", "RUE", "rUE", "alse", "ALSE", "aLSE", "an", "nf", "0", "1", ".5", "e3", "{X}", ".1.2", "1.2.3", "0.0.0")) {
                String value = c + rest;
                assertEquals(NodeConverter.type(library.resolve(value, true)), BlockYamlReader.plainType(value), value);
            }
        }
    }

    /**
     * Reads {@code text} both ways; true when the block reader accepted it, in which case SnakeYAML must have read the
     * same nodes and reported nothing.
     */
    private static boolean sameAsSnakeYaml(String text, String name) {
        BlockYamlReader.Read read = BlockYamlReader.readKeys(text, Positions.ofFile(name), LIMITS);
        if (read == null) {
            return false;
        }
        List<YNode> fast = read.documents();
        Diagnostics diags = new Diagnostics();
        List<YNode> slow = YamlDocuments.parseComposed(text, Positions.ofFile(name), LIMITS, diags);
        assertEquals(List.of(), diags.all(), () -> "the block reader accepted a text SnakeYAML reports on:\n" + text);
        assertEquals(dump(slow), dump(fast), () -> "read differently:\n" + text);
        assertEquals(slow.stream().anyMatch(BlockYamlReaderTest::hasDollarKey), read.dollarKey(),
                () -> "a key starting with '$' misreported:\n" + text);
        return true;
    }

    private static boolean hasDollarKey(YNode node) {
        if (node instanceof YNode.Mapping m) {
            return m.entries().entrySet().stream()
                    .anyMatch(e -> e.getKey().startsWith("$") || hasDollarKey(e.getValue().value()));
        }
        return node instanceof YNode.Seq seq && seq.items().stream().anyMatch(BlockYamlReaderTest::hasDollarKey);
    }

    @Test
    void tellsWhetherAKeyStartsWithADollarSignAsKustomizeDirectivesDo() {
        assertTrue(BlockYamlReader.readKeys("kind: Deployment\nspec:\n  template:\n    $patch: delete\n",
                Positions.ofFile("patch.yaml"), LIMITS).dollarKey());
        assertTrue(BlockYamlReader.readKeys("spec:\n  - '$retainKeys': [a]\n", Positions.ofFile("patch.yaml"),
                LIMITS).dollarKey());
        assertFalse(BlockYamlReader.readKeys("kind: ConfigMap\ndata:\n  price: $5\n  cmd: \"echo $HOME\"\n",
                Positions.ofFile("cm.yaml"), LIMITS).dollarKey());
    }

    /** Every node with its position, type and style, keys in order: record equality ignores mapping order. */
    static String dump(List<YNode> docs) {
        StringBuilder out = new StringBuilder();
        for (YNode doc : docs) {
            dump(doc, "", out);
            out.append("---\n");
        }
        return out.toString();
    }

    private static void dump(YNode node, String indent, StringBuilder out) {
        String at = node.at().line() + ":" + node.at().column();
        if (node instanceof YNode.Scalar s) {
            out.append(indent).append(at).append(' ').append(s.type()).append(' ').append(s.style()).append(' ')
                    .append(s.tagged() ? "tagged " : "").append('"').append(s.text().replace("\n", "\\n")).append("\"\n");
        } else if (node instanceof YNode.Seq seq) {
            out.append(indent).append(at).append(" seq\n");
            seq.items().forEach(item -> dump(item, indent + "  ", out));
        } else {
            YNode.Mapping map = (YNode.Mapping) node;
            out.append(indent).append(at).append(" map\n");
            for (Map.Entry<String, YNode.Entry> e : map.entries().entrySet()) {
                out.append(indent).append("  key ").append(e.getValue().keyAt().line()).append(':')
                        .append(e.getValue().keyAt().column()).append(" \"").append(e.getKey()).append("\"\n");
                dump(e.getValue().value(), indent + "    ", out);
            }
        }
    }
}
