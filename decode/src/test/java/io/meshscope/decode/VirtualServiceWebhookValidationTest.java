package io.meshscope.decode;

import static io.meshscope.decode.WebhookValidationFixture.validate;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * VirtualService rules of Istio's {@code ValidateVirtualService} (pkg/config/validation/validation.go,
 * virtualservice.go) that were missing: RE2 regex syntax ({@code validateStringRegexp}), a written destination port
 * 0, TCP and TLS routes ({@code validateTCPRoute}, {@code validateTLSRoute}), source labels, JWT claim routing.
 */
class VirtualServiceWebhookValidationTest {
    private static String vs(String spec) {
        return """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: reviews, namespace: app}
                spec:
                  hosts: [reviews.app.svc.cluster.local]
                """ + spec;
    }

    @Test
    void regexesAreCheckedAsRe2WithGosErrorText() {
        assertThat(validate(vs("""
                  http:
                  - match:
                    - uri: {regex: "(abc"}
                      headers: {x: {regex: "a**"}}
                    - uri: {regex: "\\\\d+[a-z]{2,5}$"}
                    rewrite: {uriRegexRewrite: {match: "a(?=b)", rewrite: x}}
                    route: [{destination: {host: reviews.app.svc.cluster.local}}]
                """))).containsExactly(
                "ERROR 8:12 spec.http[0].match[0].uri: \"uri\": error parsing regexp: missing closing ): `(abc`;"
                        + " Istio uses RE2 style regex-based match (https://github.com/google/re2/wiki/Syntax)",
                "ERROR 9:20 spec.http[0].match[0].headers.x: \"headers\": error parsing regexp: invalid nested"
                        + " repetition operator: `**`; Istio uses RE2 style regex-based match"
                        + " (https://github.com/google/re2/wiki/Syntax)",
                "ERROR 11:40 spec.http[0].rewrite.uriRegexRewrite.match: UriRegexRewrite has errors\n"
                        + "\"HTTPRewrite.UriRegexRewrite.Match\": error parsing regexp: invalid or unsupported Perl"
                        + " syntax: `(?=`; Istio uses RE2 style regex-based match"
                        + " (https://github.com/google/re2/wiki/Syntax)");
    }

    @Test
    void aWrittenDestinationPortZeroAndNegativeWeightsAreRejected() {
        assertThat(validate(vs("""
                  http:
                  - route:
                    - destination: {host: reviews.app.svc.cluster.local, port: {number: 0}}
                      weight: -10
                    - destination: {host: reviews.app.svc.cluster.local, port: {}}
                      weight: 10
                """))).containsExactly(
                "ERROR 8:5 spec.http[0].route: total destination weight = 0",
                "ERROR 8:64 spec.http[0].route[0].destination.port: port number 0 must be in the range 1..65535",
                "ERROR 9:15 spec.http[0].route[0].weight: weight -10 < 0",
                "ERROR 10:64 spec.http[0].route[1].destination.port: port number 0 must be in the range 1..65535");
    }

    @Test
    void tcpRoutesCheckMatchesDestinationsAndWeights() {
        assertThat(validate(vs("""
                  tcp:
                  - match:
                    - port: 70000
                      destinationSubnets: ["1.2.3.4/40"]
                      sourceLabels: {"bad key!": x}
                    route:
                    - destination: {host: reviews.app.svc.cluster.local}
                      weight: -1
                  - match: [{port: 9000}]
                """))).containsExactly(
                "ERROR 8:13 spec.tcp[0].match[0].port: port number 70000 must be in the range 1..65535",
                "ERROR 9:28 spec.tcp[0].match[0].destinationSubnets[0]: 1.2.3.4/40 is not a valid CIDR block",
                "ERROR 10:34 spec.tcp[0].match[0].sourceLabels.bad key!: invalid tag key: \"bad key!\"",
                "ERROR 13:15 spec.tcp[0].route[0].weight: weight -1 < 0",
                "ERROR 14:5 spec.tcp[1].route: TCP route is required");
    }

    @Test
    void tlsRoutesNeedSniHostsWithinTheVirtualServiceHosts() {
        assertThat(validate(vs("""
                  tls:
                  - match: [{sniHosts: [other.example.com, 10.0.0.1]}]
                    route: [{destination: {host: reviews.app.svc.cluster.local}}]
                  - match: [{port: 443}]
                  - route: [{destination: {host: reviews.app.svc.cluster.local}}]
                """))).containsExactly(
                "ERROR 7:25 spec.tls[0].match[0].sniHosts[0]: SNI host \"other.example.com\" is not a compatible"
                        + " subset of any of the virtual service hosts: [reviews.app.svc.cluster.local]",
                "WARNING 7:44 spec.tls[0].match[0].sniHosts[1]: using an IP address (\"10.0.0.1\") goes against SNI"
                        + " spec and most clients do not support this",
                "ERROR 9:5 spec.tls[1].route: TLS route is required",
                "ERROR 9:13 spec.tls[1].match[0].sniHosts: TLS match must have at least one SNI host",
                "ERROR 10:5 spec.tls[2].match: TLS route must have at least one match condition");
    }

    @Test
    void nullItemsAndRoutesWithoutDestinationAreReportedWithIstiosTexts() {
        assertThat(validate(vs("""
                  http:
                  - route:
                    - weight: 100
                    - null
                    mirrors: [null, {percentage: {value: 5}}]
                  - null
                  tls:
                  - match: [null]
                    route: [{destination: {host: reviews.app.svc.cluster.local}}]
                """))).contains(
                "ERROR 8:7 spec.http[0].route[0]: destination is required",
                "ERROR 9:7 spec.http[0].route[1]: weight may not be nil",
                "ERROR 10:15 spec.http[0].mirrors[0]: mirror cannot be null",
                "ERROR 10:21 spec.http[0].mirrors[1]: destination is required for mirrors",
                "ERROR 11:5 spec.http[1]: http route may not be null",
                "ERROR 13:13 spec.tls[0].match[0]: TLS match may not be null");
    }

    @Test
    void jwtClaimRoutingIsOnlyForGateways() {
        assertThat(validate(vs("""
                  http:
                  - match: [{headers: {"@request.auth.claims.group": {exact: admin}}}]
                    route: [{destination: {host: reviews.app.svc.cluster.local}}]
                """))).contains(
                "ERROR 7:54 spec.http[0].match[0].headers.@request.auth.claims.group: JWT claim based routing (key:"
                        + " @request.auth.claims.group) is only supported for gateway, found no gateways: []");
    }
}
