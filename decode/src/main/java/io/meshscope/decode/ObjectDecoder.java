package io.meshscope.decode;

import io.meshscope.core.model.MeshConfig;
import io.meshscope.core.model.NotGenerated;
import io.meshscope.core.model.ObjectMeta;

/**
 * Turns the documents of one file into model objects: checks the object shape (mapping, kind, apiVersion,
 * name), unwraps {@code kind: List}, picks out the mesh ConfigMap, and dispatches the rest by kind. A
 * document that cannot be decoded is reported and skipped; it never stops the others.
 */
final class ObjectDecoder {
    /** {@code kind: List} may nest; the YAML depth limit bounds it too, this keeps recursion obviously finite. */
    private static final int MAX_LIST_NESTING = 8;

    private final String text;
    private final ReadLimits limits;
    /** Check what the API server would refuse ({@link StrictFields}); off for objects read back from one. */
    private final boolean strict;
    private final Diagnostics diags;
    private final ObjectStore store;
    /** The file's object layouts, so that objects written alike share their field maps' paths. */
    private final FieldLayouts layouts = new FieldLayouts();
    private LineIndex lines;

    ObjectDecoder(String text, ReadLimits limits, boolean strict, Diagnostics diags, ObjectStore store) {
        this.text = text;
        this.limits = limits;
        this.strict = strict;
        this.diags = diags;
        this.store = store;
    }

    void document(YNode doc) {
        if (!(doc instanceof YNode.Mapping object)) {
            diags.error(null, doc.at(), "", Diagnostics.SHAPE,
                    "a document must be a mapping (a Kubernetes object), got " + kindOf(doc));
            return;
        }
        object(object, 0);
    }

    private void object(YNode.Mapping object, int listNesting) {
        try {
            decode(object, listNesting);
        } catch (RuntimeException | StackOverflowError e) {
            // A decoder bug must not cost the other documents; report it where it happened.
            diags.error(null, object.at(), "", Diagnostics.INTERNAL, "could not decode this object: " + e);
        }
    }

    private void decode(YNode.Mapping object, int listNesting) {
        NodeReader root = NodeReader.root(object, new DecodeContext(diags, null));
        String kind = root.get("kind").string();
        if (kind == null || kind.isEmpty()) {
            missing(root, "kind");
            return;
        }
        String apiVersion = root.get("apiVersion").string();
        if (apiVersion == null || apiVersion.isEmpty()) {
            missing(root, "apiVersion");
            return;
        }
        if (kind.endsWith("List") && root.get("items").isPresent()) {
            list(root.get("items"), listNesting);
            return;
        }
        Kinds.KindSpec spec = Kinds.lookup(apiVersion, kind);
        if (strict && !StrictFields.check(object, root, apiVersion, kind, spec == null || spec.namespaced(), diags)) {
            return;
        }
        if (kind.equals("ConfigMap") && apiVersion.equals("v1")) {
            configMap(object, root);
            return;
        }
        if (spec == null) {
            NotGenerated.kindConsequence(apiVersion, kind).ifPresent(c -> notGenerated(object, kind, c));
            store.skip(apiVersion + "/" + kind);
            return;
        }
        ObjectMeta meta = MetaDecoder.decode(object, kind, spec.namespaced(), diags, layouts);
        if (meta != null) {
            store.put(spec.decoder().decode(root.withContext(root.context().withResource(meta.id())), meta));
        }
    }

    /** An object of a kind that shapes istiod's proxy config but not meshscope's: said where it is written. */
    private void notGenerated(YNode.Mapping object, String kind, String consequence) {
        ObjectMeta meta = MetaDecoder.decode(object, kind, true, diags, layouts);
        if (meta != null) {
            diags.warning(meta.id(), object.at(), "", NotGenerated.RULE, NotGenerated.kindMessage(kind, consequence));
        }
    }

    private void list(NodeReader items, int listNesting) {
        if (listNesting >= MAX_LIST_NESTING) {
            items.error(Diagnostics.LIMIT, "List objects nested more than " + MAX_LIST_NESTING + " deep");
            return;
        }
        for (NodeReader item : items.items()) {
            if (item.node() instanceof YNode.Mapping object) {
                object(object, listNesting + 1);
            } else {
                item.error(Diagnostics.SHAPE,
                        "a List item must be a mapping (a Kubernetes object), got " + kindOf(item.node()));
            }
        }
    }

    /** Only ConfigMap {@code istio} with a {@code mesh} key matters; every other ConfigMap is skipped. */
    private void configMap(YNode.Mapping object, NodeReader root) {
        NodeReader mesh = root.get("data").get("mesh");
        if (!"istio".equals(root.get("metadata").get("name").string()) || !mesh.isPresent()) {
            store.skip("v1/ConfigMap");
            return;
        }
        Diagnostics own = new Diagnostics();
        ObjectMeta meta = MetaDecoder.decode(object, "ConfigMap", true, own, layouts);
        if (meta == null) {
            diags.addAll(own);
            return;
        }
        if (lines == null) {
            lines = new LineIndex(text);
        }
        NodeReader meshField = mesh.withContext(new DecodeContext(own, meta.id()));
        MeshConfig config = MeshConfigReader.readEmbedded(meshField, lines, limits);
        store.put(new MeshConfigMap(meta, config, own));
    }

    private void missing(NodeReader root, String field) {
        NodeReader value = root.get(field);
        if (value.isPresent() && value.string() == null) {
            return; // wrong type, already reported
        }
        String miscased = root.node() instanceof YNode.Mapping m ? DocumentShape.miscased(m, field) : null;
        diags.error(null, root.location(), field, Diagnostics.SHAPE, "missing required field \"" + field + "\""
                + (miscased == null ? "" : " (found \"" + miscased + "\": field names are case-sensitive)"));
    }

    private static String kindOf(YNode node) {
        if (node instanceof YNode.Scalar s) {
            return "a scalar (" + s.describe() + ")";
        }
        return node.describe();
    }
}
