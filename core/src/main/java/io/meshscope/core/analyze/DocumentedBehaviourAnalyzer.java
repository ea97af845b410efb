package io.meshscope.core.analyze;

import io.meshscope.core.model.MeshInput;
import io.meshscope.core.scope.MeshIndex;
import java.util.ArrayList;
import java.util.List;

/**
 * MS0011: every place where the input relies on behaviour that Istio documents but its code does not have
 * (sidecar-semantics.md §12): shadowed namespace defaults, overlapping selectors, {@code workloadSelector: {}},
 * ingress without a Service, {@code bind} on the catch-all listener, {@code outboundTrafficPolicy} without mode,
 * VirtualServices selected by their own namespace, and DestinationRules chosen by the client namespace. The
 * {@code ~/*} case (§12.3) is MS0002's.
 */
public final class DocumentedBehaviourAnalyzer implements Analyzer {
    private static final List<DocsRule> RULES = List.of(new ShadowedSidecarRule(), new IngressWithoutServiceRule(),
            new CatchAllBindRule(), new EmptyOutboundPolicyRule(), new VirtualServiceNamespaceRule(),
            new DestinationRuleNamespaceRule());
    private final IndexCache cache;

    public DocumentedBehaviourAnalyzer() {
        this(new IndexCache());
    }

    DocumentedBehaviourAnalyzer(IndexCache cache) {
        this.cache = cache;
    }

    @Override
    public String name() {
        return "meshscope.DocumentedBehaviourAnalyzer";
    }

    @Override
    public List<MessageType> produces() {
        return List.of(MeshscopeMessageTypes.RELIES_ON_DOCUMENTED_BEHAVIOUR);
    }

    @Override
    public List<AnalysisMessage> analyze(MeshInput input) {
        MeshIndex index = cache.of(input);
        List<AnalysisMessage> out = new ArrayList<>();
        RULES.forEach(r -> r.check(input, index, out));
        return out;
    }
}
