package io.meshscope.core.analyze;

import io.meshscope.core.model.Severity;
import java.util.List;
import java.util.Optional;

/** Istio's analyzer message types used for Sidecars, with the codes, titles and levels of Istio's messages.yaml. */
public final class MessageTypes {
    public static final MessageType DEPRECATED = new MessageType("IST0002", "Deprecated", Severity.WARNING);
    public static final MessageType REFERENCED_RESOURCE_NOT_FOUND =
            new MessageType("IST0101", "ReferencedResourceNotFound", Severity.ERROR);
    public static final MessageType SCHEMA_VALIDATION_ERROR =
            new MessageType("IST0106", "SchemaValidationError", Severity.ERROR);
    public static final MessageType CONFLICTING_SIDECAR_WORKLOAD_SELECTORS =
            new MessageType("IST0110", "ConflictingSidecarWorkloadSelectors", Severity.ERROR);
    public static final MessageType MULTIPLE_SIDECARS_WITHOUT_WORKLOAD_SELECTORS =
            new MessageType("IST0111", "MultipleSidecarsWithoutWorkloadSelectors", Severity.ERROR);
    public static final MessageType SCHEMA_WARNING = new MessageType("IST0133", "SchemaWarning", Severity.WARNING);
    public static final MessageType INEFFECTIVE_POLICY =
            new MessageType("IST0167", "IneffectivePolicy", Severity.WARNING);

    /** Every Istio type meshscope can report, ordered by code. */
    public static final List<MessageType> ISTIO = List.of(DEPRECATED, REFERENCED_RESOURCE_NOT_FOUND,
            SCHEMA_VALIDATION_ERROR, CONFLICTING_SIDECAR_WORKLOAD_SELECTORS,
            MULTIPLE_SIDECARS_WITHOUT_WORKLOAD_SELECTORS, SCHEMA_WARNING, INEFFECTIVE_POLICY);

    private MessageTypes() {
    }

    /** The Istio type with this code, if meshscope knows it. */
    public static Optional<MessageType> byCode(String code) {
        return ISTIO.stream().filter(t -> t.code().equals(code)).findFirst();
    }
}
