package io.meshscope.xds;

import io.meshscope.core.model.Labels;
import io.meshscope.core.model.VirtualService;
import io.meshscope.core.registry.ResolvedVirtualService;
import io.meshscope.core.scope.EgressScope;
import io.meshscope.core.scope.SidecarScope;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code sourceLabels} selectors of a scope's VirtualService HTTP, TCP and TLS matches. istiod filters those
 * matches per proxy ({@code sourceMatchHTTP}, {@code matchTCP}, {@code matchTLS}); meshscope shares outbound
 * resources per scope, so the selectors a proxy's labels satisfy become part of the sharing key: proxies that
 * satisfy the same selectors (usually none) still share one instance, and proxies that hit different
 * {@code sourceLabels} routes get distinct, correct route configs and TCP/TLS filter chains.
 */
final class SourceSelectors {
    private SourceSelectors() {
    }

    /** Every distinct non-empty {@code sourceLabels} selector of the scope's VirtualServices, in a stable order. */
    static List<Map<String, String>> of(SidecarScope scope) {
        Set<Map<String, String>> out = new LinkedHashSet<>();
        for (EgressScope es : scope.egress()) {
            for (ResolvedVirtualService vs : es.virtualServices()) {
                for (VirtualService.Route r : vs.source().http()) {
                    for (VirtualService.Match m : r.match()) {
                        if (!m.http().sourceLabels().isEmpty()) {
                            out.add(Map.copyOf(m.http().sourceLabels()));
                        }
                    }
                }
                // TCP and TLS matches (matchTCP, matchTLS) select proxies by sourceLabels the same way.
                for (VirtualService.Route r : concat(vs.source().tcp(), vs.source().tls())) {
                    for (VirtualService.Match m : r.match()) {
                        if (!m.l4().sourceLabels().isEmpty()) {
                            out.add(Map.copyOf(m.l4().sourceLabels()));
                        }
                    }
                }
            }
        }
        List<Map<String, String>> sorted = new ArrayList<>(out);
        sorted.sort(Comparator.comparing(m -> new java.util.TreeMap<>(m).toString()));
        return List.copyOf(sorted);
    }

    private static List<VirtualService.Route> concat(List<VirtualService.Route> a, List<VirtualService.Route> b) {
        List<VirtualService.Route> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** The selectors {@code labels} satisfy ({@code labels.Instance.SubsetOf}), in the order of {@code selectors}. */
    static List<Map<String, String>> matching(List<Map<String, String>> selectors, Map<String, String> labels) {
        if (selectors.isEmpty()) {
            return List.of();
        }
        List<Map<String, String>> out = new ArrayList<>();
        for (Map<String, String> s : selectors) {
            if (Labels.selects(s, labels)) {
                out.add(s);
            }
        }
        return List.copyOf(out);
    }
}
