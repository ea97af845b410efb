package io.meshscope.decode;

import io.meshscope.core.model.Diagnostic;
import io.meshscope.core.model.MeshConfig;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.OutboundMode;
import io.meshscope.core.model.ResourceId;
import io.meshscope.core.model.Severity;
import io.meshscope.core.model.SourceLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static io.meshscope.decode.Fixtures.errors;
import static io.meshscope.decode.Fixtures.read;
import static io.meshscope.decode.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

/** The mesh config: Istio's defaults, the {@code istio} ConfigMap in the input, and {@code --mesh-config}. */
class MeshConfigTest {
    @TempDir
    Path dir;

    private static String configMap(String namespace, String meshBody) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: istio\n  namespace: " + namespace
                + "\ndata:\n  mesh: |-\n" + meshBody.indent(4);
    }

    private MeshInput readWithMeshFile(String meshFile, String... paths) throws InputException {
        return new ManifestReader().read(List.of(paths), null, Optional.of(Path.of(meshFile)));
    }

    @Test
    void withoutMeshConfigIstioDefaultsApply() throws Exception {
        MeshInput in = read(write(dir, "a.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n"));

        assertThat(in.meshConfig()).isEqualTo(MeshConfig.defaults());
    }

    @Test
    void configMapInTheRootNamespaceIsTheMeshConfig() throws Exception {
        MeshInput in = read(write(dir, "cm.yaml", configMap("istio-system", """
                outboundTrafficPolicy:
                  mode: REGISTRY_ONLY
                defaultServiceExportTo: ["."]
                defaultVirtualServiceExportTo: [".", "istio-system"]
                defaultDestinationRuleExportTo: ["*"]
                proxyListenPort: 15011
                proxyInboundListenPort: 15016
                """)));

        MeshConfig mesh = in.meshConfig();
        assertThat(mesh.rootNamespace()).isEqualTo("istio-system");
        assertThat(mesh.outboundMode()).isEqualTo(OutboundMode.REGISTRY_ONLY);
        assertThat(mesh.defaultServiceExportTo()).containsExactly(".");
        assertThat(mesh.defaultVirtualServiceExportTo()).containsExactly(".", "istio-system");
        assertThat(mesh.defaultDestinationRuleExportTo()).containsExactly("*");
        assertThat(mesh.domainSuffix()).isEqualTo("cluster.local");
        assertThat(mesh.proxyListenPort()).isEqualTo(15011);
        assertThat(mesh.proxyInboundListenPort()).isEqualTo(15016);
        assertThat(in.skippedKinds()).isEmpty();
        assertThat(in.problems()).isEmpty();
    }

    @Test
    void configMapCountsOnlyInTheNamespaceItsOwnRootNamespaceNames() throws Exception {
        String file = write(dir, "cms.yaml", configMap("elsewhere", "outboundTrafficPolicy: {mode: REGISTRY_ONLY}")
                + "---\n" + configMap("mesh-root", "rootNamespace: mesh-root\noutboundTrafficPolicy: {mode: 3}"));
        MeshInput in = read(file);

        assertThat(in.meshConfig().rootNamespace()).isEqualTo("mesh-root");
        assertThat(in.meshConfig().outboundMode()).isEqualTo(OutboundMode.ALLOW_ANY_DYNAMIC_DNS);
        assertThat(in.skippedKinds()).containsEntry("v1/ConfigMap", 1);
        assertThat(in.problems()).extracting(Diagnostic::severity, Diagnostic::resource).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Severity.INFO, new ResourceId("ConfigMap", "elsewhere", "istio")));
    }

    @Test
    void errorInsideConfigMapMeshIsLocatedInTheEnclosingFile() throws Exception {
        String file = write(dir, "cm.yaml", configMap("istio-system", "rootNamespace: istio-system\n"
                + "outboundTrafficPolicy:\n  mode: SOMETIMES\nproxyListenPort: high"));
        MeshInput in = read(file);

        assertThat(in.meshConfig().outboundMode()).isEqualTo(OutboundMode.ALLOW_ANY);
        assertThat(in.meshConfig().proxyListenPort()).isEqualTo(15001);
        assertThat(errors(in)).extracting(Diagnostic::location, Diagnostic::rule, Diagnostic::resource).containsExactly(
                org.assertj.core.groups.Tuple.tuple(new SourceLocation(file, 10, 13), "enum",
                        new ResourceId("ConfigMap", "istio-system", "istio")),
                org.assertj.core.groups.Tuple.tuple(new SourceLocation(file, 11, 22), "type",
                        new ResourceId("ConfigMap", "istio-system", "istio")));
    }

    @Test
    void syntaxErrorInsideConfigMapMeshNamesTheConfigMap() throws Exception {
        String file = write(dir, "cm.yaml", configMap("istio-system", "rootNamespace: [istio-system"));
        MeshInput in = read(file);

        assertThat(errors(in)).singleElement().satisfies(d -> {
            assertThat(d.rule()).isEqualTo("yaml-syntax");
            assertThat(d.resource()).isEqualTo(new ResourceId("ConfigMap", "istio-system", "istio"));
            assertThat(d.location().file()).isEqualTo(file);
            assertThat(d.location().line()).isEqualTo(8);
        });
    }

    @Test
    void meshConfigFileWinsOverTheConfigMap() throws Exception {
        String input = write(dir, "cm.yaml", configMap("istio-system", "outboundTrafficPolicy: {mode: REGISTRY_ONLY}"));
        String meshFile = write(dir, "mesh.yaml", "rootNamespace: custom-root\ndefaultServiceExportTo: [\".\"]\n");
        MeshInput in = readWithMeshFile(meshFile, input);

        assertThat(in.meshConfig().rootNamespace()).isEqualTo("custom-root");
        assertThat(in.meshConfig().outboundMode()).isEqualTo(OutboundMode.ALLOW_ANY);
        assertThat(in.meshConfig().defaultServiceExportTo()).containsExactly(".");
        assertThat(in.skippedKinds()).containsEntry("v1/ConfigMap", 1);
    }

    @Test
    void meshConfigFileMayBeTheConfigMapForm() throws Exception {
        String meshFile = write(dir, "mesh-cm.yaml", configMap("istio-system", "outboundTrafficPolicy:\n  mode: 0"));
        MeshInput in = readWithMeshFile(meshFile);

        assertThat(in.meshConfig().outboundMode()).isEqualTo(OutboundMode.REGISTRY_ONLY);
        assertThat(in.problems()).isEmpty();
    }

    @Test
    void meshConfigFileErrorsAreLocatedInThatFile() throws Exception {
        String meshFile = write(dir, "mesh.yaml", "rootNamespace: r\nproxyInboundListenPort: 70000\n");
        MeshInput in = readWithMeshFile(meshFile);

        assertThat(errors(in)).singleElement().satisfies(d -> {
            assertThat(d.location()).isEqualTo(new SourceLocation(meshFile, 2, 25));
            assertThat(d.field()).isEqualTo("proxyInboundListenPort");
        });
    }

    @Test
    void emptyOutboundTrafficPolicyObjectIsRegistryOnlyAndNullKeepsTheDefault() {
        ManifestReader reader = new ManifestReader();
        MeshInput empty = reader.readString("x.yaml", "", Optional.of("outboundTrafficPolicy: {}\n"));
        MeshInput nul = reader.readString("x.yaml", "", Optional.of("outboundTrafficPolicy: ~\n"));

        assertThat(empty.meshConfig().outboundMode()).isEqualTo(OutboundMode.REGISTRY_ONLY);
        assertThat(nul.meshConfig().outboundMode()).isEqualTo(OutboundMode.ALLOW_ANY);
    }

    @Test
    void readStringMeshConfigUsesItsOwnName() {
        MeshInput in = new ManifestReader().readString("x.yaml", "", Optional.of("rootNamespace: [x"));

        assertThat(errors(in)).singleElement()
                .satisfies(d -> assertThat(d.location().file()).isEqualTo("<mesh-config>"));
    }
}
