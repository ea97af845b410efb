package io.meshscope.decode;

import io.meshscope.core.model.Diagnostic;
import io.meshscope.core.model.MeshConfig;
import io.meshscope.core.model.ResourceId;

import java.util.List;

/**
 * Reads MeshConfig YAML: a {@code --mesh-config} file (a bare MeshConfig or the {@code istio} ConfigMap), or the
 * YAML string in a ConfigMap's {@code data.mesh}, whose positions are traced back into the enclosing file when
 * it is a block literal ({@code mesh: |}).
 */
final class MeshConfigReader {
    private MeshConfigReader() {
    }

    static MeshConfig readFile(String file, String text, ReadLimits limits, Diagnostics diags) {
        List<YNode> docs = YamlDocuments.parse(text, Positions.ofFile(file), limits, diags);
        if (docs.isEmpty()) {
            return MeshConfig.defaults();
        }
        YNode doc = docs.get(0);
        if (!(doc instanceof YNode.Mapping)) {
            diags.error(null, doc.at(), "", Diagnostics.SHAPE,
                    "a mesh config must be a mapping (MeshConfig or ConfigMap istio), got " + doc.describe());
            return MeshConfig.defaults();
        }
        NodeReader root = NodeReader.root(doc, new DecodeContext(diags, null));
        if ("ConfigMap".equals(root.get("kind").string())) {
            NodeReader mesh = root.get("data").get("mesh");
            if (!mesh.isPresent()) {
                mesh.error(Diagnostics.SHAPE, "the ConfigMap has no data.mesh key holding the MeshConfig");
                return MeshConfig.defaults();
            }
            return readEmbedded(mesh, new LineIndex(text), limits);
        }
        return MeshConfigDecoder.apply(root, MeshConfig.defaults());
    }

    /** The MeshConfig in a ConfigMap's {@code data.mesh}; problems go to the reader's context. */
    static MeshConfig readEmbedded(NodeReader meshField, LineIndex fileLines, ReadLimits limits) {
        String text = meshField.string();
        if (text == null) {
            return MeshConfig.defaults();
        }
        DecodeContext ctx = meshField.context();
        YNode.Scalar scalar = (YNode.Scalar) meshField.node();
        Positions positions;
        if (scalar.style() == YNode.Style.LITERAL) {
            // A literal's text starts on the line after its "|" indicator, with the block's indentation removed.
            int indicatorLine = scalar.at().line();
            positions = Positions.embedded(scalar.at().file(), indicatorLine + 1,
                    fileLines.indentOfFirstContentLine(indicatorLine));
        } else {
            positions = Positions.fixedAt(scalar.at());
        }
        Diagnostics own = new Diagnostics();
        List<YNode> docs = YamlDocuments.parse(text, positions, limits, own);
        // Syntax problems inside data.mesh are about the ConfigMap: name it.
        ResourceId resource = ctx.resource();
        own.all().forEach(d -> ctx.diags().add(new Diagnostic(d.severity(),
                d.resource() == null ? resource : d.resource(), d.location(),
                d.field().isEmpty() ? meshField.path() : d.field(), d.rule(), d.message())));
        if (docs.isEmpty()) {
            return MeshConfig.defaults();
        }
        YNode doc = docs.get(0);
        if (!(doc instanceof YNode.Mapping)) {
            meshField.error(Diagnostics.SHAPE, "data.mesh must hold a MeshConfig mapping, got " + doc.describe());
            return MeshConfig.defaults();
        }
        return MeshConfigDecoder.apply(NodeReader.root(doc, ctx), MeshConfig.defaults());
    }
}
