package io.meshscope.core.analyze;

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
        IndexCache cache = new IndexCache();
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
