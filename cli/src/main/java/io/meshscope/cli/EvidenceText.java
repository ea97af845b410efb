package io.meshscope.cli;

import io.meshscope.core.deps.Caller;
import io.meshscope.core.deps.EvidenceSource;
import io.meshscope.core.deps.ResolvedCall;
import io.meshscope.core.deps.Resolution;
import io.meshscope.core.deps.Unresolved;
import io.meshscope.core.render.Json;
import io.meshscope.core.render.TextSafe;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The parts of generate's and whatif's reports that describe the evidence: inputs, what could not be used. */
final class EvidenceText {
    private EvidenceText() {
    }

    static void sources(StringBuilder sb, Resolution r) {
        sb.append("evidence: ").append(r.calls().size()).append(" calls from ")
                .append(r.callers().all().stream().filter(c -> !r.callsOf(c).isEmpty()).count())
                .append(" workloads; ");
        sb.append(t(String.join("; ", r.evidence().sources().stream().map(EvidenceSource::describe).toList())))
                .append('\n');
    }

    /** Calls that could not be tied to the manifests, and the readers' notes; nothing when there are none. */
    static void problems(StringBuilder sb, Resolution r) {
        if (!r.unresolved().isEmpty()) {
            sb.append("\nnot in the manifests (reported, not imported):\n");
            for (Unresolved u : r.unresolved()) {
                sb.append("  ").append(t(u.call().sourceId())).append(" -> ").append(t(u.call().destination()))
                        .append(": ").append(t(u.detail())).append(" [").append(t(u.call().source().describe())).append("]\n");
            }
        }
        if (!r.evidence().notes().isEmpty()) {
            sb.append("\nnotes:\n");
            r.evidence().notes().forEach(n -> sb.append("  ").append(t(n)).append('\n'));
        }
    }

    /** Gateways seen calling: Sidecars never apply to them. */
    static void gateways(StringBuilder sb, List<Caller> gateways, Resolution r) {
        for (Caller g : gateways) {
            sb.append("gateway ").append(t(g.id())).append(": ").append(r.callsOf(g).size())
                    .append(" calls not scoped (gateways ignore Sidecars)\n");
        }
    }

    static String percent(long part, long whole) {
        return whole == 0 ? "0%" : Math.round(100.0 * part / whole) + "%";
    }

    static Map<String, Object> unresolvedJson(Unresolved u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", u.call().sourceId());
        m.put("destination", u.call().destination());
        m.put("reason", u.reason().name());
        m.put("detail", u.detail());
        m.put("evidence", u.call().source().describe());
        return m;
    }

    static Map<String, Object> callJson(ResolvedCall c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("destination", c.service().hostname());
        m.put("port", c.port());
        m.put("service", c.hostLine());
        m.put("count", c.count());
        m.put("evidence", new ArrayList<>(c.sourceLabels()));
        return m;
    }

    static String json(Object o) {
        return Json.write(o);
    }

    /** User text (names, hosts, labels, file names) as one safe line (issue 13 item 9): see {@link TextSafe}. */
    static String t(Object userText) {
        return TextSafe.escape(String.valueOf(userText));
    }
}
