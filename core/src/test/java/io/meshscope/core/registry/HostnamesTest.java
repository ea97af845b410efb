package io.meshscope.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The host algebra of spec §4.3 ({@code Name.SubsetOf}, {@code Name.Matches}) and short-name expansion. */
class HostnamesTest {

    @ParameterizedTest(name = "{0} ⊆ {1} = {2}")
    @CsvSource({
        // service host h,                         imported i,                  match (spec §4.3 table)
        "a.ns.svc.cluster.local,                   a.ns.svc.cluster.local,      true",
        "a.ns.svc.cluster.local,                   *,                           true",
        "'*.example.com',                          *,                           true",
        "a.example.com,                            '*.example.com',             true",
        "x.y.example.com,                          '*.example.com',             true",
        "example.com,                              '*.example.com',             false",
        "'*.example.com',                          '*.example.com',             true",
        "'*.a.example.com',                        '*.example.com',             true",
        "'*.example.com',                          a.example.com,               false",
        "'*.example.com',                          '*.a.example.com',           false",
        "orders-service.backend.svc.cluster.local, orders-service,              false",
        "istiod.istio-system.svc.cluster.local,    istiod,                      false",
        "Foo.example.com,                          foo.example.com,             false",
        "foo.com,                                  foo.com.,                    false",
        "*,                                        '*.example.com',             false",
        "*,                                        *,                           true",
    })
    void subsetOfFollowsSpecTable(String h, String i, boolean expected) {
        assertThat(Hostnames.subsetOf(h, i)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} matches {1} = {2} (both directions)")
    @CsvSource({
        "a.com,             '*.com',             true",
        "'*.com',           '*.a.com',           true",
        "'*.example.com',   a.example.com,       true",
        "a.example.com,     b.example.com,       false",
        "a.example.com,     a.example.com,       true",
        "example.com,       '*.example.com',     false",
        "'*.a.com',         '*.b.com',           false",
        "*,                 anything.at.all,     true",
        "*,                 '*.com',             true",
    })
    void matchesIsBidirectional(String n, String o, boolean expected) {
        assertThat(Hostnames.matches(n, o)).isEqualTo(expected);
        assertThat(Hostnames.matches(o, n)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "resolve {0} in {1} -> {2}")
    @CsvSource({
        "reviews,                         default,  reviews.default.svc.cluster.local",
        "reviews.default,                 default,  reviews.default",
        "reviews.other.svc.cluster.local, default,  reviews.other.svc.cluster.local",
        "*,                               default,  *",
        "'*.example.com',                 default,  '*.example.com'",
        "10.0.0.1,                        default,  10.0.0.1",
        "'::1',                           default,  '::1'",
        "'2001:db8::1',                   default,  '2001:db8::1'",
    })
    void resolveShortNameExpandsOnlyDotlessNames(String host, String ns, String expected) {
        assertThat(Hostnames.resolveShortName(host, ns, "cluster.local")).isEqualTo(expected);
    }

    @Test
    void resolveShortNameUsesDomainSuffixAndKeepsEmpty() {
        assertThat(Hostnames.resolveShortName("svc", "ns", "corp.example")).isEqualTo("svc.ns.svc.corp.example");
        assertThat(Hostnames.resolveShortName("", "ns", "cluster.local")).isEmpty();
        assertThat(Hostnames.resolveShortName(null, "ns", "cluster.local")).isEmpty();
    }

    @Test
    void isWildcardOnlyForLeadingStar() {
        assertThat(Hostnames.isWildcard("*")).isTrue();
        assertThat(Hostnames.isWildcard("*.a.com")).isTrue();
        assertThat(Hostnames.isWildcard("a.*.com")).isFalse();
        assertThat(Hostnames.isWildcard("")).isFalse();
    }
}
