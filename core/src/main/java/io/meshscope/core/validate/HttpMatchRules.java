package io.meshscope.core.validate;

import io.meshscope.core.model.StringMatch;
import io.meshscope.core.model.VirtualService;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Istio's {@code validateHTTPRouteConflict} and {@code validateHTTPRouteMatchRequest}
 * ({@code pkg/config/validation/virtualservice.go}) with Istio's texts, each at the field it concerns.
 */
final class HttpMatchRules {
    /** {@code tchars} of RFC 7230, Istio's {@code validHeaderNameRegex}. */
    private static final Pattern HEADER_NAME = Pattern.compile("^[!#$%&'*+\\-.^_`|~A-Za-z0-9]+$");
    private static final Set<String> PSEUDO_HEADERS = Set.of(":method", ":scheme", ":authority", ":path", ":status");
    private static final String JWT_CLAIM = "@request.auth.claims";

    private HttpMatchRules() {
    }

    /** {@code validateHTTPRouteConflict}; {@code delegateVs}: the VirtualService is itself a delegate (no hosts). */
    static void conflicts(VirtualService.Route r, boolean delegateVs, String rp, Findings f) {
        var h = r.http();
        if (!delegateVs && h.delegate() != null) {
            // A root route: only delegate may be specified.
            if (h.redirect() != null) {
                f.error(rp + ".redirect", "root HTTP route " + r.name() + " must not specify redirect");
            }
            if (!r.route().isEmpty()) {
                f.error(rp + ".route", "root HTTP route " + r.name() + " must not specify route");
            }
            return;
        }
        if (delegateVs && h.delegate() != null) {
            f.error(rp + ".delegate", "delegate HTTP route cannot contain delegate");
        }
        if (h.redirect() != null) {
            if (!r.route().isEmpty()) {
                f.error(rp, "HTTP route cannot contain both route and redirect");
            }
            if (h.fault() != null) {
                f.error(rp, "HTTP route cannot contain both fault and redirect");
            }
            if (h.rewrite() != null) {
                f.error(rp, "HTTP route rule cannot contain both rewrite and redirect");
            }
            if (h.directResponse() != null) {
                f.error(rp, "HTTP route rule cannot contain both direct_response and redirect");
            }
        } else if (h.directResponse() != null) {
            if (!r.route().isEmpty()) {
                f.error(rp, "HTTP route cannot contain both route and direct_response");
            }
            if (h.fault() != null) {
                f.error(rp, "HTTP route cannot contain both fault and direct_response");
            }
            if (h.rewrite() != null) {
                f.error(rp, "HTTP route rule cannot contain both rewrite and direct_response");
            }
        } else if (r.route().isEmpty()) {
            f.error(rp, "HTTP route, redirect or direct_response is required");
        }
        if (h.singleMirror() && r.mirrors().size() > 1) {
            f.error(rp, "HTTP route cannot contain both mirror and mirrors");
        }
    }

    /** {@code validateHTTPRouteMatchRequest}: string matches and header names, then port, labels, gateways, namespace. */
    static void matches(VirtualService.Route r, String rp, Findings f) {
        for (int m = 0; m < r.match().size(); m++) {
            var match = r.match().get(m).http();
            String mp = rp + ".match[" + m + "]";
            match.headers().forEach((name, sm) -> {
                f.error(mp + ".headers", headerName(name));
                f.error(mp + ".headers." + name, stringMatch(sm, "headers"));
            });
            match.withoutHeaders().forEach((name, sm) -> {
                f.error(mp + ".withoutHeaders", headerName(name));
                if (!"*".equals(sm.regex())) {
                    f.error(mp + ".withoutHeaders." + name, stringMatch(sm, "withoutHeaders"));
                }
            });
            if (match.uri() != null) {
                f.error(mp + ".uri", regexMatch(match.uri(), "uri"));
            }
            f.error(mp + ".scheme", stringMatch(match.scheme(), "scheme"));
            f.error(mp + ".method", stringMatch(match.method(), "method"));
            f.error(mp + ".authority", stringMatch(match.authority(), "authority"));
            for (Map.Entry<String, StringMatch> q : match.queryParams().entrySet()) {
                f.error(mp + ".queryParams." + q.getKey(), stringMatch(q.getValue(), "queryParams"));
            }
        }
        for (int m = 0; m < r.match().size(); m++) {
            VirtualService.Match match = r.match().get(m);
            String mp = rp + ".match[" + m + "]";
            if (match.port() != 0) {
                f.error(mp + ".port", PortRules.validatePort(match.port()));
            }
            LabelRules.validate(match.http().sourceLabels(), mp + ".sourceLabels", f);
            if (!match.http().gateways().isEmpty()) {
                GatewayNameRules.validate(match.http().gateways(), mp + ".gateways", f);
            }
            String ns = match.sourceNamespace();
            if (ns != null && !ns.isEmpty() && !HostnameRules.isDns1123Label(ns)) {
                f.error(mp + ".sourceNamespace", "sourceNamespace match " + ns + " is invalid");
            }
        }
    }

    /** {@code ValidateHTTPHeaderNameOrJwtClaimRoute}. */
    static String headerName(String name) {
        if (name.isEmpty()) {
            return "header name cannot be empty";
        }
        if (isJwtClaim(name) || PSEUDO_HEADERS.contains(name) || HEADER_NAME.matcher(name).matches()) {
            return null;
        }
        return "header name " + name + " is not a valid header name";
    }

    /** {@code jwt.ToRoutingClaim(name).Match}. */
    static boolean isJwtClaim(String name) {
        if (!name.toLowerCase(Locale.ROOT).startsWith(JWT_CLAIM)) {
            return false;
        }
        String rest = name.substring(JWT_CLAIM.length());
        return (rest.startsWith(".") && rest.length() > 1)
                || (rest.startsWith("[") && rest.endsWith("]") && rest.length() > 2);
    }

    /** {@code validateStringMatch}: a prefix may not be empty; a regex is checked as {@link #regexMatch}. */
    static String stringMatch(StringMatch sm, String where) {
        if (sm == null) {
            return null;
        }
        if (sm.exact() == null && sm.prefix() != null && sm.prefix().isEmpty()) {
            return GoText.quote(where) + ": prefix string match should not be empty";
        }
        return regexMatch(sm, where);
    }

    /** {@code validateStringMatchRegexp}: a regex may not be empty nor longer than 1024. */
    static String regexMatch(StringMatch sm, String where) {
        if (sm == null || sm.exact() != null || sm.prefix() != null || sm.regex() == null) {
            return null;
        }
        return regexp(sm.regex(), where);
    }

    /**
     * {@code validateStringRegexp}: at most 1024 bytes (Istio's stand-in for Envoy's RE2 program-size limit, which
     * Go cannot measure), then RE2 syntax as Go's {@code regexp.Compile} checks it (re2j is a port of it, with the
     * same error texts). The caller checks emptiness first.
     */
    static String regexp(String re, String where) {
        if (re.isEmpty()) {
            return GoText.quote(where) + ": regex string match should not be empty";
        }
        if (re.getBytes(StandardCharsets.UTF_8).length > 1024) {
            return GoText.quote(where) + ": regex is too large, max length allowed is 1024";
        }
        try {
            com.google.re2j.Pattern.compile(re);
            return null;
        } catch (com.google.re2j.PatternSyntaxException e) {
            return GoText.quote(where) + ": " + e.getMessage()
                    + "; Istio uses RE2 style regex-based match (https://github.com/google/re2/wiki/Syntax)";
        }
    }
}
