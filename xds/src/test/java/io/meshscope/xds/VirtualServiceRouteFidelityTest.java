package io.meshscope.xds;

import static io.meshscope.xds.VsRouteFixture.DEFAULT_RETRY;
import static io.meshscope.xds.VsRouteFixture.METADATA;
import static io.meshscope.xds.VsRouteFixture.assertRoute;
import static io.meshscope.xds.VsRouteFixture.routes;
import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.config.route.v3.Route;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Golden routes for each VirtualService HTTP feature. Each expected Envoy JSON was derived by hand from the istiod
 * function named in the test ({@code pilot/pkg/networking/core/route/route.go} and {@code route/retry/retry.go},
 * Istio 1.2x), for a sidecar on listener port 80.
 */
class VirtualServiceRouteFidelityTest {
    private static final String REVIEWS = "outbound|80||reviews.app.svc.cluster.local";

    // A route without match entries gets TranslateRouteMatch(nil): prefix "/" and no case_sensitive.

    /** The action istiod gives a plain single destination: no timeout, and the default retry policy. */
    private static String plainAction(String cluster) {
        return "{\"cluster\": \"" + cluster + "\", \"timeout\": \"0s\", \"max_grpc_timeout\": \"0s\", \"retry_policy\": "
                + DEFAULT_RETRY + "}";
    }

    @Test
    void translateRouteMatchTranslatesEveryHttpMatchRequestField() {
        // TranslateRoute (name "r.m1", stat_prefix, decorator, BuildConfigInfoMetadata), TranslateRouteMatch,
        // translateHeaderMatch (present_match for {} and regex "*"), translateQueryParamMatch.
        List<Route> routes = routes("""
                  - name: r
                    match:
                    - name: m1
                      statPrefix: sp
                      uri: {prefix: /api}
                      ignoreUriCase: true
                      method: {exact: GET}
                      authority: {prefix: rev}
                      scheme: {exact: https}
                      headers:
                        x-b: {regex: "v[0-9]"}
                        x-a: {}
                        x-star: {regex: "*"}
                      withoutHeaders:
                        x-debug: {exact: "1"}
                        x-present: {}
                      queryParams:
                        q: {exact: "1"}
                        flag: {}
                      port: 80
                    route: [{destination: {host: reviews}}]
                """);
        assertThat(routes).hasSize(1);
        assertRoute(routes.get(0), """
                {"name": "r.m1", "stat_prefix": "sp",
                 "match": {"prefix": "/api", "case_sensitive": false,
                   "headers": [
                     {"name": "x-a", "present_match": true},
                     {"name": "x-b", "string_match": {"safe_regex": {"regex": "v[0-9]"}}},
                     {"name": "x-debug", "string_match": {"exact": "1"}, "invert_match": true,
                      "treat_missing_header_as_empty": true},
                     {"name": "x-present", "present_match": true, "invert_match": true},
                     {"name": "x-star", "present_match": true},
                     {"name": ":method", "string_match": {"exact": "GET"}},
                     {"name": ":authority", "string_match": {"prefix": "rev"}},
                     {"name": ":scheme", "string_match": {"exact": "https"}}],
                   "query_parameters": [
                     {"name": "flag", "present_match": true},
                     {"name": "q", "string_match": {"exact": "1"}}]},
                 "route": %s,
                 "metadata": %s,
                 "decorator": {"operation": "reviews.app.svc.cluster.local:80/api*"}}
                """.formatted(plainAction(REVIEWS), METADATA));
    }

    @Test
    void buildHttpRoutesForVirtualServiceStopsOnlyAtATrueCatchAll() {
        // BuildHTTPRoutesForVirtualService and IsCatchAllRoute: prefix "/" with a header or query matcher is not a
        // catch-all; regex ".*" without conditions is, and nothing after it is generated. A match for another
        // port is skipped (TranslateRoute).
        List<Route> routes = routes("""
                  - name: header
                    match: [{uri: {prefix: /}, headers: {x-canary: {exact: "true"}}}]
                    route: [{destination: {host: reviews, subset: v2}}]
                  - name: query
                    match: [{queryParams: {canary: {}}}]
                    route: [{destination: {host: reviews, subset: v2}}]
                  - name: other-port
                    match: [{port: 8080}]
                    route: [{destination: {host: ratings}}]
                  - name: all
                    match: [{uri: {regex: ".*"}}, {uri: {exact: /never}}]
                    route: [{destination: {host: reviews, subset: v1}}]
                  - name: unreachable
                    route: [{destination: {host: ratings}}]
                """);
        assertThat(routes).extracting(Route::getName).containsExactly("header", "query", "all");
        assertThat(routes.get(2).getMatch().getSafeRegex().getRegex()).isEqualTo(".*");
        assertThat(routes.get(2).getDecorator().getOperation()).isEqualTo("reviews.app.svc.cluster.local:80.*");
    }

