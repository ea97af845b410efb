package io.meshscope.decode;

import io.meshscope.core.model.Diagnostic;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.ResourceId;
import io.meshscope.core.model.Severity;
import io.meshscope.core.model.Sidecar;
import io.meshscope.core.model.SourceLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static io.meshscope.decode.Fixtures.errors;
import static io.meshscope.decode.Fixtures.namespaceNames;
import static io.meshscope.decode.Fixtures.read;
import static io.meshscope.decode.Fixtures.warnings;
import static io.meshscope.decode.Fixtures.write;
import static io.meshscope.decode.Fixtures.writeBytes;
import static org.assertj.core.api.Assertions.assertThat;

/** Bad content is reported with file:line:column and never stops the rest of the input from being read. */
class RobustnessTest {
    @TempDir
    Path dir;

    private static final String NS_A = "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n";
    private static final String NS_C = "apiVersion: v1\nkind: Namespace\nmetadata: {name: c}\n";

    @Test
    void wrongPortTypeIsReportedWithFileLineAndField() throws Exception {
        String file = write(dir, "s.yaml", """
                apiVersion: networking.istio.io/v1
                kind: Sidecar
                metadata:
                  name: s
                  namespace: ns
                spec:
                  egress:
                  - port:
                      number: eighty
                      protocol: HTTP
                    hosts: ["./*"]
                """);
        MeshInput in = read(file);

        assertThat(errors(in)).singleElement().satisfies(d -> {
            assertThat(d.location()).isEqualTo(new SourceLocation(file, 9, 15));
            assertThat(d.resource()).isEqualTo(new ResourceId("Sidecar", "ns", "s"));
            assertThat(d.field()).isEqualTo("spec.egress[0].port.number");
            assertThat(d.rule()).isEqualTo("type");
            assertThat(d.message()).isEqualTo("expected an integer, got \"eighty\"");
            assertThat(d.render()).isEqualTo(file + ":9:15: Sidecar ns/s: spec.egress[0].port.number: "
                    + "expected an integer, got \"eighty\"");
        });
        // The rest of the object is still read.
        Sidecar sidecar = in.sidecars().get(0);
        assertThat(sidecar.egress().get(0).port().number()).isNull();
        assertThat(sidecar.egress().get(0).port().protocol()).isEqualTo("HTTP");
        assertThat(sidecar.egress().get(0).hosts()).containsExactly("./*");
    }

    @Test
    void syntaxErrorDropsOnlyItsDocumentAndIsLocated() throws Exception {
        String file = write(dir, "ns.yaml", NS_A + "---\n"
                + "apiVersion: v1\nkind: Namespace\nmetadata: {name: [b\n"
                + "---\n" + NS_C);
        MeshInput in = read(file);

        assertThat(namespaceNames(in)).containsExactly("a", "c");
        assertThat(errors(in)).singleElement().satisfies(d -> {
            assertThat(d.rule()).isEqualTo("yaml-syntax");
            assertThat(d.location()).isEqualTo(new SourceLocation(file, 8, 1));
            assertThat(d.message()).startsWith("expected ',' or ']', but got <document start>")
                    .contains("flow sequence that starts at " + file + ":7:18");
        });
    }

    @Test
    void syntaxErrorInLastDocumentKeepsTheDocumentsBeforeIt() throws Exception {
        String file = write(dir, "ns.yaml", NS_A + "---\napiVersion: v1\nkind: Namespace\nmetadata:\n\tname: b\n");
        MeshInput in = read(file);

        assertThat(namespaceNames(in)).containsExactly("a");
        assertThat(errors(in)).singleElement().satisfies(d -> {
            assertThat(d.rule()).isEqualTo("yaml-syntax");
            assertThat(d.location()).isEqualTo(new SourceLocation(file, 8, 1));
        });
    }

    @Test
    void jsonSyntaxErrorIsLocated() throws Exception {
        String file = write(dir, "bad.json", "{\"apiVersion\": \"v1\",\n \"kind\": \"Namespace\"\n \"metadata\": {}}\n");
        MeshInput in = read(file);

        assertThat(errors(in)).singleElement().satisfies(d -> {
            assertThat(d.rule()).isEqualTo("yaml-syntax");
            assertThat(d.location()).isEqualTo(new SourceLocation(file, 3, 2));
        });
    }

