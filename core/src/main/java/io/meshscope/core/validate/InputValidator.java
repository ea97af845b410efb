package io.meshscope.core.validate;

import io.meshscope.core.model.Diagnostic;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.MeshObject;
import io.meshscope.core.model.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Validates a whole input as the admission webhook would, object by object, and adds what decoding found:
 * the single list {@code validate}, the server's last-good-config check and {@code /debug/errors} share.
 */
public final class InputValidator {
    /** Report order: file, line, column, then text, so output is stable. */
    public static final Comparator<Diagnostic> ORDER = Comparator
            .comparing((Diagnostic d) -> d.location().file())
            .thenComparingInt(d -> d.location().line())
            .thenComparingInt(d -> d.location().column())
            .thenComparing(Diagnostic::message);

    /** The rule of the decoder's "unknown field" errors (kubectl's strict field validation). */
    public static final String UNKNOWN_FIELD_RULE = "unknown-field";

    private InputValidator() {
    }

    /**
     * The (resource, field) pairs the decoder rejected as unknown fields: a not-generated warning on the same field
     * (a route omitted because of a field meshscope cannot read) would only repeat that error.
     */
    public static Set<String> unknownFields(List<Diagnostic> problems) {
        Set<String> out = new HashSet<>();
        for (Diagnostic d : problems) {
            if (d.severity() == Severity.ERROR && UNKNOWN_FIELD_RULE.equals(d.rule()) && d.resource() != null) {
                out.add(d.resource() + "\u0000" + d.field());
            }
        }
        return out;
    }

    /** Whether {@code m} of {@code o} repeats an unknown-field error in {@code unknown} ({@link #unknownFields}). */
    public static boolean repeatsUnknownField(MeshObject o, FieldMessage m, Set<String> unknown) {
        return m.notGenerated() && unknown.contains(o.id() + "\u0000" + m.field());
    }

    /** Every error and warning (decoding problems at INFO level are left out), in report order. */
    public static List<Diagnostic> validate(MeshInput input) {
        return validate(input, new ValidationMemo());
    }

    /** As {@link #validate(MeshInput)}, reusing results for objects unchanged since the memo's last input. */
    public static List<Diagnostic> validate(MeshInput input, ValidationMemo memo) {
        List<Diagnostic> out = new ArrayList<>();
        for (Diagnostic d : input.problems()) {
            if (d.severity() != Severity.INFO) {
                out.add(d);
            }
        }
        Set<String> unknown = unknownFields(input.problems());
        collect(out, input.sidecars(), SidecarValidator::validate, memo, unknown);
        collect(out, input.serviceEntries(), ServiceEntryValidator::validate, memo, unknown);
        collect(out, input.virtualServices(), VirtualServiceValidator::validate, memo, unknown);
        collect(out, input.destinationRules(), DestinationRuleValidator::validate, memo, unknown);
        collect(out, input.peerAuthentications(), PeerAuthenticationValidator::validate, memo, unknown);
        collect(out, input.workloads().stream().filter(w -> w.entry() != null).toList(),
                WorkloadEntryValidator::validate, memo, unknown);
        memo.roll();
        out.sort(ORDER);
        return out;
    }

    private static <T extends MeshObject> void collect(List<Diagnostic> out, List<T> objects,
                                                       Function<T, ValidationResult> validator, ValidationMemo memo,
                                                       Set<String> unknown) {
        for (T o : objects) {
            ValidationResult r = memo.get(o, () -> validator.apply(o));
            for (FieldMessage m : r.errors()) {
                out.add(new Diagnostic(Severity.ERROR, o.id(), o.meta().locate(m.field()), m.field(), m.rule(), m.message()));
            }
            for (FieldMessage m : r.warnings()) {
                if (repeatsUnknownField(o, m, unknown)) {
                    continue;
                }
                out.add(new Diagnostic(Severity.WARNING, o.id(), o.meta().locate(m.field()), m.field(), m.rule(), m.message()));
            }
        }
    }
}
