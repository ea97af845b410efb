package io.meshscope.decode;

import io.meshscope.core.model.ResourceId;

/**
 * What the API server refuses about an object before any kind-specific validation, applied to every object in a
 * group meshscope knows ({@link Schemas}): an apiVersion and kind it does not serve ({@code no matches for kind
 * "Service" in version "v99"}), fields the kind's schema does not have and values of the wrong type
 * ({@link SchemaCheck}), and the format of the name, namespace, labels and annotations ({@link ObjectNames}).
 * Objects of other groups (another operator's CRDs) are not checked.
 */
final class StrictFields {
    private StrictFields() {
    }

    /**
     * Checks {@code object}; false when the API server would not know what it is (reported), so it must not be read
     * as the kind it names.
     */
    static boolean check(YNode.Mapping object, NodeReader root, String apiVersion, String kind, boolean namespaced,
                         Diagnostics diags) {
        Schemas.Lookup lookup = Schemas.get().lookup(apiVersion, kind);
        if (lookup instanceof Schemas.OtherGroup) {
            return true;
        }
        if (lookup instanceof Schemas.NoMatch noMatch) {
            noMatch(root, apiVersion, kind, noMatch, diags);
            return false;
        }
        ResourceId resource = resource(object, kind, namespaced);
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        if (lookup instanceof Schemas.Checked checked) {
            SchemaCheck.object(object, checked.schema(), resource, diags);
        } else {
            SchemaCheck.object(object, Schemas.get().metadataOnly(), resource, diags);
        }
        ObjectNames.nameAndNamespace(object, group, kind, resource, diags);
        KubernetesRules.check(object, group, kind, resource, diags);
        return true;
    }

    private static void noMatch(NodeReader root, String apiVersion, String kind, Schemas.NoMatch noMatch,
                                Diagnostics diags) {
        String message = "no matches for kind \"" + kind + "\" in version \"" + apiVersion + "\"";
        if (!noMatch.versions().isEmpty()) {
            int slash = apiVersion.indexOf('/');
            String group = slash < 0 ? "" : apiVersion.substring(0, slash + 1);
            message += " (" + kind + " is served as " + String.join(", ",
                    noMatch.versions().stream().map(v -> group + v).toList()) + ")";
            root.get("apiVersion").error(Diagnostics.API_VERSION, message);
        } else {
            message += Suggestions.didYouMean(kind, noMatch.kinds());
            root.get("kind").error(Diagnostics.API_VERSION, message);
        }
    }

    /** The object's identity for messages, as {@link MetaDecoder} will name it, or null when it has no name. */
    private static ResourceId resource(YNode.Mapping object, String kind, boolean namespaced) {
        if (!(object.get("metadata") instanceof YNode.Mapping meta)
                || !(meta.get("name") instanceof YNode.Scalar name) || name.isNull() || name.text().isEmpty()) {
            return null;
        }
        String namespace = "";
        if (namespaced) {
            namespace = meta.get("namespace") instanceof YNode.Scalar ns && !ns.isNull() && !ns.text().isEmpty()
                    ? ns.text() : "default";
        }
        return new ResourceId(kind, namespace, name.text());
    }
}
