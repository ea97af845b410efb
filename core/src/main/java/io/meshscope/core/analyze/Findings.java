package io.meshscope.core.analyze;

import io.meshscope.core.model.EgressListener;
import io.meshscope.core.model.MeshObject;
import io.meshscope.core.model.Sidecar;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/** Small helpers the meshscope analyzers share: field paths, located messages and quoted lists. */
final class Findings {
    private Findings() {
    }

    /** A message on {@code o}, located at the field's place in the file (or the closest written ancestor). */
    static AnalysisMessage at(MessageType type, MeshObject o, String field, String text) {
        return new AnalysisMessage(type, o.id(), o.meta().locate(field), field, text);
    }

    static String listener(int i) {
        return "spec.egress[" + i + "]";
    }

    static String host(int i, int j) {
        return listener(i) + ".hosts[" + j + "]";
    }

    /** One written egress listener and its index in {@code spec.egress}. */
    record Listener(int index, EgressListener listener) {
    }

    /** The Sidecar's written egress listeners with their indexes (none when {@code egress} is absent). */
    static List<Listener> listeners(Sidecar s) {
        List<Listener> out = new ArrayList<>();
        for (int i = 0; i < s.egress().size(); i++) {
            if (s.egress().get(i) != null) {
                out.add(new Listener(i, s.egress().get(i)));
            }
        }
        return out;
    }

    /** The port a listener filters services by (sidecar-semantics.md §4.5), or null: none, UDS or HTTP_PROXY. */
    static Integer filteredPort(EgressListener l) {
        long number = l.port() == null ? 0 : l.port().numberOrZero();
        return number < 0 || number > 65535 ? null : l.matchPort(); // out of range: validation reports it
    }

    /** {@code "a", "b"}: each item double-quoted, comma separated. */
    static String quoted(Collection<String> items) {
        return items.stream().map(x -> "\"" + x + "\"").collect(Collectors.joining(", "));
    }

    /** The first {@code max} items, then "and N more". */
    static String firstOf(List<String> items, int max) {
        if (items.size() <= max) {
            return String.join(", ", items);
        }
        return String.join(", ", items.subList(0, max)) + " and " + (items.size() - max) + " more";
    }

    /** "1 service", "2 services". */
    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
