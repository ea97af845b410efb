package io.meshscope.core.generate;

import io.meshscope.core.deps.EvidenceSource;
import io.meshscope.core.deps.ResolvedCall;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * The YAML comment a generated host carries: who calls it, how often, and the evidence —
 * {@code web-ui, mobile-bff; 1520 calls; prometheus http://prom:9090 (7d)}. Callers in the Sidecar's namespace
 * are named without it; at most {@value #MAX_CALLERS} are listed.
 */
final class EvidenceComments {
    static final int MAX_CALLERS = 3;
    static final String ALWAYS = "--always";

    private EvidenceComments() {
    }

    static String of(Collection<ResolvedCall> calls, String sidecarNamespace) {
        TreeSet<String> callers = new TreeSet<>();
        TreeSet<EvidenceSource> sources = new TreeSet<>();
        long count = 0;
        for (ResolvedCall c : calls) {
            callers.add(c.caller().namespace().equals(sidecarNamespace) ? c.caller().name() : c.caller().id());
            sources.addAll(c.sources());
            count += c.count();
        }
        List<String> names = new ArrayList<>(callers);
        String who = String.join(", ", names.subList(0, Math.min(MAX_CALLERS, names.size())))
                + (names.size() > MAX_CALLERS ? " +" + (names.size() - MAX_CALLERS) + " more" : "");
        StringBuilder sb = new StringBuilder(who);
        if (count > 0) {
            sb.append("; ").append(count).append(count == 1 ? " call" : " calls");
        }
        sb.append("; ").append(String.join(", ", sources.stream().map(EvidenceSource::describe).toList()));
        return sb.toString().replace('\n', ' ');
    }
}
