package io.meshscope.core.analyze;

import io.meshscope.core.model.Severity;
import java.util.List;
import java.util.Optional;

/** meshscope's own message types, {@code MS0001} upward; never an Istio code (docs/analyzers.md has one page each). */
public final class MeshscopeMessageTypes {
    public static final MessageType UNKNOWN_EGRESS_HOST =
            new MessageType("MS0001", "UnknownEgressHost", Severity.WARNING);
    public static final MessageType EXCLUSION_IMPORTS_NOTHING =
            new MessageType("MS0002", "ExclusionImportsNothing", Severity.WARNING);
    public static final MessageType WILDCARD_DEFEATS_SCOPING =
            new MessageType("MS0003", "WildcardDefeatsScoping", Severity.WARNING);
    public static final MessageType NAMESPACE_WITHOUT_SIDECAR =
            new MessageType("MS0004", "NamespaceWithoutSidecar", Severity.WARNING);
    public static final MessageType ROOT_SELECTOR_NOT_MESH_WIDE =
            new MessageType("MS0005", "RootNamespaceSelectorNotMeshWide", Severity.WARNING);
    public static final MessageType PORT_LISTENER_IMPORTS_NOTHING =
            new MessageType("MS0006", "PortListenerImportsNothing", Severity.WARNING);
    public static final MessageType REGISTRY_ONLY_SERVICE_ENTRY_NOT_IMPORTED =
            new MessageType("MS0007", "RegistryOnlyServiceEntryNotImported", Severity.ERROR);
    public static final MessageType NARROWER_THAN_NAMESPACE_DEFAULT =
            new MessageType("MS0008", "NarrowerThanNamespaceDefault", Severity.INFO);
    public static final MessageType SELECTOR_MATCHES_NO_WORKLOAD =
            new MessageType("MS0009", "SelectorMatchesNoWorkload", Severity.WARNING);
    public static final MessageType DUPLICATE_SIDECAR_SPEC =
            new MessageType("MS0010", "DuplicateSidecarSpec", Severity.WARNING);
    public static final MessageType RELIES_ON_DOCUMENTED_BEHAVIOUR =
            new MessageType("MS0011", "ReliesOnDocumentedBehaviour", Severity.WARNING);
    public static final MessageType CAPTURE_MODE_NONE_DOES_NOT_BYPASS =
            new MessageType("MS0012", "CaptureModeNoneDoesNotBypass", Severity.INFO);
    public static final MessageType NAMESPACE_DEFAULT_WITHOUT_ROOT =
            new MessageType("MS0013", "NamespaceDefaultWithoutRootNamespace", Severity.INFO);
    public static final MessageType NOT_GENERATED =
            new MessageType("MS0014", "NotGenerated", Severity.WARNING);

    /** Every meshscope type, ordered by code. */
    public static final List<MessageType> ALL = List.of(UNKNOWN_EGRESS_HOST, EXCLUSION_IMPORTS_NOTHING,
            WILDCARD_DEFEATS_SCOPING, NAMESPACE_WITHOUT_SIDECAR, ROOT_SELECTOR_NOT_MESH_WIDE,
            PORT_LISTENER_IMPORTS_NOTHING, REGISTRY_ONLY_SERVICE_ENTRY_NOT_IMPORTED, NARROWER_THAN_NAMESPACE_DEFAULT,
            SELECTOR_MATCHES_NO_WORKLOAD, DUPLICATE_SIDECAR_SPEC, RELIES_ON_DOCUMENTED_BEHAVIOUR,
            CAPTURE_MODE_NONE_DOES_NOT_BYPASS, NAMESPACE_DEFAULT_WITHOUT_ROOT, NOT_GENERATED);

    private MeshscopeMessageTypes() {
    }

    /** The meshscope type with this code, if any. */
    public static Optional<MessageType> byCode(String code) {
        return ALL.stream().filter(t -> t.code().equals(code)).findFirst();
    }
}
