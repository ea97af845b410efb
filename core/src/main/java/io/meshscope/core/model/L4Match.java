package io.meshscope.core.model;

import java.util.List;
import java.util.Map;

/**
 * The TCP ({@code L4MatchAttributes}) and TLS ({@code TLSMatchAttributes}) parts of a route match:
 * {@code destinationSubnets}, {@code sniHosts} (TLS), {@code sourceLabels} and {@code gateways}, and the fields
 * written that meshscope cannot express ({@code notGenerated}: unknown fields, values of the wrong type), for
 * which the match is omitted rather than widened.
 */
public record L4Match(List<String> destinationSubnets, List<String> sniHosts, Map<String, String> sourceLabels,
                      List<String> gateways, List<HttpMatch.NotGenerated> notGenerated) {
    /** A match with none of these fields (HTTP matches, and matches built in code). */
    public static final L4Match NONE = new L4Match(List.of(), List.of(), Map.of(), List.of());

    public L4Match {
        destinationSubnets = List.copyOf(destinationSubnets);
        sniHosts = List.copyOf(sniHosts);
        sourceLabels = HttpMatch.ordered(sourceLabels);
        gateways = List.copyOf(gateways);
        notGenerated = notGenerated == null ? List.of() : List.copyOf(notGenerated);
    }

    /** A match with nothing left out. */
    public L4Match(List<String> destinationSubnets, List<String> sniHosts, Map<String, String> sourceLabels,
                   List<String> gateways) {
        this(destinationSubnets, sniHosts, sourceLabels, gateways, List.of());
    }
}
