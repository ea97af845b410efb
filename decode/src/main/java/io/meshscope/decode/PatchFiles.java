package io.meshscope.decode;

import io.meshscope.core.model.Diagnostic;
import io.meshscope.core.model.Severity;
import io.meshscope.core.model.SourceLocation;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Kustomize patches given as manifests. A strategic-merge patch looks like the object it patches (same kind,
 * same name) but holds only the fields it changes, or {@code $patch: delete}: read as a manifest it would replace
 * the real object (the later definition wins) and every answer about that object would be wrong. Such a file is
 * refused whole, with one error that says how to render the kustomization instead. A file is a patch when:
 * <ol>
 *   <li>a kustomization at or above it lists it under {@code patches}, {@code patchesStrategicMerge} or
 *       {@code patchesJson6902} (the strongest signal: kustomize itself reads it as a patch);</li>
 *   <li>a document holds a strategic-merge directive key ({@code $patch}, {@code $retainKeys},
 *       {@code $setElementOrder/...}, {@code $deleteFromPrimitiveList/...}), which no stored object has; or</li>
 *   <li>it lies in a kustomize tree, no kustomization lists it as a resource, and a workload controller in it
 *       has no pod template ({@code spec.template}), which the API server requires of every real one.</li>
 * </ol>
 */
