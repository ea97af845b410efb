package io.meshscope.core.model;

import java.util.List;
import java.util.Map;

/**
 * The parts of a TCP ({@code L4MatchAttributes}) or TLS ({@code TLSMatchAttributes}) route match that only
 * validation reads: {@code destinationSubnets}, {@code sniHosts} (TLS), {@code sourceLabels} and {@code gateways}.
 */
public record L4Match(List<String> destinationSubnets, List<String> sniHosts, Map<String, String> sourceLabels,
                      List<String> gateways) {
    /** A match with none of these fields (HTTP matches, and matches built in code). */
    public static final L4Match NONE = new L4Match(List.of(), List.of(), Map.of(), List.of());

    public L4Match {
        destinationSubnets = List.copyOf(destinationSubnets);
        sniHosts = List.copyOf(sniHosts);
        sourceLabels = HttpMatch.ordered(sourceLabels);
        gateways = List.copyOf(gateways);
    }
}
