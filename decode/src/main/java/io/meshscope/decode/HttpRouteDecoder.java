package io.meshscope.decode;

import io.meshscope.core.model.HttpActions;
import io.meshscope.core.model.HttpMatch;
import io.meshscope.core.model.HttpMatch.NotGenerated;
import io.meshscope.core.model.StringMatch;
import io.meshscope.core.model.VirtualService;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The HTTP-only parts of a VirtualService route ({@code HTTPMatchRequest} and {@code HTTPRoute} actions). A field
 * this model does not know is not dropped silently: it is recorded as {@link NotGenerated}, so validation reports
 * it and generation omits a match it cannot express instead of widening it.
 */
final class HttpRouteDecoder {
    private static final Set<String> MATCH_FIELDS = Set.of("name", "uri", "scheme", "method", "authority", "headers",
            "withoutHeaders", "queryParams", "ignoreUriCase", "port", "sourceLabels", "gateways", "sourceNamespace",
            "statPrefix");
    private static final Set<String> ROUTE_FIELDS = Set.of("name", "match", "route", "redirect", "directResponse",
            "delegate", "rewrite", "timeout", "retries", "fault", "mirror", "mirrors", "mirrorPercent",
            "mirrorPercentage", "corsPolicy", "headers");
    private static final Set<String> STRING_MATCH_FIELDS = Set.of("exact", "prefix", "regex");
    /** JWT claim routing ({@code translateMetadataMatch}) needs Istio's authn filter, which is not generated. */
    private static final String JWT_CLAIM_PREFIX = "@request.auth.claims";

    private HttpRouteDecoder() {
    }

    /** One HTTP match entry. */
    static VirtualService.Match match(NodeReader match) {
        List<NotGenerated> notGenerated = new ArrayList<>();
        unknownFields(match, MATCH_FIELDS, "", notGenerated);
        // A value of the wrong type is read as absent, which would widen the match: such a match is not generated.
        for (String key : List.of("uri", "scheme", "method", "authority", "headers", "withoutHeaders", "queryParams",
                "sourceLabels")) {
            shape(match.get(key), YNode.Mapping.class, key, notGenerated);
        }
        shape(match.get("gateways"), YNode.Seq.class, "gateways", notGenerated);
        for (String key : List.of("port", "sourceNamespace", "ignoreUriCase")) {
            shape(match.get(key), YNode.Scalar.class, key, notGenerated);
        }
        if (match.get("port").isPresent() && match.get("port").int32() == null) {
            notGenerated.add(new NotGenerated("port", "not a port number"));
        }
        StringMatch uri = stringMatch(match.get("uri"), "uri", notGenerated);
        Map<String, StringMatch> headers = stringMatches(match.get("headers"), "headers", notGenerated);
        Map<String, StringMatch> without = stringMatches(match.get("withoutHeaders"), "withoutHeaders", notGenerated);
        for (String h : headers.keySet()) {
            jwtClaim(h, "headers", notGenerated);
        }
        for (String h : without.keySet()) {
            jwtClaim(h, "withoutHeaders", notGenerated);
        }
        HttpMatch http = new HttpMatch(match.get("name").stringOr(""), uri,
                stringMatch(match.get("scheme"), "scheme", notGenerated),
                stringMatch(match.get("method"), "method", notGenerated),
                stringMatch(match.get("authority"), "authority", notGenerated), headers, without,
                stringMatches(match.get("queryParams"), "queryParams", notGenerated),
                Boolean.TRUE.equals(match.get("ignoreUriCase").bool()), match.get("sourceLabels").stringMap(),
                ServiceDecoder.nonNull(match.get("gateways").strings()), match.get("statPrefix").stringOr(""),
                notGenerated);
        return new VirtualService.Match(match.get("sourceNamespace").stringOr(""),
                uri == null || uri.prefix() == null ? "" : uri.prefix(),
                uri == null || uri.exact() == null ? "" : uri.exact(),
                uri == null || uri.regex() == null ? "" : uri.regex(), match.get("port").int32Or(0), http);
    }

    private static void jwtClaim(String header, String field, List<NotGenerated> out) {
        if (header.toLowerCase(java.util.Locale.ROOT).startsWith(JWT_CLAIM_PREFIX)) {
            out.add(new NotGenerated(field + "." + header,
                    "JWT claim routing needs Istio's authentication filter, which meshscope does not generate"));
        }
    }

