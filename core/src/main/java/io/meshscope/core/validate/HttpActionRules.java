package io.meshscope.core.validate;

import io.meshscope.core.model.HttpActions;
import io.meshscope.core.model.HttpMatch;
import io.meshscope.core.model.StringMatch;
import io.meshscope.core.model.VirtualService;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The action half of Istio's {@code validateHTTPRoute} ({@code pkg/config/validation/virtualservice.go} and
 * {@code validation.go}): header operations, CORS and fault injection ({@link HttpPolicyRules}), mirrors, redirect, direct response, retries,
 * rewrite, the authority rewrite, weighted destinations and the timeout, in Istio's order and with its texts.
 * Go ranges over header maps in random order; names are reported sorted so output is stable.
 */
final class HttpActionRules {
    private static final Pattern HEADER_VALUE = Pattern.compile("^[^\\x00-\\x08\\x0A-\\x1F\\x7F]*$");
    private static final Set<String> RETRY_ON = Set.of("5xx", "gateway-error", "reset", "reset-before-request",
            "connect-failure", "retriable-4xx", "refused-stream", "retriable-status-codes", "retriable-headers",
            "envoy-ratelimited", "http3-post-connect-failure", "cancelled", "deadline-exceeded", "internal",
            "resource-exhausted", "unavailable");
    /** The codes Go's {@code http.StatusText} knows. */
    private static final Set<Integer> STATUS_CODES = Set.of(100, 101, 102, 103, 200, 201, 202, 203, 204, 205, 206,
            207, 208, 226, 300, 301, 302, 303, 304, 305, 307, 308, 400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410,
            411, 412, 413, 414, 415, 416, 417, 418, 421, 422, 423, 424, 425, 426, 428, 429, 431, 451, 500, 501, 502, 503,
            504, 505, 506, 507, 508, 510, 511);

    private HttpActionRules() {
    }

    /** Everything after the match checks, for route {@code r} at {@code rp} ({@code spec.http[i]}). */
    static void validate(VirtualService.Route r, String rp, Findings f) {
        HttpActions h = r.http();
        headerOps(h.headers(), rp + ".headers", f);
        HttpPolicyRules.cors(h.corsPolicy(), rp + ".corsPolicy", f);
        HttpPolicyRules.fault(h.fault(), rp + ".fault", f);
        mirrorPercent(r, rp, f);
        for (int j = 0; j < r.mirrors().size(); j++) {
            VirtualService.Destination d = r.mirrors().get(j);
            boolean single = h.singleMirror() && j == 0;
            String path = single ? rp + ".mirror" : rp + ".mirrors[" + (h.singleMirror() ? j - 1 : j) + "].destination";
            RouteDestinationRules.validate(d.host(), d.subset(), d.portSet() ? (long) d.port() : null, path, f);
            if (!single && d.mirrorPercent() != null) {
                double v = d.mirrorPercent().value();
                String pp = rp + ".mirrors[" + (h.singleMirror() ? j - 1 : j) + "].percentage";
                if (v > 100) {
                    f.error(pp, "mirror percentage must have a max value of 100 (it has " + goFloat(v) + ")");
                }
                if (v < 0) {
                    f.error(pp, "mirror percentage must have a min value of 0 (it has " + goFloat(v) + ")");
                }
            }
        }
        redirect(r, rp + ".redirect", f);
        directResponse(h.directResponse(), rp + ".directResponse", f);
        retries(h.retries(), rp + ".retries", f);
        rewrite(h.rewrite(), rp + ".rewrite", f);
        authorityRewrite(h, rp, f);
        destinations(r.route(), rp + ".route", f);
        if (h.timeout() != null) {
            duration(h.timeout(), rp + ".timeout", f);
        }
    }

