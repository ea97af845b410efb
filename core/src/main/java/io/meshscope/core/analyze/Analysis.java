package io.meshscope.core.analyze;

import io.meshscope.core.model.MeshInput;
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

    private Analysis() {
    }

    /** Istio's analyzers that concern Sidecars, in the order istioctl lists them. */
    public static List<Analyzer> istioAnalyzers() {
        return List.of(new DeprecationAnalyzer(), new SchemaValidationAnalyzer(), new SidecarSelectorAnalyzer());
    }

    /** Runs the analyzers; only the suppression annotations on resources apply. */
    public static List<AnalysisMessage> run(MeshInput input, List<Analyzer> analyzers) {
        return run(input, analyzers, List.of());
    }

    /** Runs the analyzers and drops messages suppressed by {@code suppressions} or by resource annotations. */
    public static List<AnalysisMessage> run(MeshInput input, List<Analyzer> analyzers, List<Suppression> suppressions) {
        SuppressionFilter filter = new SuppressionFilter(input, suppressions);
        List<AnalysisMessage> out = new ArrayList<>();
        for (Analyzer a : analyzers) {
            a.analyze(input).stream().filter(m -> !filter.suppressed(m)).forEach(out::add);
        }
        out.sort(ORDER);
        return List.copyOf(out);
    }
}
