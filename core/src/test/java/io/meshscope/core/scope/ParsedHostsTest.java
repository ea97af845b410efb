package io.meshscope.core.scope;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Parsing of egress {@code hosts} (spec §4.1) and the per-entry view used by describe. */
class ParsedHostsTest {

    private static ParsedHosts parse(String... hosts) {
        return ParsedHosts.parse(Arrays.asList(hosts), "client");
    }

    @Test
    void dotBecomesConsumerNamespace() {
        ParsedHosts p = parse("./*", "~./x.com");
        assertThat(p.byNamespace).containsOnlyKeys("client");
        assertThat(p.get("client").all).containsExactly("*");
        assertThat(p.get("client").excluded).containsExactly("x.com");
    }

    @Test
    void bareTildeIsWildcardNamespaceExclusion() {
        ParsedHosts p = parse("~/*", "~/foo.com", "~ns2/*");
        assertThat(p.get("*").excluded).containsExactly("*", "foo.com");
        assertThat(p.get("*").hasInclusions()).isFalse();
        assertThat(p.get("ns2").excluded).containsExactly("*");
        assertThat(p.excluded("anything", "foo.com")).isTrue();
        assertThat(p.excluded("ns2", "bar.com")).isTrue();
    }

    @Test
    void entriesWithoutExactlyOneSlashAndNullsAreSkipped() {
        ParsedHosts p = ParsedHosts.parse(Arrays.asList("foo", null, "a/b/c", "ns1/a.com"), "client");
        assertThat(p.byNamespace).containsOnlyKeys("ns1");
    }

    @Test
    void allExactOnlyWhenEveryInclusionIsExactInANamedNamespace() {
        assertThat(parse("ns1/a.com", "./b.com").allExact).isTrue();
        assertThat(parse("ns1/a.com", "~/*", "~ns2/*.com").allExact).isTrue();
        assertThat(parse("ns1/a.com", "*/b.com").allExact).isFalse();
        assertThat(parse("ns1/*").allExact).isFalse();
        assertThat(parse("ns1/*.a.com").allExact).isFalse();
    }

    @Test
    void exactSetHoldsOnlyNonWildcardNames() {
        HostClass hc = parse("ns1/a.com", "ns1/*.b.com").get("ns1");
        assertThat(hc.exact).containsExactly("a.com");
        assertThat(hc.all).containsExactly("a.com", "*.b.com");
        assertThat(hc.matches("a.com")).isTrue();
        assertThat(hc.matches("x.b.com")).isTrue();
        assertThat(hc.matches("*.b.com")).isTrue();
        assertThat(hc.matches("b.com")).isFalse();
        assertThat(hc.matches("*.com")).isFalse();
    }

    @Test
    void hostEntryParsesLikeTheRuntime() {
        assertThat(HostEntry.parse("./*", "client")).contains(new HostEntry("./*", false, "client", "*"));
        assertThat(HostEntry.parse("~/foo.com", "client")).contains(new HostEntry("~/foo.com", true, "*", "foo.com"));
        assertThat(HostEntry.parse("~./x.com", "client")).contains(new HostEntry("~./x.com", true, "client", "x.com"));
        assertThat(HostEntry.parse("foo", "client")).isEqualTo(Optional.empty());
        assertThat(HostEntry.parse(null, "client")).isEqualTo(Optional.empty());
    }

    @Test
    void hostEntryMatchesServicesAndVirtualServiceHosts() {
        HostEntry star = HostEntry.parse("*/*.example.com", "client").orElseThrow();
        assertThat(star.matchesService("any", "a.example.com")).isTrue();
        assertThat(star.matchesService("any", "example.com")).isFalse();
        HostEntry exact = HostEntry.parse("ns1/a.example.com", "client").orElseThrow();
        assertThat(exact.matchesService("ns1", "a.example.com")).isTrue();
        assertThat(exact.matchesService("ns2", "a.example.com")).isFalse();
        assertThat(exact.matchesService("ns1", "*.example.com")).isFalse();
        // VirtualService hosts match bidirectionally
        assertThat(exact.matchesVirtualServiceHost("ns1", "*.example.com")).isTrue();
        assertThat(List.of(exact.namespace(), exact.dnsName())).containsExactly("ns1", "a.example.com");
    }
}