    @Test
    void applyHttpRouteDestinationWeightsSubsetsPortsAndPerDestinationHeaders() {
        // applyHTTPRouteDestination, processWeightedDestination (0-weight dropped, headers on the cluster weight,
        // authority as the weight's host rewrite), TranslateHeadersOperations (set then add, sorted by name,
        // pseudo-headers and host dropped), GetRouteOperation (several clusters: "<vs name>:<port><path>").
        List<Route> routes = routes("""
                  - name: split
                    headers:
                      request:
                        set: {x-b: "2", x-a: "1"}
                        add: {x-c: "3"}
                        remove: [x-d, ":path"]
                      response:
                        set: {x-resp: v}
                        remove: [x-server]
                    route:
                    - destination: {host: reviews, subset: v1}
                      weight: 80
                      headers:
                        request: {set: {x-version: v1, ":authority": v1.reviews}}
                    - destination: {host: reviews, subset: v2, port: {number: 9080}}
                      weight: 20
                      headers:
                        response: {add: {x-served-by: v2}}
                    - destination: {host: ratings}
                      weight: 0
                """);
        assertRoute(routes.get(0), """
                {"name": "split",
                 "match": {"prefix": "/"},
                 "request_headers_to_add": [
                   {"header": {"key": "x-a", "value": "1"}, "append_action": "OVERWRITE_IF_EXISTS_OR_ADD"},
                   {"header": {"key": "x-b", "value": "2"}, "append_action": "OVERWRITE_IF_EXISTS_OR_ADD"},
                   {"header": {"key": "x-c", "value": "3"}}],
                 "request_headers_to_remove": ["x-d"],
                 "response_headers_to_add": [
                   {"header": {"key": "x-resp", "value": "v"}, "append_action": "OVERWRITE_IF_EXISTS_OR_ADD"}],
                 "response_headers_to_remove": ["x-server"],
                 "route": {
                   "weighted_clusters": {"clusters": [
                     {"name": "outbound|80|v1|reviews.app.svc.cluster.local", "weight": 80,
                      "request_headers_to_add": [{"header": {"key": "x-version", "value": "v1"},
                                                  "append_action": "OVERWRITE_IF_EXISTS_OR_ADD"}],
                      "host_rewrite_literal": "v1.reviews"},
                     {"name": "outbound|9080|v2|reviews.app.svc.cluster.local", "weight": 20,
                      "response_headers_to_add": [{"header": {"key": "x-served-by", "value": "v2"}}]}]},
                   "timeout": "0s", "max_grpc_timeout": "0s", "retry_policy": %s},
                 "metadata": %s,
                 "decorator": {"operation": "reviews:80/*"}}
                """.formatted(DEFAULT_RETRY, METADATA));
    }

    @Test
    void processDestinationAppendsDestinationHeadersAndTakesItsAuthorityUnlessTheRouteRewrites() {
        // processDestination: destination header operations follow the route's; its authority becomes the host
        // rewrite only when the route sets none (here the route's rewrite.authority wins).
        List<Route> routes = routes("""
                  - name: one
                    match: [{uri: {exact: /a}}]
                    route:
                    - destination: {host: reviews}
                      headers: {request: {set: {host: dest.example}, add: {x-d: d}}}
                  - name: two
                    rewrite: {authority: route.example}
                    route:
                    - destination: {host: reviews}
                      headers: {request: {set: {host: dest.example}}}
                """);
        assertThat(routes.get(0).getRoute().getHostRewriteLiteral()).isEqualTo("dest.example");
        assertThat(routes.get(0).getRequestHeadersToAddList()).extracting(h -> h.getHeader().getKey())
                .containsExactly("x-d");
        assertThat(routes.get(0).getDecorator().getOperation()).isEqualTo("reviews.app.svc.cluster.local:80/a");
        assertThat(routes.get(1).getRoute().getHostRewriteLiteral()).isEqualTo("route.example");
    }

