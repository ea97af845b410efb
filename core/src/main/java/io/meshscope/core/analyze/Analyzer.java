package io.meshscope.core.analyze;

import io.meshscope.core.model.MeshInput;
import java.util.List;

/** One check over the whole input, as an {@code istioctl analyze} analyzer: pure, stateless, deterministic. */
public interface Analyzer {
    /** The analyzer's name; Istio's own name where Istio has the check ({@code sidecar.SelectorAnalyzer}). */
    String name();

    /** The message types this analyzer may report (for listings and suppression help). */
    List<MessageType> produces();

    /** Every message for the input, in any order; {@link Analysis} sorts and filters them. */
    List<AnalysisMessage> analyze(MeshInput input);
}
