package io.meshscope.core.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of an {@code HTTPMatchRequest} beyond what TCP/TLS matches share (see {@link VirtualService.Match}):
 * {@code name}, {@code uri}, {@code scheme}, {@code method}, {@code authority}, {@code headers},
 * {@code withoutHeaders}, {@code queryParams}, {@code ignoreUriCase}, {@code sourceLabels}, {@code gateways} and
 * {@code statPrefix}. A null {@link StringMatch} means the field was not written; maps keep the written order.
 * {@code notGenerated} names (relative to the match) fields meshscope cannot express, so a route with such a match
 * is omitted rather than widened.
 */
public record HttpMatch(String name, StringMatch uri, StringMatch scheme, StringMatch method, StringMatch authority,
                        Map<String, StringMatch> headers, Map<String, StringMatch> withoutHeaders,
                        Map<String, StringMatch> queryParams, boolean ignoreUriCase, Map<String, String> sourceLabels,
                        List<String> gateways, String statPrefix, List<NotGenerated> notGenerated) {
    /** A match with nothing but what {@link VirtualService.Match} carries. */
    public static final HttpMatch NONE = new HttpMatch("", null, null, null, null, Map.of(), Map.of(), Map.of(), false,
            Map.of(), List.of(), "", List.of());

    public HttpMatch {
        headers = ordered(headers);
        withoutHeaders = ordered(withoutHeaders);
        queryParams = ordered(queryParams);
        sourceLabels = ordered(sourceLabels);
        gateways = List.copyOf(gateways);
        notGenerated = List.copyOf(notGenerated);
    }

    static <V> Map<String, V> ordered(Map<String, V> m) {
        return m.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    /** A field meshscope does not generate ({@code field} relative to its parent) and why. */
    public record NotGenerated(String field, String reason) {
    }
}
