package io.meshscope.core.analyze;

import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.MeshObject;
import io.meshscope.core.model.ResourceId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Drops suppressed messages: those named by a {@link Suppression}, and those whose resource carries the code in
 * {@value Analysis#SUPPRESS_ANNOTATION} (or Istio's {@value Analysis#ISTIO_SUPPRESS_ANNOTATION}).
 */
final class SuppressionFilter {
    private final List<Suppression> suppressions;
    private final Map<ResourceId, Set<String>> annotated = new HashMap<>();

    SuppressionFilter(MeshInput input, List<Suppression> suppressions) {
        this.suppressions = List.copyOf(suppressions);
        Stream.of(input.namespaces(), input.services(), input.serviceEntries(), input.endpoints(), input.workloads(),
                        input.sidecars(), input.virtualServices(), input.destinationRules(),
                        input.peerAuthentications())
                .flatMap(List::stream)
                .forEach(this::index);
    }

    boolean suppressed(AnalysisMessage m) {
        Set<String> codes = annotated.getOrDefault(m.resource(), Set.of());
        return codes.contains("*") || codes.contains(m.type().code())
                || suppressions.stream().anyMatch(s -> s.matches(m));
    }

    private void index(MeshObject o) {
        Map<String, String> annotations = o.meta().annotations();
        Set<String> codes = Stream.of(Analysis.SUPPRESS_ANNOTATION, Analysis.ISTIO_SUPPRESS_ANNOTATION)
                .map(annotations::get)
                .filter(Objects::nonNull)
                .flatMap(v -> Stream.of(v.split(",")))
                .map(String::trim)
                .filter(c -> !c.isEmpty())
                .collect(Collectors.toSet());
        if (!codes.isEmpty()) {
            annotated.computeIfAbsent(o.id(), id -> new HashSet<>()).addAll(codes);
        }
    }
}