    @Test
    void applyRedirectTranslatesAuthorityPathPortSchemeAndCode() {
        // ApplyRedirect: host_redirect, path_redirect (or prefix_rewrite), scheme, port (derivePort
        // FROM_REQUEST_PORT is the listener port; :80 for http and :443 for https are dropped), response code.
        List<Route> routes = routes("""
                  - name: moved
                    match: [{uri: {prefix: /old}}]
                    redirect: {uri: /new, authority: new.example, port: 8443, redirectCode: 307}
                  - name: to-https
                    match: [{uri: {prefix: /secure}}]
                    redirect: {scheme: https, port: 443, redirectCode: 308}
                  - name: same-port
                    redirect: {prefixRewrite: /v2, derivePort: FROM_REQUEST_PORT}
                """);
        assertRoute(routes.get(0), """
                {"name": "moved", "match": {"prefix": "/old", "case_sensitive": true},
                 "redirect": {"host_redirect": "new.example", "path_redirect": "/new", "port_redirect": 8443,
                              "response_code": "TEMPORARY_REDIRECT"},
                 "metadata": %s, "decorator": {"operation": "reviews:80/old*"}}
                """.formatted(METADATA));
        assertRoute(routes.get(1), """
                {"name": "to-https", "match": {"prefix": "/secure", "case_sensitive": true},
                 "redirect": {"scheme_redirect": "https", "path_redirect": "", "response_code": "PERMANENT_REDIRECT"},
                 "metadata": %s, "decorator": {"operation": "reviews:80/secure*"}}
                """.formatted(METADATA));
        // FROM_REQUEST_PORT on listener 80 with the default http scheme: the port is dropped; 301 is the default.
        assertRoute(routes.get(2), """
                {"name": "same-port", "match": {"prefix": "/"},
                 "redirect": {"prefix_rewrite": "/v2"},
                 "metadata": %s, "decorator": {"operation": "reviews:80/*"}}
                """.formatted(METADATA));
    }

    @Test
    void applyDirectResponseSetsStatusAndInlineBody() {
        // ApplyDirectResponse: body.string → inline_string, body.bytes (base64) → inline_bytes.
        List<Route> routes = routes("""
                  - name: down
                    match: [{uri: {exact: /down}}]
                    directResponse: {status: 503, body: {string: "maintenance"}}
                  - name: bytes
                    directResponse: {status: 200, body: {bytes: "aGk="}}
                """);
        assertRoute(routes.get(0), """
                {"name": "down", "match": {"path": "/down", "case_sensitive": true},
                 "direct_response": {"status": 503, "body": {"inline_string": "maintenance"}},
                 "metadata": %s, "decorator": {"operation": "reviews:80/down"}}
                """.formatted(METADATA));
        assertThat(routes.get(1).getDirectResponse().getBody().getInlineBytes().toStringUtf8()).isEqualTo("hi");
    }

    @Test
    void applyHttpRouteDestinationRewritesUriAuthorityAndRegex() {
        // applyHTTPRouteDestination: rewrite.uri → prefix_rewrite, rewrite.authority → host_rewrite_literal,
        // uriRegexRewrite → regex_rewrite (pattern and substitution).
        List<Route> routes = routes("""
                  - name: prefix
                    match: [{uri: {prefix: /v1/}}]
                    rewrite: {uri: /v2/, authority: internal.example}
                    route: [{destination: {host: reviews}}]
                  - name: regex
                    rewrite: {uriRegexRewrite: {match: "^/a/(.*)", rewrite: "/b/\\\\1"}}
                    route: [{destination: {host: reviews}}]
                """);
        assertRoute(routes.get(0), """
                {"name": "prefix", "match": {"prefix": "/v1/", "case_sensitive": true},
                 "route": {"cluster": "%s", "prefix_rewrite": "/v2/", "host_rewrite_literal": "internal.example",
                           "timeout": "0s", "max_grpc_timeout": "0s", "retry_policy": %s},
                 "metadata": %s, "decorator": {"operation": "reviews.app.svc.cluster.local:80/v1/*"}}
                """.formatted(REVIEWS, DEFAULT_RETRY, METADATA));
        assertThat(routes.get(1).getRoute().getRegexRewrite().getPattern().getRegex()).isEqualTo("^/a/(.*)");
        assertThat(routes.get(1).getRoute().getRegexRewrite().getSubstitution()).isEqualTo("/b/\\1");
    }

