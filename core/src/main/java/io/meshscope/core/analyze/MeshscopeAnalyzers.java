package io.meshscope.core.analyze;

import io.meshscope.core.scope.MeshIndex;
import io.meshscope.core.whatif.SizeModel;
import java.util.List;

/** meshscope's own analyzers (MS0001 upward), sharing one mesh index per run; see docs/analyzers.md. */
public final class MeshscopeAnalyzers {
    private MeshscopeAnalyzers() {
    }

    /** Every meshscope analyzer, with MS0004 measuring proxy config in outbound clusters. */
    public static List<Analyzer> all() {
        return all(SizeModel.CLUSTERS);
    }

    /** Every meshscope analyzer, with MS0004 measuring proxy config by {@code size}. */
    public static List<Analyzer> all(SizeModel size) {
        return all(size, new IndexCache());
    }

    /**
     * Every meshscope analyzer, with MS0004 measuring by {@code size}, over {@code index} when they analyze its
     * input: a caller that has indexed the input already (the command line, the web view) does not index it again,
     * and the analyzers reuse the scopes it has computed.
     */
    public static List<Analyzer> all(SizeModel size, MeshIndex index) {
        return all(size, new IndexCache(index));
    }

    private static List<Analyzer> all(SizeModel size, IndexCache cache) {
        return List.of(
                new UnknownEgressHostAnalyzer(cache),
                new ExclusionImportsNothingAnalyzer(cache),
                new WildcardDefeatsScopingAnalyzer(cache),
                new NamespaceWithoutSidecarAnalyzer(cache, size),
                new RootNamespaceSelectorAnalyzer(),
                new PortListenerImportsNothingAnalyzer(cache),
                new RegistryOnlyServiceEntryAnalyzer(cache),
                new NarrowerThanNamespaceDefaultAnalyzer(cache),
                new SelectorMatchesNoWorkloadAnalyzer(),
                new DuplicateSidecarSpecAnalyzer(),
                new DocumentedBehaviourAnalyzer(cache),
                new CaptureModeNoneAnalyzer(),
                new NamespaceDefaultWithoutRootAnalyzer(),
                new NotGeneratedAnalyzer());
    }
}