final class PatchFiles {
    private static final Set<String> CONTROLLERS = Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet",
            "Job", "CronJob");

    private PatchFiles() {
    }

    /** The error refusing {@code source}, or empty when it is not a patch. */
    static Optional<Diagnostic> detect(Source source, boolean mayHoldDirective, List<YNode> docs, String command) {
        SourceHints hints = source.hints();
        Directive directive = null;
        YNode directiveDoc = null;
        // Every directive key starts with '$' (YamlDocuments.parseForObjects says when none can): most manifests
        // are spared a walk of every node (7% of reading 50,000 services), and a scan of their text (5%).
        for (YNode doc : mayHoldDirective ? docs : List.<YNode>of()) {
            // Paths are spelled only for the document that has a directive: building one per field of every
            // document cost a tenth of reading a large mesh.
            directive = hasDirective(doc) ? directive(doc, "") : null;
            if (directive != null) {
                directiveDoc = doc;
                break;
            }
        }
        if (hints.patchListedBy() != null) {
            SourceLocation at = directive != null ? directive.at()
                    : docs.isEmpty() ? new SourceLocation(source.name(), 1, 1) : docs.get(0).at();
            return Optional.of(refuse(at, directive == null ? "" : directive.path(), "a kustomize patch (listed by "
                    + hints.patchListedBy() + (directive == null ? "" : "; " + directive.key() + directive.value())
                    + ")", target(docs), hints, command));
        }
        if (directive != null) {
            return Optional.of(refuse(directive.at(), directive.path(), "a kustomize strategic-merge patch ("
                    + directive.key() + directive.value() + ")", target(List.of(directiveDoc)), hints, command));
        }
        if (hints.kustomizeDir() != null && !hints.listedAsResource()) {
            for (YNode doc : docs) {
                String missing = missingPodTemplate(doc);
                if (missing != null) {
                    return Optional.of(refuse(doc.at(), missing, "a kustomize strategic-merge patch fragment (no "
                            + missing + ", which every real " + text(doc, "kind") + " has, in the kustomize tree of "
                            + hints.kustomizeDir() + ", and no kustomization lists it as a resource)",
                            target(List.of(doc)), hints, command));
                }
            }
        }
        return Optional.empty();
    }

    private static Diagnostic refuse(SourceLocation at, String field, String why, String target, SourceHints hints,
                                     String command) {
        String hint;
        if (hints.patchListedBy() != null && hints.listingIsComponent()) {
            hint = "render an overlay that includes the Component " + parent(hints.patchListedBy())
                    + ": meshscope " + command + " -k OVERLAY";
        } else if (hints.patchListedBy() != null) {
            hint = "render the kustomization instead: meshscope " + command + " -k " + parent(hints.patchListedBy());
        } else if (hints.kustomizeDir() != null) {
            hint = "render the kustomization that applies it instead: meshscope " + command + " -k "
                    + hints.kustomizeDir();
        } else {
            hint = "render the kustomization that applies it instead: meshscope " + command + " -k DIR";
        }
        return new Diagnostic(Severity.ERROR, null, at, field, Diagnostics.KUSTOMIZE_PATCH, why
                + ", not an object: read as a manifest it would stand in for the real " + target
                + ", so this file is not read; " + hint);
    }

    private record Directive(String key, String value, String path, SourceLocation at) {
    }

    /** Whether {@code node} holds a strategic-merge directive key at any depth. */
    private static boolean hasDirective(YNode node) {
        if (node instanceof YNode.Mapping m) {
            YFields fields = m.entries();
            for (int f = 0; f < fields.size(); f++) {
                if (isDirective(fields.key(f)) || hasDirective(fields.entry(f).value())) {
                    return true;
                }
            }
        } else if (node instanceof YNode.Seq seq) {
            for (YNode item : seq.items()) {
                if (hasDirective(item)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isDirective(String key) {
        return !key.isEmpty() && key.charAt(0) == '$' && (key.equals("$patch") || key.equals("$retainKeys")
                || key.startsWith("$setElementOrder/") || key.startsWith("$deleteFromPrimitiveList/"));
    }

    /** The first strategic-merge directive key in {@code node}, depth first, or null. */
    private static Directive directive(YNode node, String path) {
        if (node instanceof YNode.Mapping m) {
            YFields fields = m.entries();
            for (int f = 0; f < fields.size(); f++) {
                String key = fields.key(f);
                String childPath = path.isEmpty() ? key : path + "." + key;
                if (isDirective(key)) {
                    String value = fields.entry(f).value() instanceof YNode.Scalar s ? ": " + s.text() : "";
                    return new Directive(key, value, childPath, fields.entry(f).keyAt());
                }
                Directive inner = directive(fields.entry(f).value(), childPath);
                if (inner != null) {
                    return inner;
                }
            }
        } else if (node instanceof YNode.Seq seq) {
            for (int i = 0; i < seq.items().size(); i++) {
                Directive inner = directive(seq.items().get(i), path + "[" + i + "]");
                if (inner != null) {
                    return inner;
                }
            }
        }
        return null;
    }

    /** The pod template field a workload controller lacks ({@code spec.template}), or null. */
    private static String missingPodTemplate(YNode doc) {
        String kind = text(doc, "kind");
        if (DocumentShape.of(doc) != DocumentShape.OBJECT || kind == null || !CONTROLLERS.contains(kind)) {
            return null;
        }
        String apiVersion = text(doc, "apiVersion");
        if (apiVersion == null || !(apiVersion.startsWith("apps/") || apiVersion.startsWith("extensions/")
                || apiVersion.startsWith("batch/"))) {
            return null;
        }
        YNode.Mapping m = (YNode.Mapping) doc;
        if (kind.equals("CronJob")) {
            YNode jobSpec = child(child(child(m, "spec"), "jobTemplate"), "spec");
            return child(jobSpec, "template") == null ? "spec.jobTemplate.spec.template" : null;
        }
        return child(child(m, "spec"), "template") == null ? "spec.template" : null;
    }

    /** {@code Kind name} (or {@code Kind ns/name}) of the first document that names one, for messages. */
    private static String target(List<YNode> docs) {
        for (YNode doc : docs) {
            String kind = text(doc, "kind");
            YNode meta = doc instanceof YNode.Mapping m ? child(m, "metadata") : null;
            String name = meta instanceof YNode.Mapping mm && mm.get("name") instanceof YNode.Scalar s ? s.text() : null;
            String ns = meta instanceof YNode.Mapping mm && mm.get("namespace") instanceof YNode.Scalar s
                    ? s.text() + "/" : "";
            if (kind != null && name != null) {
                return kind + " " + ns + name;
            }
        }
        return "object it patches";
    }

    private static YNode child(YNode node, String key) {
        return node instanceof YNode.Mapping m ? m.get(key) : null;
    }

    private static String text(YNode doc, String key) {
        return child(doc, key) instanceof YNode.Scalar s && !s.isNull() ? s.text() : null;
    }

    private static String parent(String kustomizationFile) {
        java.nio.file.Path parent = java.nio.file.Path.of(kustomizationFile).getParent();
        return parent == null ? "." : parent.toString();
    }
}
