package io.meshscope.core.analyze;

import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Sidecar;
import io.meshscope.core.validate.FieldMessage;
import io.meshscope.core.validate.SidecarValidator;
import io.meshscope.core.validate.ValidationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Istio's {@code schema.ValidationAnalyzer} for Sidecars: each validation error becomes IST0106 and each
 * warning IST0133, one message per wrapped error as Istio reports a multierror.
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
        for (Sidecar s : input.sidecars()) {
            ValidationResult result = validator.apply(s);
            for (FieldMessage e : result.errors()) {
                out.add(message(s, MessageTypes.SCHEMA_VALIDATION_ERROR, "Schema validation error: ", e));
            }
            for (FieldMessage w : result.warnings()) {
                out.add(message(s, MessageTypes.SCHEMA_WARNING, "Schema validation warning: ", w));
            }
        }
        return out;
    }

    private static AnalysisMessage message(Sidecar s, MessageType type, String prefix, FieldMessage m) {
        String field = m.field() == null ? "" : m.field();
        return new AnalysisMessage(type, s.id(), s.meta().locate(field), field, prefix + m.message());
    }
}
