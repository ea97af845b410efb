package io.meshscope.core.validate;

import io.meshscope.core.model.HttpActions;
import io.meshscope.core.model.StringMatch;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Istio's {@code validateCORSPolicy} and {@code validateHTTPFaultInjection}, with Istio's texts. */
final class HttpPolicyRules {
    private static final Pattern CORS_HEADER = Pattern.compile("^[!#$%&'*+\\-.^_`|~A-Za-z0-9]+$");
    private static final Set<String> CORS_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE",
            "CONNECT", "OPTIONS", "TRACE");
    private static final Set<String> GRPC_STATUS = Set.of("OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT",
            "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED",
            "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS",
            "UNAUTHENTICATED");

    private HttpPolicyRules() {
    }

    /** {@code validateCORSPolicy}. */
    static void cors(HttpActions.CorsPolicy c, String path, Findings f) {
        if (c == null) {
            return;
        }
        if (c.allowOrigins() != null) {
            for (int i = 0; i < c.allowOrigins().size(); i++) {
                StringMatch o = c.allowOrigins().get(i);
                String match = o.exact() != null ? o.exact() : o.prefix() != null ? o.prefix()
                        : o.regex() != null ? o.regex() : "";
                String field = path + ".allowOrigins[" + i + "]";
                if (match.isEmpty()) {
                    f.error(field, "'' is not a valid match type for CORS allow origins");
                } else {
                    f.error(field, HttpMatchRules.regexMatch(o, "corsPolicy.allowOrigins"));
                }
            }
        }
        for (String m : c.allowMethods()) {
            if (!CORS_METHODS.contains(m)) {
                f.error(path + ".allowMethods", GoText.quote(m) + " is not a supported HTTP method");
            }
        }
        corsHeaders(c.allowHeaders(), path + ".allowHeaders", f);
        corsHeaders(c.exposeHeaders(), path + ".exposeHeaders", f);
        if (c.maxAge() != null) {
            Long nanos = HttpActionRules.duration(c.maxAge(), path + ".maxAge", f);
            if (nanos != null && nanos % 1_000_000_000L != 0) {
                f.error(path + ".maxAge", "max_age duration is accurate only to seconds precision");
            }
        }
    }

    private static void corsHeaders(List<String> names, String path, Findings f) {
        for (String n : names) {
            if (n.isEmpty()) {
                f.error(path, "header name cannot be empty");
            } else if (!n.equals("*") && !CORS_HEADER.matcher(n).matches()) {
                f.error(path, "header name " + n + " is not a valid header name");
            }
        }
    }

    /** {@code validateHTTPFaultInjection}. */
    static void fault(HttpActions.Fault fault, String path, Findings f) {
        if (fault == null) {
            return;
        }
        if (fault.abort() == null && fault.delay() == null) {
            f.error(path, "HTTP fault injection must have an abort and/or a delay");
        }
        HttpActions.Abort a = fault.abort();
        if (a != null) {
            f.error(path + ".abort.percentage", percentage(a.percentage()));
            if (a.grpcStatus() != null) {
                if (!GRPC_STATUS.contains(a.grpcStatus())) {
                    f.error(path + ".abort.grpcStatus", "gRPC status " + GoText.quote(a.grpcStatus())
                            + " is not supported. See https://github.com/grpc/grpc/blob/master/doc/statuscodes.md"
                            + " for a list of supported codes, for example 'NOT_FOUND'");
                }
            } else if (a.http2Error() != null) {
                f.error(path + ".abort.http2Error", "HTTP/2 abort fault injection not supported yet");
            } else if (a.httpStatus() != null) {
                if (a.httpStatus() < 200 || a.httpStatus() > 600) {
                    f.error(path + ".abort.httpStatus", "HTTP status " + a.httpStatus() + " is not in range 200-599");
                }
            } else {
                f.warning(path + ".abort", "abort configured, but error type not set");
            }
        }
        HttpActions.Delay d = fault.delay();
        if (d != null) {
            f.error(path + ".delay.percentage", percentage(d.percentage()));
            if (d.fixedDelay() != null) {
                HttpActionRules.duration(d.fixedDelay(), path + ".delay.fixedDelay", f);
            } else if (d.exponentialDelay() != null) {
                HttpActionRules.duration(d.exponentialDelay(), path + ".delay.exponentialDelay", f);
                f.error(path + ".delay.exponentialDelay", "exponentialDelay not supported yet");
            }
        }
    }

    /** {@code validatePercentage}. */
    private static String percentage(Double p) {
        if (p != null && (p < 0.0 || p > 100.0 || (p > 0.0 && p < 0.0001))) {
            return "percentage " + HttpActionRules.goFloatV(p) + " is neither 0.0, nor in range [0.0001, 100.0]";
        }
        return null;
    }
}