    @Test
    void setTimeoutAndConvertPolicyTranslateTimeoutAndRetries() {
        // setTimeout (timeout and max_grpc_timeout), retry.ConvertPolicy: attempts, perTryTimeout, retryOn with
        // status codes split out (and retriable-status-codes appended), retryRemoteLocalities → previous_priorities
        // with update_frequency 2; attempts 0 disables retries.
        List<Route> routes = routes("""
                  - name: retried
                    match: [{uri: {prefix: /r}}]
                    timeout: 2.5s
                    retries: {attempts: 3, perTryTimeout: 500ms, retryOn: "5xx,503,gateway-error",
                              retryRemoteLocalities: true}
                    route: [{destination: {host: reviews}}]
                  - name: no-retries
                    retries: {attempts: 0}
                    route: [{destination: {host: reviews}}]
                """);
        assertRoute(routes.get(0), """
                {"name": "retried", "match": {"prefix": "/r", "case_sensitive": true},
                 "route": {"cluster": "%s", "timeout": "2.500s", "max_grpc_timeout": "2.500s",
                   "retry_policy": {"retry_on": "5xx,gateway-error,retriable-status-codes", "num_retries": 3,
                     "per_try_timeout": "0.500s", "retriable_status_codes": [503],
                     "host_selection_retry_max_attempts": "5",
                     "retry_priority": {"name": "envoy.retry_priorities.previous_priorities", "typed_config": {
                       "@type": "type.googleapis.com/envoy.extensions.retry.priority.previous_priorities.v3.PreviousPrioritiesConfig",
                       "update_frequency": 2}},
                     "retry_host_predicate": [{"name": "envoy.retry_host_predicates.previous_hosts", "typed_config":
                       {"@type": "type.googleapis.com/envoy.extensions.retry.host.previous_hosts.v3.PreviousHostsPredicate"}}]}},
                 "metadata": %s, "decorator": {"operation": "reviews.app.svc.cluster.local:80/r*"}}
                """.formatted(REVIEWS, METADATA));
        assertThat(routes.get(1).getRoute().hasRetryPolicy()).isFalse();
    }

    @Test
    void translateFaultInjectsDelaysAndAbortsWithIstiodsPercentages() {
        // TranslateFault: percentage → per million (value * 10000), deprecated integer percent → per hundred;
        // httpStatus, grpcStatus by name (UNAVAILABLE = 14); an abort without percentage carries none.
        List<Route> routes = routes("""
                  - name: faulty
                    match: [{uri: {prefix: /f}}]
                    fault:
                      delay: {percentage: {value: 10}, fixedDelay: 5s}
                      abort: {percentage: {value: 0.5}, httpStatus: 503}
                    route: [{destination: {host: reviews}}]
                  - name: grpc
                    fault:
                      delay: {percent: 20, fixedDelay: 1s}
                      abort: {grpcStatus: UNAVAILABLE}
                    route: [{destination: {host: reviews}}]
                """);
        assertRoute(routes.get(0), """
                {"name": "faulty", "match": {"prefix": "/f", "case_sensitive": true},
                 "route": %s, "metadata": %s, "decorator": {"operation": "reviews.app.svc.cluster.local:80/f*"},
                 "typed_per_filter_config": {"envoy.filters.http.fault": {
                   "@type": "type.googleapis.com/envoy.extensions.filters.http.fault.v3.HTTPFault",
                   "delay": {"fixed_delay": "5s", "percentage": {"numerator": 100000, "denominator": "MILLION"}},
                   "abort": {"http_status": 503, "percentage": {"numerator": 5000, "denominator": "MILLION"}}}}}
                """.formatted(plainAction(REVIEWS), METADATA));
        assertRoute(routes.get(1), """
                {"name": "grpc", "match": {"prefix": "/"},
                 "route": %s, "metadata": %s, "decorator": {"operation": "reviews.app.svc.cluster.local:80/*"},
                 "typed_per_filter_config": {"envoy.filters.http.fault": {
                   "@type": "type.googleapis.com/envoy.extensions.filters.http.fault.v3.HTTPFault",
                   "delay": {"fixed_delay": "1s", "percentage": {"numerator": 20}},
                   "abort": {"grpc_status": 14}}}}
                """.formatted(plainAction(REVIEWS), METADATA));
    }

