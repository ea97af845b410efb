package io.meshscope.core.registry;

import io.meshscope.core.model.HttpActions;
import io.meshscope.core.model.HttpMatch;
import io.meshscope.core.model.MeshConfig;
import io.meshscope.core.model.StringMatch;
import io.meshscope.core.model.VirtualService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Delegate VirtualServices as istiod merges them ({@code mergeVirtualServices}, {@code MergeHTTPRoutes},
 * {@code mergeHTTPRoute}, {@code mergeHTTPMatchRequests}, {@code hasConflict} in {@code pilot/pkg/model}): each
 * root route with {@code delegate} is replaced by the delegate's routes, their matches merged with the root's (a
 * delegate match conflicting with every root match drops that delegate route), and the root's actions filling
 * what the delegate route leaves unset. A delegate that does not exist (a VirtualService without hosts) or is not
 * exported to the root's namespace drops the root route. Delegate destinations are resolved against the
 * delegate's namespace ({@code ResolveVirtualServiceShortnames}).
 */
final class DelegateMerger {
    private final Map<String, VirtualService> delegates = new HashMap<>();
    private final MeshConfig mesh;

    DelegateMerger(List<VirtualService> all, MeshConfig mesh) {
        this.mesh = mesh;
        for (VirtualService vs : all) {
            if (vs.hosts().isEmpty()) {
                delegates.putIfAbsent(vs.meta().namespace() + "/" + vs.meta().name(), vs);
            }
        }
    }

    /** The {@code namespace/name} keys of the delegates {@code root} refers to (whether they exist or not). */
    static List<String> delegateKeys(VirtualService root) {
        List<String> out = new ArrayList<>();
        for (VirtualService.Route r : root.http()) {
            HttpActions.Delegate d = r.http().delegate();
            if (d != null) {
                out.add(key(root, d));
            }
        }
        return out;
    }

    /** The delegate's namespace: written, else the root's. */
    private static String namespace(VirtualService root, HttpActions.Delegate d) {
        return d.namespace().isEmpty() ? root.meta().namespace() : d.namespace();
    }

    /** The {@code namespace/name} key of a delegate. */
    private static String key(VirtualService root, HttpActions.Delegate d) {
        return namespace(root, d) + "/" + d.name();
    }

    /** {@code root} with its delegate routes merged in; itself when it has none (or has no hosts). */
    VirtualService merge(VirtualService root) {
        if (root.hosts().isEmpty() || delegateKeys(root).isEmpty()) {
            return root;
        }
        List<VirtualService.Route> merged = new ArrayList<>();
        for (VirtualService.Route r : root.http()) {
            HttpActions.Delegate d = r.http().delegate();
            if (d == null) {
                merged.add(r);
                continue;
            }
            String ns = namespace(root, d);
            VirtualService delegate = delegates.get(key(root, d));
            if (delegate == null || !exportedTo(delegate, root.meta().namespace())) {
                continue; // istiod ignores only this route
            }
            for (VirtualService.Route sub : delegate.http()) {
                VirtualService.Route m = mergeRoute(r, resolved(sub, ns));
                if (m != null) {
                    merged.add(m);
                }
            }
        }
        return new VirtualService(root.meta(), root.hosts(), root.gateways(), root.exportTo(), merged, root.tcp(),
                root.tls());
    }

    private boolean exportedTo(VirtualService delegate, String ns) {
        Set<String> exportTo = VirtualServiceIndex.exportTo(delegate, mesh);
        return exportTo.contains("*") || exportTo.contains(ns);
    }

    /** Destination hosts as FQDNs of the delegate's namespace, so the root's namespace cannot re-resolve them. */
    private VirtualService.Route resolved(VirtualService.Route r, String ns) {
        return new VirtualService.Route(r.name(), r.match(), resolve(r.route(), ns), resolve(r.mirrors(), ns),
                r.http());
    }

    private List<VirtualService.Destination> resolve(List<VirtualService.Destination> ds, String ns) {
        List<VirtualService.Destination> out = new ArrayList<>();
        for (VirtualService.Destination d : ds) {
            String host = d.host() == null || d.host().isEmpty() ? d.host()
                    : Hostnames.resolveShortName(d.host(), ns, mesh.domainSuffix());
            out.add(new VirtualService.Destination(host, d.subset(), d.port(), d.weight(), d.headers(),
                    d.mirrorPercent()));
        }
        return out;
    }

