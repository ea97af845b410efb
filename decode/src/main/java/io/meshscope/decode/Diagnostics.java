package io.meshscope.decode;

import io.meshscope.core.model.Diagnostic;
import io.meshscope.core.model.ResourceId;
import io.meshscope.core.model.Severity;
import io.meshscope.core.model.SourceLocation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects located messages about the input in the order found. Identical messages are kept once, so a
 * decoder may re-check a shape (e.g. "expected a mapping") every time it reads through it without repeating it.
 */
final class Diagnostics {
    /** Rule ids, so callers and tests can filter on the kind of problem. */
    static final String YAML_SYNTAX = "yaml-syntax";
    /** A scalar whose explicit tag its value does not fit ({@code !!int abc}), as Kubernetes' YAML decoder rejects it. */
    static final String YAML_TAG = "yaml-tag";
    /** A field the object's schema does not have (kubectl's strict field validation). */
    static final String UNKNOWN_FIELD = io.meshscope.core.validate.InputValidator.UNKNOWN_FIELD_RULE;
    /** An apiVersion and kind the API server does not serve ({@code no matches for kind}). */
    static final String API_VERSION = "api-version";
    static final String TYPE = "type";
    static final String ENUM = "enum";
    static final String SHAPE = "shape";
    static final String DUPLICATE = "duplicate";
    static final String DUPLICATE_KEY = "duplicate-key";
    static final String ENCODING = "encoding";
    static final String LIMIT = "limit";
    static final String DEFAULT_NAMESPACE = "default-namespace";
    static final String IGNORED = "ignored";
    static final String INTERNAL = "internal";
    /** A file with no Kubernetes object in it, skipped (INFO; docs/inputs.md). */
    static final String NOT_AN_OBJECT = SkippedFiles.RULE;
    /** A hidden directory not entered while reading a directory (INFO). */
    static final String HIDDEN = "hidden-directory";
    /** A Helm chart's templates given as manifests (one error per chart). */
    static final String HELM_TEMPLATE = "helm-template";
    /** A kustomize patch given as a manifest (one error per file; the file is not read). */
    static final String KUSTOMIZE_PATCH = "kustomize-patch";

    private final Set<Diagnostic> found = new LinkedHashSet<>();

    void add(Diagnostic d) {
        found.add(d);
    }

    void addAll(Diagnostics other) {
        found.addAll(other.found);
    }

    void error(ResourceId resource, SourceLocation at, String field, String rule, String message) {
        add(new Diagnostic(Severity.ERROR, resource, at, field, rule, message));
    }

    void warning(ResourceId resource, SourceLocation at, String field, String rule, String message) {
        add(new Diagnostic(Severity.WARNING, resource, at, field, rule, message));
    }

    void info(ResourceId resource, SourceLocation at, String field, String rule, String message) {
        add(new Diagnostic(Severity.INFO, resource, at, field, rule, message));
    }

    List<Diagnostic> all() {
        return new ArrayList<>(found);
    }
}
