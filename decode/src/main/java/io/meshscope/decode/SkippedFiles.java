package io.meshscope.decode;

import io.meshscope.core.model.Diagnostic;
import io.meshscope.core.model.MeshInput;

import java.util.List;

/**
 * The files a read skipped because none of their documents is a Kubernetes object (CI configs, Helm values,
 * OpenAPI specs...). Each is an INFO-level {@link Diagnostic} with rule {@link #RULE}, so the input model needs no
 * new field and every command can list them in one notice.
 */
public final class SkippedFiles {
    /** The rule of the INFO diagnostic that marks a skipped file. */
    public static final String RULE = "not-an-object";

    private SkippedFiles() {
    }

    /** The skipped files of {@code input}, as messages name them, in the order read. */
    public static List<String> of(MeshInput input) {
        return input.problems().stream().filter(d -> RULE.equals(d.rule())).map(d -> d.location().file())
                .distinct().toList();
    }
}