    /** meshscope's own warnings: each field it decodes but cannot generate, with what happens instead. */
    static void notGenerated(VirtualService.Route r, String rp, Findings f) {
        for (int m = 0; m < r.match().size(); m++) {
            for (HttpMatch.NotGenerated n : r.match().get(m).http().notGenerated()) {
                f.notGenerated(rp + ".match[" + m + "]." + n.field(), n.reason(),
                        ": the route for this match is omitted, never widened");
            }
        }
        for (HttpMatch.NotGenerated n : r.http().notGenerated()) {
            String consequence = n.field().startsWith("fault.") ? "" : ": the route is omitted";
            f.notGenerated(rp + "." + n.field(), n.reason(), consequence);
        }
    }

    private static void headerOps(HttpActions.HeaderOps h, String path, Findings f) {
        if (h == null) {
            return;
        }
        setOrAdd(h.requestAdd(), path + ".request.add", true, f);
        setOrAdd(h.requestSet(), path + ".request.set", true, f);
        for (String name : h.requestRemove()) {
            f.error(path + ".request.remove", operationName(name));
        }
        setOrAdd(h.responseAdd(), path + ".response.add", false, f);
        setOrAdd(h.responseSet(), path + ".response.set", false, f);
        for (String name : h.responseRemove()) {
            f.error(path + ".response.remove", operationName(name));
        }
    }

    private static void setOrAdd(Map<String, String> headers, String path, boolean request, Findings f) {
        new TreeMap<>(headers).forEach((name, value) -> {
            f.error(path, request ? withAuthorityName(name) : operationName(name));
            if (!HEADER_VALUE.matcher(value).matches()) {
                f.error(path + "." + name, "header value configuration " + value + " is invalid");
            }
        });
    }

    /** {@code ValidateHTTPHeaderWithAuthorityOperationName}. */
    private static String withAuthorityName(String name) {
        if (name.isEmpty()) {
            return "header name cannot be empty";
        }
        if (isInternal(name) && !isAuthority(name)) {
            return "invalid header \"" + name + "\": header cannot have \":\" prefix";
        }
        return null;
    }

    /** {@code ValidateHTTPHeaderOperationName}. */
    private static String operationName(String name) {
        if (name.isEmpty()) {
            return "header name cannot be empty";
        }
        if (name.equalsIgnoreCase("host")) {
            return "invalid header \"" + name + "\": cannot set Host header";
        }
        if (isInternal(name)) {
            return "invalid header \"" + name + "\": header cannot have \":\" prefix";
        }
        return null;
    }

    private static boolean isInternal(String name) {
        return name.startsWith(":") || name.equalsIgnoreCase("host");
    }

    private static boolean isAuthority(String name) {
        return name.equalsIgnoreCase(":authority") || name.equalsIgnoreCase("host");
    }

    /** The route-level {@code mirrorPercent} (deprecated) and {@code mirrorPercentage} checks. */
    private static void mirrorPercent(VirtualService.Route r, String rp, Findings f) {
        if (!r.http().singleMirror() || r.mirrors().isEmpty() || r.mirrors().get(0).mirrorPercent() == null) {
            return;
        }
        HttpActions.MirrorPercent p = r.mirrors().get(0).mirrorPercent();
        if (p.deprecatedInteger()) {
            if (p.value() > 100) {
                f.error(rp + ".mirrorPercent", "mirror_percent must have a max value of 100 (it has "
                        + (long) p.value() + ")");
            }
            f.warning(rp + ".mirrorPercent", "using deprecated setting \"mirrorPercent\", use \"mirrorPercentage\" instead");
            return;
        }
        if (p.value() > 100) {
            f.error(rp + ".mirrorPercentage", "mirror_percentage must have a max value of 100 (it has "
                    + goFloat(p.value()) + ")");
        }
        if (p.value() < 0) {
            f.error(rp + ".mirrorPercentage", "mirror_percentage must have a min value of 0 (it has "
                    + goFloat(p.value()) + ")");
        }
    }

