package io.meshscope.core.model;

import java.util.List;
import java.util.Map;

/**
 * What an {@code HTTPRoute} does besides its weighted destinations and mirrors (which {@link VirtualService.Route}
 * carries): redirect, direct response, delegate, rewrite, timeout, retries, fault injection, header operations and
 * CORS. Null means not written; durations stay as written (Go duration syntax, {@code 1.5s}, {@code 100ms}).
 * {@code singleMirror}: the deprecated single {@code mirror} was written (it is the route's first mirror).
 * {@code notGenerated} names (relative to the route) fields meshscope cannot express.
 */
public record HttpActions(Redirect redirect, DirectResponse directResponse, Delegate delegate, Rewrite rewrite,
                          String timeout, Retries retries, Fault fault, HeaderOps headers, CorsPolicy corsPolicy,
                          boolean singleMirror, List<HttpMatch.NotGenerated> notGenerated) {
    /** A route with none of these (TCP and TLS routes, and HTTP routes that only route). */
    public static final HttpActions NONE = new HttpActions(null, null, null, null, null, null, null, null, null,
            false, List.of());

    public HttpActions {
        notGenerated = List.copyOf(notGenerated);
    }

    /**
     * {@code HTTPRedirect}; {@code port} null when not written, {@code derivePort} as written or null, empty
     * strings for the others when not written.
     */
    public record Redirect(String uri, String authority, Integer port, String derivePort, String scheme,
                           int redirectCode, String prefixRewrite) {
    }

    /** {@code HTTPDirectResponse}: status and a body given as a string or as base64 bytes (null when absent). */
    public record DirectResponse(int status, String bodyString, String bodyBase64) {
    }

    /** {@code Delegate}: the VirtualService (name, namespace) whose routes are inserted here. */
    public record Delegate(String name, String namespace) {
    }

    /** {@code HTTPRewrite}: uri (prefix), authority, and {@code uriRegexRewrite} match/rewrite (null when absent). */
    public record Rewrite(String uri, String authority, String regexMatch, String regexRewrite) {
    }

    /**
     * {@code HTTPRetry}: {@code attempts} 0 when not written (which istiod reads as "no retries"); the others null
     * when not written.
     */
    public record Retries(int attempts, String perTryTimeout, String retryOn, Boolean retryRemoteLocalities,
                          Boolean retryIgnorePreviousHosts, String backoff) {
    }

    /** {@code HTTPFaultInjection}. */
    public record Fault(Delay delay, Abort abort) {
    }

    /**
     * A fault delay: {@code percentage} (0-100, fractional) or the deprecated integer {@code percent}; a fixed or an
     * exponential delay.
     */
    public record Delay(Double percentage, Integer percent, String fixedDelay, String exponentialDelay) {
    }

    /** A fault abort: {@code percentage}; one of an HTTP status, a gRPC status name, or an HTTP/2 error. */
    public record Abort(Double percentage, Integer httpStatus, String grpcStatus, String http2Error) {
    }

    /** {@code Headers}: request and response set/add/remove, in written order. */
    public record HeaderOps(Map<String, String> requestSet, Map<String, String> requestAdd, List<String> requestRemove,
                            Map<String, String> responseSet, Map<String, String> responseAdd,
                            List<String> responseRemove) {
        public HeaderOps {
            requestSet = HttpMatch.ordered(requestSet);
            requestAdd = HttpMatch.ordered(requestAdd);
            requestRemove = List.copyOf(requestRemove);
            responseSet = HttpMatch.ordered(responseSet);
            responseAdd = HttpMatch.ordered(responseAdd);
            responseRemove = List.copyOf(responseRemove);
        }
    }

    /**
     * {@code CorsPolicy}: {@code allowOrigins} (string matches) or the deprecated exact {@code allowOrigin} list,
     * the header and method lists, {@code maxAge} as written, {@code allowCredentials} and
     * {@code unmatchedPreflights} (null when not written).
     */
    public record CorsPolicy(List<StringMatch> allowOrigins, List<String> allowOrigin, List<String> allowMethods,
                             List<String> allowHeaders, List<String> exposeHeaders, String maxAge,
                             Boolean allowCredentials, String unmatchedPreflights) {
        public CorsPolicy {
            allowOrigins = allowOrigins == null ? null : List.copyOf(allowOrigins);
            allowOrigin = allowOrigin == null ? null : List.copyOf(allowOrigin);
            allowMethods = List.copyOf(allowMethods);
            allowHeaders = List.copyOf(allowHeaders);
            exposeHeaders = List.copyOf(exposeHeaders);
        }
    }

    /**
     * A mirror's share of traffic: {@code value} in percent, from {@code percentage}/{@code mirrorPercentage}
     * (fractional, istiod sends it per million) or the deprecated integer {@code mirrorPercent} (per hundred).
     */
    public record MirrorPercent(double value, boolean deprecatedInteger) {
    }
}