    @Test
    void scalarAndSequenceDocumentsAreShapeErrors() throws Exception {
        String file = write(dir, "odd.yaml", "just text\n---\n- a\n- b\n---\n" + NS_A);
        MeshInput in = read(file);

        assertThat(namespaceNames(in)).containsExactly("a");
        assertThat(errors(in)).extracting(Diagnostic::location, Diagnostic::rule, Diagnostic::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple(new SourceLocation(file, 1, 1), "shape",
                        "a document must be a mapping (a Kubernetes object), got a scalar (\"just text\")"),
                org.assertj.core.groups.Tuple.tuple(new SourceLocation(file, 3, 1), "shape",
                        "a document must be a mapping (a Kubernetes object), got a sequence"));
    }

    @Test
    void missingKindApiVersionAndNameAreReported() throws Exception {
        String file = write(dir, "missing.yaml", """
                apiVersion: v1
                metadata: {name: x}
                ---
                kind: Namespace
                metadata: {name: y}
                ---
                apiVersion: networking.istio.io/v1
                kind: Sidecar
                metadata:
                  namespace: ns
                """ + "---\n" + NS_A);
        MeshInput in = read(file);

        assertThat(namespaceNames(in)).containsExactly("a");
        assertThat(in.sidecars()).isEmpty();
        assertThat(errors(in)).extracting(Diagnostic::location, Diagnostic::field, Diagnostic::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple(new SourceLocation(file, 1, 1), "kind",
                        "missing required field \"kind\""),
                org.assertj.core.groups.Tuple.tuple(new SourceLocation(file, 4, 1), "apiVersion",
                        "missing required field \"apiVersion\""),
                org.assertj.core.groups.Tuple.tuple(new SourceLocation(file, 10, 3), "metadata.name",
                        "missing required field \"metadata.name\" in Sidecar"));
    }

    @Test
    void duplicateObjectWarnsWithBothLocationsAndTheLaterWins() throws Exception {
        String sidecar = "apiVersion: networking.istio.io/v1\nkind: Sidecar\nmetadata: {name: s, namespace: ns}\n"
                + "spec: {egress: [{hosts: [\"%s\"]}]}\n";
        String first = write(dir, "a.yaml", sidecar.formatted("./first"));
        String second = write(dir, "b.yaml", "# later\n" + sidecar.formatted("./second"));
        MeshInput in = read(first, second);

        assertThat(in.sidecars()).singleElement()
                .satisfies(s -> assertThat(s.egress().get(0).hosts()).containsExactly("./second"));
        assertThat(warnings(in)).singleElement().satisfies(d -> {
            assertThat(d.rule()).isEqualTo("duplicate");
            assertThat(d.resource()).isEqualTo(new ResourceId("Sidecar", "ns", "s"));
            assertThat(d.location()).isEqualTo(new SourceLocation(second, 4, 1));
            assertThat(d.message()).isEqualTo("defined more than once: first at " + first + ":3:1, again at "
                    + second + ":4:1; the later one wins");
        });
        assertThat(in.hasErrors()).isFalse();
    }

    @Test
    void emptyAndCommentOnlyFilesAreFine() throws Exception {
        String empty = write(dir, "empty.yaml", "");
        String comments = write(dir, "comments.yaml", "# nothing here\n---\n# nor here\n...\n");
        String blank = write(dir, "blank.yml", "\n\n   \n");
        MeshInput in = read(empty, comments, blank);

        assertThat(in.problems()).isEmpty();
        assertThat(in.documents()).isZero();
        assertThat(in.objectCount()).isZero();
    }