    /** {@code mergeHTTPRoute}: null when the delegate route's matches conflict with the root's. */
    static VirtualService.Route mergeRoute(VirtualService.Route root, VirtualService.Route delegate) {
        List<VirtualService.Match> matches = mergeMatches(root.match(), delegate.match());
        if (matches == null) {
            return null;
        }
        String name = delegate.name().isEmpty() ? root.name()
                : root.name().isEmpty() ? delegate.name() : root.name() + "-" + delegate.name();
        HttpActions r = root.http();
        HttpActions d = delegate.http();
        VirtualService.Destination rootSingle = r.singleMirror() ? root.mirrors().get(0) : null;
        List<VirtualService.Destination> rootList = r.singleMirror()
                ? root.mirrors().subList(1, root.mirrors().size()) : root.mirrors();
        VirtualService.Destination single = d.singleMirror() ? delegate.mirrors().get(0) : rootSingle;
        List<VirtualService.Destination> list = d.singleMirror()
                ? delegate.mirrors().subList(1, delegate.mirrors().size()) : delegate.mirrors();
        if (list.isEmpty()) {
            list = rootList;
        }
        List<VirtualService.Destination> mirrors = new ArrayList<>();
        if (single != null) {
            mirrors.add(single);
        }
        mirrors.addAll(list);
        List<HttpMatch.NotGenerated> notGenerated = new ArrayList<>(d.notGenerated());
        r.notGenerated().stream().filter(n -> !n.field().equals("delegate")).forEach(notGenerated::add);
        HttpActions actions = new HttpActions(d.redirect(), or(d.directResponse(), r.directResponse()), d.delegate(),
                or(d.rewrite(), r.rewrite()), or(d.timeout(), r.timeout()), or(d.retries(), r.retries()),
                or(d.fault(), r.fault()), or(d.headers(), r.headers()), or(d.corsPolicy(), r.corsPolicy()),
                single != null, notGenerated);
        return new VirtualService.Route(name, matches, delegate.route(), mirrors, actions);
    }

    private static <T> T or(T a, T b) {
        return a != null ? a : b;
    }

    /** {@code mergeHTTPMatchRequests}: null on conflict. */
    static List<VirtualService.Match> mergeMatches(List<VirtualService.Match> root, List<VirtualService.Match> delegate) {
        if (root.isEmpty()) {
            return delegate;
        }
        if (delegate.isEmpty()) {
            return root;
        }
        List<VirtualService.Match> out = new ArrayList<>();
        for (VirtualService.Match sub : delegate) {
            boolean found = false;
            for (VirtualService.Match rm : root) {
                if (hasConflict(rm, sub)) {
                    continue;
                }
                out.add(mergeMatch(rm, sub));
                found = true;
            }
            if (!found) {
                return null;
            }
        }
        return out.isEmpty() ? null : out;
    }

    /** {@code mergeHTTPMatchRequest}: the delegate's match, completed by the root's. */
    static VirtualService.Match mergeMatch(VirtualService.Match root, VirtualService.Match delegate) {
        HttpMatch r = root.http();
        HttpMatch d = delegate.http();
        String name = d.name().isEmpty() ? r.name() : r.name().isEmpty() ? d.name() : r.name() + "-" + d.name();
        StringMatch uri = or(uri(delegate), uri(root));
        List<HttpMatch.NotGenerated> notGenerated = new ArrayList<>(r.notGenerated());
        notGenerated.addAll(d.notGenerated());
        HttpMatch http = new HttpMatch(name, uri, or(d.scheme(), r.scheme()), or(d.method(), r.method()),
                or(d.authority(), r.authority()), mergeCopy(r.headers(), d.headers()),
                mergeCopy(r.withoutHeaders(), d.withoutHeaders()), mergeCopy(r.queryParams(), d.queryParams()),
                d.ignoreUriCase(), mergeCopy(r.sourceLabels(), d.sourceLabels()),
                d.gateways().isEmpty() ? r.gateways() : d.gateways(),
                d.statPrefix().isEmpty() ? r.statPrefix() : d.statPrefix(), notGenerated);
        return new VirtualService.Match(
                delegate.sourceNamespace().isEmpty() ? root.sourceNamespace() : delegate.sourceNamespace(),
                uri == null || uri.prefix() == null ? "" : uri.prefix(),
                uri == null || uri.exact() == null ? "" : uri.exact(),
                uri == null || uri.regex() == null ? "" : uri.regex(),
                delegate.port() == 0 ? root.port() : delegate.port(), http);
    }