    /** Go's {@code %v} of a float64: the shortest representation, in e-notation below 1e-4 or from 1e21. */
    static String goFloatV(double v) {
        if (v == 0) {
            return "0";
        }
        double abs = Math.abs(v);
        if (abs >= 1e-4 && abs < 1e21) {
            return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
        }
        String[] parts = Double.toString(v).toUpperCase(Locale.ROOT).split("E");
        String mantissa = parts[0].endsWith(".0") ? parts[0].substring(0, parts[0].length() - 2) : parts[0];
        int exp = Integer.parseInt(parts[1]);
        return mantissa + "e" + (exp < 0 ? "-" : "+") + String.format(Locale.ROOT, "%02d", Math.abs(exp));
    }

    /** Go's {@code %f}: six decimals. */
    private static String goFloat(double v) {
        return String.format(Locale.ROOT, "%f", v);
    }

    /** {@code validateHTTPRedirect} (returns at the first problem, as Istio does). */
    private static void redirect(VirtualService.Route r, String path, Findings f) {
        HttpActions.Redirect rd = r.http().redirect();
        if (rd == null) {
            return;
        }
        if (!rd.uri().isEmpty() && !rd.prefixRewrite().isEmpty()) {
            f.error(path, "redirect may only specify one of uri or prefix_rewrite");
            return;
        }
        if (!rd.prefixRewrite().isEmpty()) {
            for (VirtualService.Match m : r.match()) {
                StringMatch uri = m.http().uri();
                if (uri != null && (uri.prefix() == null || uri.exact() != null)) {
                    f.error(path + ".prefixRewrite",
                            "redirect prefix_rewrite requires all URI matches to use prefix match type");
                    return;
                }
            }
        }
        if (rd.uri().isEmpty() && rd.prefixRewrite().isEmpty() && rd.authority().isEmpty() && rd.port() == null
                && rd.derivePort() == null && rd.scheme().isEmpty()) {
            f.error(path, "redirect must specify URI, authority, scheme, or port");
            return;
        }
        if (rd.redirectCode() != 0 && (rd.redirectCode() < 300 || rd.redirectCode() > 399)) {
            f.error(path + ".redirectCode", rd.redirectCode() + " is not a valid redirect code, must be 3xx");
            return;
        }
        if (!rd.scheme().isEmpty() && !rd.scheme().equals("http") && !rd.scheme().equals("https")) {
            f.error(path + ".scheme", "invalid redirect scheme, must be \"http\" or \"https\"");
            return;
        }
        if (rd.port() != null && rd.port() > 0) {
            f.error(path + ".port", PortRules.validatePort(rd.port()));
        }
    }

    /** {@code validateHTTPDirectResponse}. */
    private static void directResponse(HttpActions.DirectResponse d, String path, Findings f) {
        if (d == null) {
            return;
        }
        int size = d.bodyString() != null ? d.bodyString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                : d.bodyBase64() != null ? d.bodyBase64().length() * 3 / 4 : 0;
        if (size > 1024 * 1024) {
            f.error(path + ".body", "large direct_responses may impact control plane performance, must be less than 1MB");
        } else if (size > 100 * 1024) {
            f.warning(path + ".body", "large direct_responses may impact control plane performance");
        }
        if (d.status() < 200 || d.status() > 600) {
            f.error(path + ".status", "HTTP status " + d.status() + " is not in range 200-599");
        }
    }

    /** {@code agent.ValidateHTTPRetry}. */
    private static void retries(HttpActions.Retries r, String path, Findings f) {
        if (r == null) {
            return;
        }
        if (r.attempts() < 0) {
            f.error(path + ".attempts", "attempts cannot be negative");
        }
        if (r.attempts() == 0 && (r.perTryTimeout() != null || (r.retryOn() != null && !r.retryOn().isEmpty())
                || r.retryRemoteLocalities() != null)) {
            f.error(path, "http retry policy configured when attempts are set to 0 (disabled)");
        }
        if (r.perTryTimeout() != null) {
            duration(r.perTryTimeout(), path + ".perTryTimeout", f);
        }
        if (r.retryOn() != null && !r.retryOn().isEmpty()) {
            for (String policy : r.retryOn().split(",", -1)) {
                if (!RETRY_ON.contains(policy) && !isStatusCode(policy)) {
                    f.error(path + ".retryOn", GoText.quote(policy) + " is not a valid retryOn policy");
                }
            }
        }
        if (r.backoff() != null) {
            duration(r.backoff(), path + ".backoff", f);
        }
    }

