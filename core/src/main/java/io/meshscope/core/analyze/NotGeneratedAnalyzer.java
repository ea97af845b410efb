package io.meshscope.core.analyze;

import io.meshscope.core.model.Diagnostic;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.NotGenerated;
import io.meshscope.core.validate.FieldMessage;
import io.meshscope.core.validate.InputValidator;
import io.meshscope.core.model.MeshObject;
import io.meshscope.core.validate.DestinationRuleValidator;
import io.meshscope.core.validate.ValidationResult;
import io.meshscope.core.validate.VirtualServiceValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * MS0014: what is written but not generated. Objects of kinds that shape istiod's proxy config but not meshscope's
 * (EnvoyFilter, AuthorizationPolicy, ...; the decoder notes each where it is written) and fields validation marks
 * as not generated (a VirtualService match meshscope cannot express: the route is omitted, never widened). A CI
 * gate sees them like any other warning, apart from Istio's own IST0133.
 */
public final class NotGeneratedAnalyzer implements Analyzer {
    @Override
    public String name() {
        return "meshscope.NotGeneratedAnalyzer";
    }

    @Override
    public List<MessageType> produces() {
        return List.of(MeshscopeMessageTypes.NOT_GENERATED);
    }

    @Override
    public List<AnalysisMessage> analyze(MeshInput input) {
        List<AnalysisMessage> out = new ArrayList<>();
        input.problems().stream().filter(NotGeneratedAnalyzer::reports)
                .map(d -> new AnalysisMessage(MeshscopeMessageTypes.NOT_GENERATED, d.resource(), d.location(),
                        d.field(), d.message()))
                .forEach(out::add);
        // Only these two kinds have fields validation marks as not generated (HttpActionRules, TrafficPolicyRules);
        // validating every Sidecar again here would double analyze's validation cost on large meshes.
        Set<String> unknown = InputValidator.unknownFields(input.problems());
        input.virtualServices().forEach(vs -> report(vs, VirtualServiceValidator.validate(vs), unknown, out));
        input.destinationRules().forEach(dr -> report(dr, DestinationRuleValidator.validate(dr), unknown, out));
        DnsLocalityAnalysis.analyze(input, out);
        return out;
    }

    private static void report(MeshObject o, ValidationResult result, Set<String> unknown, List<AnalysisMessage> out) {
        for (FieldMessage w : result.warnings()) {
            if (w.notGenerated() && !InputValidator.repeatsUnknownField(o, w, unknown)) {
                out.add(SchemaValidationAnalyzer.message(o, MeshscopeMessageTypes.NOT_GENERATED, w.field() + ": ", w));
            }
        }
    }

    /** Whether the input note {@code d} is one this analyzer reports (so it is not also an input error). */
    public static boolean reports(Diagnostic d) {
        return NotGenerated.RULE.equals(d.rule()) && d.resource() != null;
    }
}