    private static StringMatch uri(VirtualService.Match m) {
        if (m.http().uri() != null) {
            return m.http().uri();
        }
        if (!m.uriExact().isEmpty()) {
            return StringMatch.exact(m.uriExact());
        }
        if (!m.uriRegex().isEmpty()) {
            return StringMatch.regex(m.uriRegex());
        }
        return m.uriPrefix().isEmpty() ? null : StringMatch.prefix(m.uriPrefix());
    }

    private static <V> Map<String, V> mergeCopy(Map<String, V> base, Map<String, V> override) {
        Map<String, V> out = new LinkedHashMap<>(base);
        out.putAll(override);
        return out;
    }

    /** {@code hasConflict}: the delegate match must be a subset of the root's. */
    static boolean hasConflict(VirtualService.Match root, VirtualService.Match leaf) {
        HttpMatch r = root.http();
        HttpMatch l = leaf.http();
        if (conflict(uri(root), uri(leaf)) || conflict(r.scheme(), l.scheme()) || conflict(r.method(), l.method())
                || conflict(r.authority(), l.authority())) {
            return true;
        }
        for (Map.Entry<String, StringMatch> e : l.headers().entrySet()) {
            if (conflict(r.headers().get(e.getKey()), e.getValue())) {
                return true;
            }
        }
        for (Map.Entry<String, StringMatch> e : l.withoutHeaders().entrySet()) {
            if (conflict(r.withoutHeaders().get(e.getKey()), e.getValue())) {
                return true;
            }
        }
        for (Map.Entry<String, StringMatch> e : l.queryParams().entrySet()) {
            if (conflict(r.queryParams().get(e.getKey()), e.getValue())) {
                return true;
            }
        }
        if (r.ignoreUriCase() != l.ignoreUriCase()) {
            return true;
        }
        if (root.port() > 0 && leaf.port() > 0 && root.port() != leaf.port()) {
            return true;
        }
        if (!root.sourceNamespace().isEmpty() && !leaf.sourceNamespace().equals(root.sourceNamespace())) {
            return true;
        }
        for (Map.Entry<String, String> e : l.sourceLabels().entrySet()) {
            String v = r.sourceLabels().get(e.getKey());
            if (v != null && !v.equals(e.getValue())) {
                return true;
            }
        }
        if (!r.gateways().isEmpty() && !l.gateways().isEmpty()) {
            return r.gateways().size() < l.gateways().size() || !r.gateways().containsAll(l.gateways());
        }
        return false;
    }

    /** {@code stringMatchConflict}, with Go's empty-string getters. */
    static boolean conflict(StringMatch root, StringMatch leaf) {
        if (root == null || leaf == null) {
            return false;
        }
        String rExact = nz(root.exact());
        String rPrefix = nz(root.prefix());
        String rRegex = nz(root.regex());
        String lExact = nz(leaf.exact());
        String lPrefix = nz(leaf.prefix());
        String lRegex = nz(leaf.regex());
        if (!rRegex.isEmpty() && (!lRegex.isEmpty() || !lPrefix.isEmpty() || !lExact.isEmpty())) {
            return true;
        }
        if (!lRegex.isEmpty() && (!rRegex.isEmpty() || !rPrefix.isEmpty() || !rExact.isEmpty())) {
            return true;
        }
        if (!rExact.isEmpty()) {
            return !lPrefix.isEmpty() || !Objects.equals(lExact, rExact);
        }
        if (!rPrefix.isEmpty()) {
            if (!lPrefix.isEmpty()) {
                return !lPrefix.startsWith(rPrefix);
            }
            if (!lExact.isEmpty()) {
                return !lExact.startsWith(rPrefix);
            }
        }
        return true;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