    @Test
    void mirrorPercentAndTranslateRequestMirrorPolicyMirrorWithIstiodsFractions() {
        // MirrorPercent (mirrorPercentage per million, deprecated mirrorPercent per hundred, default 100%),
        // MirrorPercentByPolicy (an explicit 0 drops the mirror), TranslateRequestMirrorPolicy (trace_sampled false);
        // the mirror cluster is GetDestinationCluster's.
        List<Route> routes = routes("""
                  - name: single
                    match: [{uri: {prefix: /s}}]
                    mirror: {host: ratings}
                    mirrorPercentage: {value: 25.5}
                    route: [{destination: {host: reviews}}]
                  - name: legacy
                    match: [{uri: {prefix: /l}}]
                    mirror: {host: ratings}
                    mirrorPercent: 30
                    route: [{destination: {host: reviews}}]
                  - name: several
                    mirrors:
                    - destination: {host: ratings}
                      percentage: {value: 0}
                    - destination: {host: details.other.svc.cluster.local}
                    route: [{destination: {host: reviews}}]
                """);
        assertRoute(routes.get(0), """
                {"name": "single", "match": {"prefix": "/s", "case_sensitive": true},
                 "route": {"cluster": "%s", "timeout": "0s", "max_grpc_timeout": "0s", "retry_policy": %s,
                   "request_mirror_policies": [{"cluster": "outbound|80||ratings.app.svc.cluster.local",
                     "runtime_fraction": {"default_value": {"numerator": 255000, "denominator": "MILLION"}},
                     "trace_sampled": false}]},
                 "metadata": %s, "decorator": {"operation": "reviews.app.svc.cluster.local:80/s*"}}
                """.formatted(REVIEWS, DEFAULT_RETRY, METADATA));
        assertThat(routes.get(1).getRoute().getRequestMirrorPolicies(0).getRuntimeFraction().getDefaultValue()
                .getNumerator()).isEqualTo(30);
        assertThat(routes.get(2).getRoute().getRequestMirrorPoliciesList()).singleElement().satisfies(m -> {
            assertThat(m.getCluster()).isEqualTo("outbound|80||details.other.svc.cluster.local");
            assertThat(m.getRuntimeFraction().getDefaultValue().getNumerator()).isEqualTo(100);
        });
    }

    @Test
    void translateCorsPolicyBuildsTheCorsPerRouteConfig() {
        // TranslateCORSPolicy: filter_enabled 100%, forward_not_matching_preflights true (not IGNORE), origins as
        // string matchers, lists joined with ",", max_age in seconds, allow_credentials.
        List<Route> routes = routes("""
                  - name: cors
                    corsPolicy:
                      allowOrigins: [{exact: "https://a.example"}, {regex: ".*\\\\.b\\\\.example"}]
                      allowMethods: [GET, POST]
                      allowHeaders: [x-a, x-b]
                      exposeHeaders: [x-c]
                      maxAge: 24h
                      allowCredentials: true
                    route: [{destination: {host: reviews}}]
                """);
        assertRoute(routes.get(0), """
                {"name": "cors", "match": {"prefix": "/"},
                 "route": %s, "metadata": %s, "decorator": {"operation": "reviews.app.svc.cluster.local:80/*"},
                 "typed_per_filter_config": {"envoy.filters.http.cors": {
                   "@type": "type.googleapis.com/envoy.extensions.filters.http.cors.v3.CorsPolicy",
                   "allow_origin_string_match": [{"exact": "https://a.example"},
                                                 {"safe_regex": {"regex": ".*\\\\.b\\\\.example"}}],
                   "allow_methods": "GET,POST", "allow_headers": "x-a,x-b", "expose_headers": "x-c",
                   "max_age": "86400", "allow_credentials": true,
                   "filter_enabled": {"default_value": {"numerator": 100}},
                   "forward_not_matching_preflights": true}}}
                """.formatted(plainAction(REVIEWS), METADATA));
    }
}