    @Test
    void binaryFileIsOneErrorAndOtherFilesAreRead() throws Exception {
        String binary = writeBytes(dir, "a.yaml", new byte[] {'k', 'i', 'n', 'd', '\n', 'x', 0, 1, 2, (byte) 0xff});
        String good = write(dir, "b.yaml", NS_A);
        MeshInput in = read(binary, good);

        assertThat(namespaceNames(in)).containsExactly("a");
        assertThat(errors(in)).singleElement().satisfies(d -> {
            assertThat(d.rule()).isEqualTo("encoding");
            assertThat(d.location()).isEqualTo(new SourceLocation(binary, 2, 2));
            assertThat(d.message()).contains("NUL byte at offset 6");
        });
    }

    @Test
    void invalidUtf8IsOneErrorForTheFile() throws Exception {
        String file = writeBytes(dir, "latin1.yaml", "a: 1\nb: caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        MeshInput in = read(file);

        assertThat(errors(in)).singleElement().satisfies(d -> {
            assertThat(d.rule()).isEqualTo("encoding");
            assertThat(d.location()).isEqualTo(new SourceLocation(file, 2, 7));
            assertThat(d.message()).isEqualTo("not valid UTF-8: byte 0xE9 at offset 11 (binary content?)");
        });
    }

    @Test
    void controlCharacterIsOneLocatedError() throws Exception {
        String file = write(dir, "ctl.yaml", NS_A + "---\nkind: \u0007bell\n");
        MeshInput in = read(file);

        assertThat(errors(in)).singleElement().satisfies(d -> {
            assertThat(d.rule()).isEqualTo("encoding");
            assertThat(d.location()).isEqualTo(new SourceLocation(file, 5, 7));
            assertThat(d.message()).contains("U+0007");
        });
    }

    @Test
    void deepNestingIsALimitErrorAndLaterDocumentsAreRead() throws Exception {
        String deep = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: deep\n  labels: "
                + "[".repeat(5000) + "]".repeat(5000) + "\n";
        String file = write(dir, "deep.yaml", deep + "---\n" + NS_A);
        MeshInput in = read(file);

        assertThat(namespaceNames(in)).containsExactly("a");
        assertThat(errors(in)).singleElement().satisfies(d -> {
            assertThat(d.rule()).isEqualTo("limit");
            // root mapping, metadata and 98 brackets make 100 levels; the 99th bracket is one too many.
            assertThat(d.location()).isEqualTo(new SourceLocation(file, 5, 10 + 99));
            assertThat(d.message()).isEqualTo("nesting is deeper than 100 levels");
        });
    }

    /** The size-limit error names the limit and how to raise it (issue 13, item 10). */
    private static final String TOO_LARGE = "file is larger than the limit of 1000 bytes; not read (raise the limit"
            + " with the JVM system property meshscope.maxFileBytes, e.g. MESHSCOPE_JAVA_OPTS=\"-Dmeshscope.maxFileBytes=2000\")";

    @Test
    void oversizedFileIsAnErrorAtItsFirstLineNamingTheLimitAndHowToRaiseIt() throws Exception {
        ReadLimits small = new ReadLimits(1000, 100, 50, 100_000);
        String big = write(dir, "big.yaml", NS_A + "# " + "x".repeat(2000) + "\n");
        String good = write(dir, "good.yaml", NS_C);
        MeshInput in = new ManifestReader(small).read(List.of(big, good),
                new ByteArrayInputStream("x".repeat(1001).getBytes()), Optional.empty());

        assertThat(namespaceNames(in)).containsExactly("c");
        assertThat(errors(in)).singleElement().satisfies(d -> {
            assertThat(d.rule()).isEqualTo("limit");
            assertThat(d.location()).isEqualTo(new SourceLocation(big, 1, 1));
            assertThat(d.message()).isEqualTo(TOO_LARGE);
        });
        MeshInput fromStdin = new ManifestReader(small).read(List.of("-"),
                new ByteArrayInputStream("x".repeat(1001).getBytes()), Optional.empty());
        assertThat(errors(fromStdin)).singleElement()
                .satisfies(d -> assertThat(d.location().file()).isEqualTo("<stdin>"));
    }

    @Test
    void largeValidInputIsReadCompletely() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            sb.append("---\napiVersion: v1\nkind: Service\nmetadata: {name: s").append(i)
                    .append(", namespace: ns}\nspec:\n  ports:\n  - {name: http, port: 80}\n");
        }
        MeshInput in = read(write(dir, "many.yaml", sb.toString()));

