package io.meshscope.core.analyze;

import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Sidecar;
import io.meshscope.core.model.MeshObject;
import io.meshscope.core.validate.DestinationRuleValidator;
import io.meshscope.core.validate.FieldMessage;
import io.meshscope.core.validate.PeerAuthenticationValidator;
import io.meshscope.core.validate.ServiceEntryValidator;
import io.meshscope.core.validate.VirtualServiceValidator;
import io.meshscope.core.validate.WorkloadEntryValidator;
import io.meshscope.core.validate.SidecarValidator;
import io.meshscope.core.validate.ValidationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Istio's {@code schema.ValidationAnalyzer}: each validation error becomes IST0106 and each warning IST0133
 * (a field meshscope does not generate is left to MS0014, {@link NotGeneratedAnalyzer}),
 * one message per wrapped error as Istio reports a multierror. istioctl runs one such analyzer per kind; this
 * covers the kinds meshscope reads and validates (Sidecar, ServiceEntry, VirtualService, DestinationRule,
 * WorkloadEntry, PeerAuthentication).
 */
public final class SchemaValidationAnalyzer implements Analyzer {
    private final Function<Sidecar, ValidationResult> validator;

    public SchemaValidationAnalyzer() {
        this(SidecarValidator::validate);
    }

    /** With another validator, so the message mapping can be tested apart from the validation rules. */
    SchemaValidationAnalyzer(Function<Sidecar, ValidationResult> validator) {
        this.validator = validator;
    }

    @Override
    public String name() {
        return "schema.ValidationAnalyzer";
    }

    @Override
    public List<MessageType> produces() {
        return List.of(MessageTypes.SCHEMA_VALIDATION_ERROR, MessageTypes.SCHEMA_WARNING);
    }

    @Override
    public List<AnalysisMessage> analyze(MeshInput input) {
        List<AnalysisMessage> out = new ArrayList<>();
        validateEach(input, validator, (o, result) -> report(o, result, out));
        return out;
    }

    /** Validates every object of the kinds meshscope validates, in input order. */
    private static void validateEach(MeshInput input, Function<Sidecar, ValidationResult> sidecars,
                             BiConsumer<MeshObject, ValidationResult> each) {
        input.sidecars().forEach(s -> each.accept(s, sidecars.apply(s)));
        input.serviceEntries().forEach(se -> each.accept(se, ServiceEntryValidator.validate(se)));
        input.virtualServices().forEach(vs -> each.accept(vs, VirtualServiceValidator.validate(vs)));
        input.destinationRules().forEach(dr -> each.accept(dr, DestinationRuleValidator.validate(dr)));
        input.workloads().stream().filter(w -> w.entry() != null)
                .forEach(we -> each.accept(we, WorkloadEntryValidator.validate(we)));
        input.peerAuthentications().forEach(pa -> each.accept(pa, PeerAuthenticationValidator.validate(pa)));
    }

    private static void report(MeshObject o, ValidationResult result, List<AnalysisMessage> out) {
        for (FieldMessage e : result.errors()) {
            out.add(message(o, MessageTypes.SCHEMA_VALIDATION_ERROR, "Schema validation error: ", e));
        }
        for (FieldMessage w : result.warnings()) {
            if (!w.notGenerated()) {
                out.add(message(o, MessageTypes.SCHEMA_WARNING, "Schema validation warning: ", w));
            }
        }
    }

    static AnalysisMessage message(MeshObject s, MessageType type, String prefix, FieldMessage m) {
        String field = m.field() == null ? "" : m.field();
        return new AnalysisMessage(type, s.id(), s.meta().locate(field), field, prefix + m.message());
    }
}
