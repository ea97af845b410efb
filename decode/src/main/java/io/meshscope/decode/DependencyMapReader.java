package io.meshscope.decode;

import io.meshscope.core.deps.Call;
import io.meshscope.core.deps.Evidence;
import io.meshscope.core.deps.EvidenceKind;
import io.meshscope.core.deps.EvidenceSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a dependency map in the seed's {@code dependencies.yaml} format into declared calls:
 * <pre>
 * services:
 *   frontend/web-ui:
 *     calls: [catalog/product-service, shared/auth-service]   # namespace/service
 *     external: [api.stripe.com]                             # hosts outside the mesh
 * </pre>
 * Every problem is an error at file:line:column with the field path; any error fails the whole map.
 */
public final class DependencyMapReader {
    private static final Set<String> KNOWN = Set.of("calls", "external");

    /** Reads the file at {@code file}, named {@code name} in messages. */
    public Evidence readFile(Path file, String name) throws InputException {
        return read(name, EvidenceInput.read(file, name));
    }

    /** Reads a dependency map given as text, named {@code name} in messages. */
    public Evidence read(String name, String text) throws InputException {
        YNode doc = EvidenceInput.document(name, text, "a dependency map (services: {ns/name: {calls: [...]}})");
        Diagnostics diags = new Diagnostics();
        NodeReader root = NodeReader.root(doc, new DecodeContext(diags, null));
        EvidenceSource source = new EvidenceSource(EvidenceKind.DEPENDENCY_MAP, name, null);
        List<Call> calls = new ArrayList<>();
        List<String> covered = new ArrayList<>();
        NodeReader services = root.get("services");
        if (!services.isPresent()) {
            services.error(Diagnostics.SHAPE, "a dependency map needs a 'services' mapping of namespace/name keys");
        }
        for (Map.Entry<String, NodeReader> e : services.entries().entrySet()) {
            NodeReader svc = e.getValue();
            String[] from = nsName(e.getKey());
            if (from == null) {
                svc.error(Diagnostics.SHAPE, "a service key must be namespace/name, got \"" + e.getKey() + "\"");
                continue;
            }
            covered.add(from[0] + "/" + from[1]);
            for (String key : svc.entries().keySet()) {
                if (!KNOWN.contains(key)) {
                    svc.get(key).error(Diagnostics.SHAPE, "unknown field '" + key + "'; expected calls or external");
                }
            }
            for (NodeReader item : svc.get("calls").items()) {
                String s = item.string();
                String[] to = s == null ? null : nsName(s);
                if (to == null) {
                    item.error(Diagnostics.SHAPE, "a call must be namespace/service, got "
                            + (item.node() == null ? "null" : item.node().describe()));
                    continue;
                }
                calls.add(new Call(from[0], from[1], to[1], to[0], null, 0, source));
            }
            for (NodeReader item : svc.get("external").items()) {
                String host = item.string();
                if (host == null || host.isBlank() || host.contains("/") || host.contains(" ")) {
                    item.error(Diagnostics.SHAPE, "an external entry must be a host name, got "
                            + (item.node() == null ? "null" : item.node().describe()));
                    continue;
                }
                calls.add(new Call(from[0], from[1], host.trim(), null, null, 0, source));
            }
        }
        EvidenceInput.failOnErrors(diags);
        return new Evidence(calls, List.of(source), List.of(), covered);
    }

    private static String[] nsName(String s) {
        String t = s.trim();
        int slash = t.indexOf('/');
        if (slash <= 0 || slash == t.length() - 1 || t.indexOf('/', slash + 1) >= 0 || t.contains(" ")) {
            return null;
        }
        return new String[] {t.substring(0, slash), t.substring(slash + 1)};
    }
}
