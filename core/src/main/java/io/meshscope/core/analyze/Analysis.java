package io.meshscope.core.analyze;

import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Severity;
import io.meshscope.core.model.SourceLocation;
import io.meshscope.core.progress.ProgressListener;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The {@code analyze} entry point: runs analyzers over an input, drops suppressed messages and sorts the rest
 * by resource, code, then message so output is stable across runs and platforms.
 */
public final class Analysis {
    /** Resource annotation listing codes not to report on it: {@code "MS0003,IST0110"}, or {@code "*"}. */
    public static final String SUPPRESS_ANNOTATION = "meshscope.io/suppress";
    /** Istio's equivalent annotation, honoured so inputs already prepared for istioctl behave the same. */
    public static final String ISTIO_SUPPRESS_ANNOTATION = "galley.istio.io/analyze-suppress";

    /** The report order; field and location only break ties between otherwise equal messages. */
    public static final Comparator<AnalysisMessage> ORDER = Comparator
            .comparing(AnalysisMessage::resource, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(m -> m.type().code())
            .thenComparing(AnalysisMessage::message)
            .thenComparing(m -> m.field() == null ? "" : m.field())
            .thenComparing(m -> String.valueOf(m.location()));

    /** Istio's IST0001 (messages.yaml {@code InternalError}), reported for an analyzer that failed. */
    public static final MessageType INTERNAL_ERROR = new MessageType("IST0001", "InternalError", Severity.ERROR);

    private Analysis() {
    }

    /** Istio's analyzers that concern Sidecars, in the order istioctl lists them. */
    public static List<Analyzer> istioAnalyzers() {
        return List.of(new DeprecationAnalyzer(), new SchemaValidationAnalyzer(), new SidecarSelectorAnalyzer());
    }

    /**
     * One analyzer's messages; if it fails, Istio's IST0001 InternalError naming it instead, so a defect in one
     * analyzer never loses the others' findings (and the run still fails: the message is an error).
     */
    static List<AnalysisMessage> analyzeSafely(Analyzer a, MeshInput input) {
        try {
            return a.analyze(input);
        } catch (RuntimeException | StackOverflowError e) {
            return List.of(new AnalysisMessage(INTERNAL_ERROR, null, SourceLocation.UNKNOWN, null,
                    "Internal error: analyzer " + a.name() + " failed: " + e
                            + " (a meshscope defect; the other analyzers' messages are complete)"));
        }
    }

    /** Runs the analyzers; only the suppression annotations on resources apply. */
    public static List<AnalysisMessage> run(MeshInput input, List<Analyzer> analyzers) {
        return run(input, analyzers, List.of());
    }

    /** Runs the analyzers and drops messages suppressed by {@code suppressions} or by resource annotations. */
    public static List<AnalysisMessage> run(MeshInput input, List<Analyzer> analyzers, List<Suppression> suppressions) {
        return run(input, analyzers, suppressions, ProgressListener.NONE);
    }

    /** As {@link #run(MeshInput, List, List)}, telling {@code progress} as each analyzer finishes. */
    public static List<AnalysisMessage> run(MeshInput input, List<Analyzer> analyzers, List<Suppression> suppressions,
                                            ProgressListener progress) {
        SuppressionFilter filter = new SuppressionFilter(input, suppressions);
        List<AnalysisMessage> out = new ArrayList<>();
        progress.phase("analyzing", analyzers.size(), "analyzers");
        for (Analyzer a : analyzers) {
            analyzeSafely(a, input).stream().filter(m -> !filter.suppressed(m)).forEach(out::add);
            progress.advance(1);
        }
        progress.phaseDone();
        out.sort(ORDER);
        return List.copyOf(out);
    }
}
