package io.meshscope.decode;

import io.meshscope.core.analyze.Analysis;
import io.meshscope.core.analyze.AnalysisMessage;
import io.meshscope.core.analyze.SchemaValidationAnalyzer;
import io.meshscope.core.model.Diagnostic;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.PeerAuthentication;
import io.meshscope.core.model.PeerAuthentication.MtlsMode;
import io.meshscope.core.validate.InputValidator;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PeerAuthentication from files: decoded in both served versions, validated with Istio's {@code
 * ValidatePeerAuthentication} texts at file:line and {@code spec.portLevelMtls[PORT]}, refused by strict decoding
 * where the API server refuses it.
 */
class PeerAuthenticationReadTest {

    private static MeshInput read(String yaml) {
        return new ManifestReader().readString("pa.yaml", yaml, Optional.empty());
    }

    private static List<String> validate(String yaml) {
        return InputValidator.validate(read(yaml)).stream()
                .map(d -> d.location().line() + " " + d.field() + ": " + d.message()).toList();
    }

    @Test
    void decodesSelectorModeAndPortLevelModesInV1AndV1beta1() {
        MeshInput in = read("""
                apiVersion: security.istio.io/v1
                kind: PeerAuthentication
                metadata: {name: default, namespace: istio-system}
                spec: {mtls: {mode: STRICT}}
                ---
                apiVersion: security.istio.io/v1beta1
                kind: PeerAuthentication
                metadata: {name: web, namespace: shop}
                spec:
                  selector: {matchLabels: {app: web}}
                  mtls: {mode: PERMISSIVE}
                  portLevelMtls:
                    8080: {mode: DISABLE}
                    "9090": {}
                """);

        assertThat(in.problems()).isEmpty();
        assertThat(in.peerAuthentications()).hasSize(2);
        PeerAuthentication mesh = in.peerAuthentications().get(0);
        assertThat(mesh.mode()).isEqualTo(MtlsMode.STRICT);
        assertThat(mesh.namespaceWide()).isTrue();
        PeerAuthentication web = in.peerAuthentications().get(1);
        assertThat(web.selector().labels()).isEqualTo(Map.of("app", "web"));
        assertThat(web.mode()).isEqualTo(MtlsMode.PERMISSIVE);
        assertThat(web.portLevelMtls()).isEqualTo(Map.of(8080L, MtlsMode.DISABLE, 9090L, MtlsMode.UNSET));
        assertThat(in.skippedKinds()).isEmpty();
    }

    @Test
    void anUnknownModeAndANonNumericPortAreDecodingErrorsAtTheirLines() {
        MeshInput in = read("""
                apiVersion: security.istio.io/v1
                kind: PeerAuthentication
                metadata: {name: p, namespace: a}
                spec:
                  selector: {matchLabels: {app: web}}
                  mtls: {mode: strict}
                  portLevelMtls:
                    http: {mode: STRICT}
                """);

        assertThat(in.problems()).extracting(d -> d.location().line() + " " + d.message()).containsExactly(
                "6 unknown value \"strict\" for mode; expected one of UNSET, DISABLE, PERMISSIVE, STRICT",
                "8 portLevelMtls key \"http\" is not a port number (uint32)");
    }

    @Test
    void portLevelMtlsOnANamespaceWidePolicyIsIstiosErrorAtThePortLevelField() {
        assertThat(validate("""
                apiVersion: security.istio.io/v1
                kind: PeerAuthentication
                metadata: {name: default, namespace: a}
                spec:
                  portLevelMtls:
                    8080: {mode: STRICT}
                """)).containsExactly(
                "6 spec.portLevelMtls: mesh/namespace peer authentication cannot have port level mTLS");
    }

    @Test
    void portZeroIsOutOfRangeAtItsOwnEntry() {
        assertThat(validate("""
                apiVersion: security.istio.io/v1
                kind: PeerAuthentication
                metadata: {name: p, namespace: a}
                spec:
                  selector: {matchLabels: {app: web}}
                  portLevelMtls:
                    8080: {mode: STRICT}
                    0: {mode: STRICT}
                """)).containsExactly("8 spec.portLevelMtls[0]: port must be in range 1..65535");
    }

    @Test
    void anEmptyPortLevelMtlsIsRefusedAndAnEmptySelectorWarned() {
        assertThat(validate("""
                apiVersion: security.istio.io/v1
                kind: PeerAuthentication
                metadata: {name: p, namespace: a}
                spec:
                  selector: {}
                  portLevelMtls: {}
                """)).containsExactlyInAnyOrder(
                "5 spec.selector: workload selector specified without labels",
                "6 spec.portLevelMtls: port level mTLS, if defined, must have at least one element");
    }

    @Test
    void aWildcardSelectorLabelIsIstiosSelectorError() {
        assertThat(validate("""
                apiVersion: security.istio.io/v1
                kind: PeerAuthentication
                metadata: {name: p, namespace: a}
                spec:
                  selector: {matchLabels: {app: "web*"}}
                """)).containsExactly(
                "5 spec.selector.matchLabels: wildcard is not supported in selector: \"app=web*\"");
    }

    @Test
    void analyzeReportsIstiosValidationAsIst0106AndHonoursTheSuppressAnnotation() {
        String bad = """
                apiVersion: security.istio.io/v1
                kind: PeerAuthentication
                metadata: {name: p, namespace: a%s}
                spec:
                  selector: {matchLabels: {app: web}}
                  portLevelMtls: {0: {mode: STRICT}}
                """;
        List<AnalysisMessage> found = Analysis.run(read(bad.formatted("")), List.of(new SchemaValidationAnalyzer()));
        List<AnalysisMessage> suppressed = Analysis.run(read(bad.formatted(
                ", annotations: {galley.istio.io/analyze-suppress: IST0106}")), List.of(new SchemaValidationAnalyzer()));

        assertThat(found).extracting(m -> m.type().code() + " " + m.resource() + " " + m.field() + " "
                + m.location().line() + " " + m.message()).containsExactly("IST0106 PeerAuthentication a/p "
                + "spec.portLevelMtls[0] 6 Schema validation error: port must be in range 1..65535");
        assertThat(suppressed).isEmpty();
    }

    @Test
    void anUnservedVersionIsRefusedAndUnknownFieldsAreStrictErrors() {
        List<Diagnostic> problems = read("""
                apiVersion: security.istio.io/v1alpha1
                kind: PeerAuthentication
                metadata: {name: p, namespace: a}
                ---
                apiVersion: security.istio.io/v1
                kind: PeerAuthentication
                metadata: {name: q, namespace: a}
                spec: {mtls: {mode: STRICT, strict: true}}
                """).problems();

        assertThat(problems).extracting(Diagnostic::message).anySatisfy(m -> assertThat(m).contains("v1alpha1"))
                .anySatisfy(m -> assertThat(m).contains("strict"));
    }
}