    private static boolean isStatusCode(String s) {
        return s.matches("[+-]?\\d{1,9}") && STATUS_CODES.contains(Integer.parseInt(s));
    }

    /** {@code validateHTTPRewrite}. */
    private static void rewrite(HttpActions.Rewrite rw, String path, Findings f) {
        if (rw == null) {
            return;
        }
        if (!rw.uri().isEmpty() && rw.regexMatch() != null) {
            f.error(path, "rewrite may only contain one of URI or UriRegexRewrite");
            return;
        }
        if (rw.uri().isEmpty() && rw.regexMatch() == null && rw.authority().isEmpty()) {
            f.error(path, "rewrite must specify at least one of URI, UriRegexRewrite, or authority. Only one of URI"
                    + " or UriRegexRewrite may be specified");
            return;
        }
        if (rw.regexMatch() != null) {
            if (rw.regexMatch().isEmpty() || rw.regexRewrite() == null || rw.regexRewrite().isEmpty()) {
                f.error(path + ".uriRegexRewrite", "UriRegexRewrite has errors\n"
                        + "UriRegexRewrite requires both Rewrite and Match fields to be specified");
                return;
            }
            String err = HttpMatchRules.regexp(rw.regexMatch(), "HTTPRewrite.UriRegexRewrite.Match");
            if (err != null) {
                f.error(path + ".uriRegexRewrite.match", "UriRegexRewrite has errors\n" + err);
            }
        }
    }

    /** {@code validateAuthorityRewrite}: the authority may be rewritten in one place only. */
    private static void authorityRewrite(HttpActions h, String rp, Findings f) {
        String current = h.rewrite() == null ? "" : h.rewrite().authority();
        if (h.headers() == null) {
            return;
        }
        for (Map<String, String> m : List.of(h.headers().requestSet(), h.headers().requestAdd())) {
            for (Map.Entry<String, String> e : new TreeMap<>(m).entrySet()) {
                if (!isAuthority(e.getKey())) {
                    continue;
                }
                if (!current.isEmpty()) {
                    f.error(rp + ".headers", "authority header cannot be set multiple times: have "
                            + GoText.quote(current) + ", attempting to set " + GoText.quote(e.getValue()));
                    return;
                }
                current = e.getValue();
            }
        }
    }

    /** {@code validateHTTPRouteDestinations}. */
    private static void destinations(List<VirtualService.Destination> ds, String path, Findings f) {
        long total = 0;
        for (int j = 0; j < ds.size(); j++) {
            VirtualService.Destination d = ds.get(j);
            String dp = path + "[" + j + "]";
            headerOps(d.headers(), dp + ".headers", f);
            RouteDestinationRules.validate(d.host(), d.subset(), d.portSet() ? (long) d.port() : null,
                    dp + ".destination", f);
            if (d.weight() < 0) {
                f.error(dp + ".weight", "weight " + d.weight() + " < 0");
            }
            total += d.weight();
        }
        if (ds.size() > 1 && total == 0) {
            f.error(path, "total destination weight = 0");
        }
    }

    /** A Go duration checked as {@code agent.ValidateDuration}; the nanoseconds, or null when it does not parse. */
    static Long duration(String text, String field, Findings f) {
        long nanos;
        try {
            nanos = GoDuration.parseNanos(text);
        } catch (IllegalArgumentException e) {
            f.error(field, "bad Duration: " + e.getMessage());
            return null;
        }
        f.error(field, GoDuration.validateDuration(nanos));
        return nanos;
    }
}