    /** The actions of one HTTP route. */
    static HttpActions actions(NodeReader route) {
        List<NotGenerated> notGenerated = new ArrayList<>();
        unknownFields(route, ROUTE_FIELDS, "", notGenerated);
        // Matches that cannot be read must not leave a route that matches everything.
        shape(route.get("match"), YNode.Seq.class, "match", notGenerated);
        List<NodeReader> items = route.get("match").items();
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i).node() instanceof YNode.Mapping)) {
                notGenerated.add(new NotGenerated("match[" + i + "]", "not a match"));
            }
        }
        HttpActions.Delegate delegate = null;
        NodeReader d = route.get("delegate");
        if (d.isMapping()) {
            delegate = new HttpActions.Delegate(d.get("name").stringOr(""), d.get("namespace").stringOr(""));
        }
        return new HttpActions(redirect(route.get("redirect")), directResponse(route.get("directResponse")),
                delegate, rewrite(route.get("rewrite")), route.get("timeout").string(), retries(route.get("retries")),
                fault(route.get("fault"), notGenerated), headerOps(route.get("headers")), cors(route.get("corsPolicy")),
                route.get("mirror").isPresent(), notGenerated);
    }

    /** The mirror percentage of the route-level {@code mirror}: {@code mirrorPercentage}, else {@code mirrorPercent}. */
    static HttpActions.MirrorPercent routeMirrorPercent(NodeReader route) {
        Double pct = percentage(route.get("mirrorPercentage"));
        if (pct != null) {
            return new HttpActions.MirrorPercent(pct, false);
        }
        Integer legacy = route.get("mirrorPercent").int32();
        return legacy == null ? null : new HttpActions.MirrorPercent(legacy, true);
    }

    /** A {@code Percent} ({@code {value: 12.5}}), or null when absent. */
    static Double percentage(NodeReader percent) {
        if (!percent.isMapping()) {
            return null;
        }
        return number(percent.get("value"));
    }

    /** A number (integer or decimal), or null when absent or not a number (reported). */
    static Double number(NodeReader n) {
        String s = n.string();
        if (s == null) {
            return null;
        }
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            n.error(Diagnostics.TYPE, "expected a number, got " + n.node().describe());
            return null;
        }
    }

    static HttpActions.HeaderOps headerOps(NodeReader headers) {
        if (!headers.isMapping()) {
            return null;
        }
        NodeReader req = headers.get("request");
        NodeReader resp = headers.get("response");
        return new HttpActions.HeaderOps(req.get("set").stringMap(), req.get("add").stringMap(),
                ServiceDecoder.nonNull(req.get("remove").strings()), resp.get("set").stringMap(),
                resp.get("add").stringMap(), ServiceDecoder.nonNull(resp.get("remove").strings()));
    }

    /** A written value that is not of {@code type} is recorded as not generated; null reads as absent. */
    private static void shape(NodeReader n, Class<? extends YNode> type, String field, List<NotGenerated> out) {
        YNode node = n.node();
        if (node == null || (node instanceof YNode.Scalar sc && sc.isNull())) {
            return;
        }
        if (!type.isInstance(node)) {
            out.add(new NotGenerated(field, "not " + (type == YNode.Mapping.class ? "a mapping"
                    : type == YNode.Seq.class ? "a list" : "a scalar")));
        }
    }

    private static void unknownFields(NodeReader mapping, Set<String> known, String prefix, List<NotGenerated> out) {
        for (String key : mapping.entries().keySet()) {
            if (!known.contains(key)) {
                out.add(new NotGenerated(prefix + key, "unknown field"));
            }
        }
    }

    /** A StringMatch, or null when absent; an unknown or second match type is recorded as not generated. */
    private static StringMatch stringMatch(NodeReader n, String field, List<NotGenerated> out) {
        if (!n.isMapping()) {
            return null;
        }
        Map<String, NodeReader> entries = n.entries();
        for (String t : STRING_MATCH_FIELDS) {
            if (entries.containsKey(t) && entries.get(t).isPresent() && entries.get(t).string() == null) {
                out.add(new NotGenerated(field + "." + t, "not a string"));
            }
        }
        unknownFields(n, STRING_MATCH_FIELDS, field + ".", out);
        List<String> types = entries.keySet().stream().filter(STRING_MATCH_FIELDS::contains).toList();
        if (types.size() > 1) {
            out.add(new NotGenerated(field, "more than one of exact, prefix, regex"));
        }
        return new StringMatch(n.get("exact").string(), types.contains("exact") ? null : n.get("prefix").string(),
                types.contains("exact") || types.contains("prefix") ? null : n.get("regex").string());
    }

    private static Map<String, StringMatch> stringMatches(NodeReader map, String field, List<NotGenerated> out) {
        Map<String, StringMatch> result = new LinkedHashMap<>();
        for (Map.Entry<String, NodeReader> e : map.entries().entrySet()) {
            NodeReader v = e.getValue();
            if (!v.isPresent()) {
                // istiod reads null as a presence match; Istio's validation rejects it for headers only.
                if (field.equals("headers")) {
                    out.add(new NotGenerated(field + "." + e.getKey(), "header match cannot be null"));
                } else {
                    result.put(e.getKey(), StringMatch.PRESENT);
                }
                continue;
            }
            if (!(v.node() instanceof YNode.Mapping)) {
                out.add(new NotGenerated(field + "." + e.getKey(), "not a StringMatch"));
                continue;
            }
            result.put(e.getKey(), stringMatch(v, field + "." + e.getKey(), out));
        }
        return result;
    }

    private static HttpActions.Redirect redirect(NodeReader r) {
        if (!r.isMapping()) {
            return null;
        }
        return new HttpActions.Redirect(r.get("uri").stringOr(""), r.get("authority").stringOr(""),
                r.get("port").int32(), r.get("derivePort").string(), r.get("scheme").stringOr(""),
                r.get("redirectCode").int32Or(0), r.get("prefixRewrite").stringOr(""));
    }

    private static HttpActions.DirectResponse directResponse(NodeReader r) {
        if (!r.isMapping()) {
            return null;
        }
        NodeReader body = r.get("body");
        return new HttpActions.DirectResponse(r.get("status").int32Or(0), body.get("string").string(),
                body.get("bytes").string());
    }

    private static HttpActions.Rewrite rewrite(NodeReader r) {
        if (!r.isMapping()) {
            return null;
        }
        NodeReader regex = r.get("uriRegexRewrite");
        return new HttpActions.Rewrite(r.get("uri").stringOr(""), r.get("authority").stringOr(""),
                regex.isMapping() ? regex.get("match").stringOr("") : null,
                regex.isMapping() ? regex.get("rewrite").stringOr("") : null);
    }

    private static HttpActions.Retries retries(NodeReader r) {
        if (!r.isMapping()) {
            return null;
        }
        return new HttpActions.Retries(r.get("attempts").int32Or(0), r.get("perTryTimeout").string(),
                r.get("retryOn").string(), r.get("retryRemoteLocalities").bool(),
                r.get("retryIgnorePreviousHosts").bool(), r.get("backoff").string());
    }

    private static HttpActions.Fault fault(NodeReader f, List<NotGenerated> out) {
        if (!f.isMapping()) {
            return null;
        }
        HttpActions.Delay delay = null;
        NodeReader d = f.get("delay");
        if (d.isMapping()) {
            delay = new HttpActions.Delay(percentage(d.get("percentage")), d.get("percent").int32(),
                    d.get("fixedDelay").string(), d.get("exponentialDelay").string());
            if (delay.fixedDelay() == null && delay.exponentialDelay() != null) {
                out.add(new NotGenerated("fault.delay.exponentialDelay",
                        "exponential delays are not supported by istiod or Envoy; no delay is injected"));
            }
        }
        HttpActions.Abort abort = null;
        NodeReader a = f.get("abort");
        if (a.isMapping()) {
            abort = new HttpActions.Abort(percentage(a.get("percentage")), a.get("httpStatus").int32(),
                    a.get("grpcStatus").string(), a.get("http2Error").string());
            if (abort.httpStatus() == null && abort.grpcStatus() == null && abort.http2Error() != null) {
                out.add(new NotGenerated("fault.abort.http2Error",
                        "HTTP/2 error aborts are not supported by istiod; no abort is injected"));
            }
        }
        return new HttpActions.Fault(delay, abort);
    }

    private static HttpActions.CorsPolicy cors(NodeReader c) {
        if (!c.isMapping()) {
            return null;
        }
        List<StringMatch> origins = null;
        if (c.get("allowOrigins").isPresent()) {
            origins = new ArrayList<>();
            for (NodeReader o : c.get("allowOrigins").items()) {
                StringMatch m = o.isMapping() ? new StringMatch(o.get("exact").string(), o.get("prefix").string(),
                        o.get("regex").string()) : null;
                if (m != null) {
                    origins.add(m);
                }
            }
        }
        List<String> origin = c.get("allowOrigin").isPresent()
                ? ServiceDecoder.nonNull(c.get("allowOrigin").strings()) : null;
        return new HttpActions.CorsPolicy(origins, origin, ServiceDecoder.nonNull(c.get("allowMethods").strings()),
                ServiceDecoder.nonNull(c.get("allowHeaders").strings()),
                ServiceDecoder.nonNull(c.get("exposeHeaders").strings()), c.get("maxAge").string(),
                c.get("allowCredentials").bool(), c.get("unmatchedPreflights").string());
    }
}
