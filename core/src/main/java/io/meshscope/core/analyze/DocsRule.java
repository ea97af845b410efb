package io.meshscope.core.analyze;

import io.meshscope.core.model.MeshInput;
import io.meshscope.core.scope.MeshIndex;
import java.util.List;

/** One place where Istio's code does what its documentation does not say (sidecar-semantics.md §12), as MS0011. */
interface DocsRule {
    /** Adds an MS0011 message for each place the input relies on the documented behaviour. */
    void check(MeshInput input, MeshIndex index, List<AnalysisMessage> out);

    static AnalysisMessage message(io.meshscope.core.model.MeshObject o, String field, String text) {
        return Findings.at(MeshscopeMessageTypes.RELIES_ON_DOCUMENTED_BEHAVIOUR, o, field, text);
    }
}