        assertThat(in.problems()).isEmpty();
        assertThat(in.services()).hasSize(5000);
    }

    @Test
    void duplicateKeyIsAnErrorAndTheLaterValueIsUsed() throws Exception {
        String file = write(dir, "dup.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n  name: b\n");
        MeshInput in = read(file);

        assertThat(namespaceNames(in)).containsExactly("b");
        assertThat(errors(in)).singleElement().satisfies(d -> {
            assertThat(d.rule()).isEqualTo("duplicate-key");
            assertThat(d.location()).isEqualTo(new SourceLocation(file, 5, 3));
            assertThat(d.field()).isEqualTo("metadata.name");
            assertThat(d.message()).isEqualTo("duplicate key \"name\" (first at " + file
                    + ":4:3); the later value is used");
        });
    }

    @Test
    void billionLaughsIsStoppedByTheAliasLimit() throws Exception {
        StringBuilder sb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'i'; c++) {
            sb.append(c).append(": &").append(c).append(" [").append(("*" + prev + ",").repeat(8)).append('*')
                    .append(prev).append("]\n");
            prev = c;
        }
        String file = write(dir, "lol.yaml", sb + "---\n" + NS_A);
        MeshInput in = read(file);

        assertThat(namespaceNames(in)).containsExactly("a");
        assertThat(errors(in)).singleElement().satisfies(d -> {
            assertThat(d.rule()).isEqualTo("limit");
            assertThat(d.message()).contains("aliases");
            assertThat(d.location().file()).isEqualTo(file);
            assertThat(d.location().line()).isBetween(1, 9);
        });
    }

    @Test
    void aliasExpansionBeyondTheNodeBudgetSkipsTheDocument() throws Exception {
        // 50 aliases (within SnakeYAML's count) that still expand to a million nodes.
        StringBuilder sb = new StringBuilder("a: &a [1,2,3,4,5,6,7,8,9,10]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'f'; c++) {
            sb.append(c).append(": &").append(c).append(" [").append(("*" + prev + ",").repeat(9)).append('*')
                    .append(prev).append("]\n");
            prev = c;
        }
        String file = write(dir, "bomb.yaml", sb + "---\n" + NS_A);
        MeshInput in = read(file);

        assertThat(namespaceNames(in)).containsExactly("a");
        assertThat(errors(in)).singleElement().satisfies(d -> {
            assertThat(d.rule()).isEqualTo("limit");
            assertThat(d.message()).isEqualTo("aliases expand to more than 100000 nodes; the document is skipped");
        });
    }

    @Test
    void recursiveAliasIsReportedNotFollowed() throws Exception {
        String file = write(dir, "rec.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: &m {name: r, self: *m}\n"
                + "---\n" + NS_A);
        MeshInput in = read(file);

        assertThat(namespaceNames(in)).containsExactly("a");
        assertThat(errors(in)).singleElement().satisfies(d -> {
            assertThat(d.rule()).isEqualTo("limit");
            assertThat(d.field()).isEqualTo("metadata.self");
            assertThat(d.message()).startsWith("recursive alias");
        });
    }

    @Test
    void unknownEnumValueIsReportedAndTheDefaultUsed() throws Exception {
        String file = write(dir, "enum.yaml", """
                apiVersion: networking.istio.io/v1
                kind: Sidecar
                metadata: {name: s, namespace: ns}
                spec:
                  egress:
                  - hosts: ["./*"]
                    captureMode: SOMETIMES
                """);
        MeshInput in = read(file);

        assertThat(in.sidecars().get(0).egress().get(0).captureMode())
                .isEqualTo(io.meshscope.core.model.CaptureMode.DEFAULT);
        assertThat(errors(in)).singleElement().satisfies(d -> {
            assertThat(d.rule()).isEqualTo("enum");
            assertThat(d.location()).isEqualTo(new SourceLocation(file, 7, 18));
            assertThat(d.field()).isEqualTo("spec.egress[0].captureMode");
            assertThat(d.message())
                    .isEqualTo("unknown value \"SOMETIMES\" for captureMode; expected one of DEFAULT, IPTABLES, NONE");
        });
    }

    @Test
    void wrongTypesInManyPlacesAreAllReportedOnce() throws Exception {
        String file = write(dir, "types.yaml", """
                apiVersion: networking.istio.io/v1
                kind: Sidecar
                metadata:
                  name: s
                  namespace: ns
                  labels: [a, b]
                spec:
                  workloadSelector: yes-please
                  egress:
                  - hosts: {a: b}
                  ingress: oops
                """);
        MeshInput in = read(file);

        assertThat(in.sidecars()).hasSize(1);
        assertThat(errors(in)).extracting(Diagnostic::field, Diagnostic::message).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("metadata.labels", "expected a mapping, got a sequence"),
                org.assertj.core.groups.Tuple.tuple("spec.workloadSelector", "expected a mapping, got \"yes-please\""),
                org.assertj.core.groups.Tuple.tuple("spec.ingress", "expected a sequence, got \"oops\""),
                org.assertj.core.groups.Tuple.tuple("spec.egress[0].hosts", "expected a sequence, got a mapping"));
        assertThat(in.problems()).allMatch(d -> d.severity() != Severity.ERROR || d.resource() != null);
    }

    @Test
    void aDocumentWithMoreNodesThanTheLimitIsALocatedErrorAndTheNextDocumentIsRead() throws Exception {
        ReadLimits small = new ReadLimits(64 * 1024 * 1024, 100, 50, 100_000, 1000);
        String file = write(dir, "flow.yaml", "[" + "1,".repeat(5000) + "1]\n---\n" + NS_C);

        MeshInput in = new ManifestReader(small).read(List.of(file), InputStream.nullInputStream(), Optional.empty());

        assertThat(namespaceNames(in)).containsExactly("c");
        assertThat(errors(in)).singleElement().satisfies(d -> {
            assertThat(d.rule()).isEqualTo("limit");
            assertThat(d.location()).isEqualTo(new SourceLocation(file, 1, 2 + 2 * 999));
            assertThat(d.message()).isEqualTo("document has more than 1000 nodes (scalars, sequences and mappings)");
        });
    }

    @Test
    void aDeviceIsReadOnlyUpToTheSizeLimit() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(java.nio.file.Path.of("/dev/zero")));
        ReadLimits small = new ReadLimits(1000, 100, 50, 100_000);

        MeshInput in = new ManifestReader(small).read(List.of("/dev/zero"), InputStream.nullInputStream(),
                Optional.empty());

        assertThat(errors(in)).singleElement().satisfies(d -> {
            assertThat(d.location()).isEqualTo(new SourceLocation("/dev/zero", 1, 1));
            assertThat(d.message()).isEqualTo(TOO_LARGE);
        });
    }

    @Test
    void yamlIsReadThroughAWindowOfUpToOneMebiCodePointsSoALongTokenIsNotQuadratic() {
        assertThat(YamlDocuments.settings(ReadLimits.defaults(), 50_000_000).getBufferSize()).isEqualTo(1 << 20);
        assertThat(YamlDocuments.settings(ReadLimits.defaults(), 10).getBufferSize()).isEqualTo(1024);
    }

    @Test
    void aScalarLongerThanTheReadWindowIsReadWhole() throws Exception {
        String value = "a".repeat((1 << 20) - 1) + "\uD83D\uDE00" + "b".repeat(1 << 20);
        String file = write(dir, "long.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n"
                + "  annotations: {note: " + value + "}\n");

        MeshInput in = read(file);

        // Read whole, and then refused as the API server refuses annotations over 256 KiB.
        assertThat(in.problems()).extracting(Diagnostic::message)
                .containsExactly("Too long: may not be more than 262144 bytes");
        assertThat(in.namespaces().get(0).meta().annotations()).containsEntry("note", value);
    }
}
