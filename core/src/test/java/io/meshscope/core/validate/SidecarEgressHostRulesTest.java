package io.meshscope.core.validate;

import static io.meshscope.core.validate.SidecarFixtures.egress;
import static io.meshscope.core.validate.SidecarFixtures.sidecar;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Rules 41-49: egress hosts, the §2.2 duplicate-host warnings and the hostname errors. */
class SidecarEgressHostRulesTest {
    private static final String H = "spec.egress[0].hosts";
    private static final String STAR_STAR = "`*/*` host select all resources, no other hosts can be added";

    private static ValidationResult hosts(String... hosts) {
        return sidecar().egress(egress(hosts)).validate();
    }

    @Test
    void emptyHostsIsAnError() {
        assertThat(sidecar().egress(egress()).validate().errors()).containsExactly(
                new FieldMessage(H, "sidecar: egress listener must contain at least one host"));
    }

    @Test
    void hostAfterSameNamespaceWildcardWarnsAsDuplicate() {
        ValidationResult r = hosts("test/*", "test/a.com");
        assertThat(r.errors()).isEmpty();
        assertThat(r.warnings()).containsExactly(new FieldMessage(H + "[1]", "duplicated egress host: test/a.com"));
    }

    @Test
    void repeatedHostWarnsAsDuplicate() {
        assertThat(hosts("test/a.com", "test/a.com").warnings())
                .containsExactly(new FieldMessage(H + "[1]", "duplicated egress host: test/a.com"));
    }

    @Test
    void wildcardAfterSpecificHostWarnsAsDuplicate() {
        assertThat(hosts("test/a.com", "test/*").warnings())
                .containsExactly(new FieldMessage(H + "[1]", "duplicated egress host: test/*"));
    }

    @Test
    void dotIsTheSidecarsOwnNamespaceForDuplicates() {
        assertThat(hosts("./a.com", "bar/a.com").warnings())
                .containsExactly(new FieldMessage(H + "[1]", "duplicated egress host: bar/a.com"));
    }

    @Test
    void starStarThenStarHostIsADuplicateAndNotTheStarStarWarning() {
        ValidationResult r = hosts("*/*", "*/foo.com");
        assertThat(r.errors()).isEmpty();
        assertThat(r.warnings()).containsExactly(new FieldMessage(H + "[1]", "duplicated egress host: */foo.com"));
    }

    @Test
    void starStarWithAnotherNamespaceGivesOnlyTheStarStarWarning() {
        ValidationResult r = hosts("*/*", "test/a.com");
        assertThat(r.errors()).isEmpty();
        assertThat(r.warnings()).containsExactly(new FieldMessage(H, STAR_STAR));
    }

    @Test
    void wildcardNamespaceAndSpecificNamespaceDoNotWarn() {
        ValidationResult r = hosts("*/b.com", "test/a.com");
        assertThat(r.errors()).isEmpty();
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void overlappingWildcardDomainsDoNotWarn() {
        assertThat(hosts("ns/*.a.com", "ns/b.a.com").warnings()).isEmpty();
    }

    @Test
    void exclusionsNeverWarn() {
        assertThat(hosts("*/*", "~ns/*", "~ns/*").warnings()).isEmpty();
        assertThat(hosts("~/foo.com", "~/foo.com", "*/*").warnings()).isEmpty();
    }

    @Test
    void duplicateWarningsAreKeptPerListener() {
        ValidationResult r = sidecar().egress(egress(SidecarFixtures.port(80, "http", "h"), "ns/a.com"),
                egress("ns/a.com")).validate();
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void hostWithoutSlashIsAnError() {
        assertThat(hosts("foo.com").errors())
                .containsExactly(new FieldMessage(H + "[0]", "host must be of form namespace/dnsName"));
    }

    @Test
    void nullHostIsReadAsEmpty() {
        assertThat(sidecar().egress(egress((String) null))
                .validate().errors()).containsExactly(
                        new FieldMessage(H + "[0]", "host must be of form namespace/dnsName"));
    }

    @Test
    void emptyNamespaceIsOnlyTheEmptyPartError() {
        assertThat(hosts("/foo.com").errors()).containsExactly(
                new FieldMessage(H + "[0]", "config namespace and dnsName in host entry cannot be empty"));
    }

    @Test
    void emptyDnsNameAlsoFailsTheNameChecks() {
        assertThat(hosts("ns/").errors()).extracting(FieldMessage::message).containsExactly(
                "config namespace and dnsName in host entry cannot be empty",
                "short names (non FQDN) are not allowed",
                "empty domain name not allowed",
                "empty domain name not allowed");
    }

    @Test
    void invalidNamespaceIsReportedAsWritten() {
        assertThat(hosts("Bad_NS/foo.com").errors())
                .containsExactly(new FieldMessage(H + "[0]", "invalid namespace value \"Bad_NS\" in sidecar"));
        assertThat(hosts("~bad_ns/foo.com").errors())
                .containsExactly(new FieldMessage(H + "[0]", "invalid namespace value \"~bad_ns\" in sidecar"));
        assertThat(hosts("~~ns/foo.com").errors())
                .containsExactly(new FieldMessage(H + "[0]", "invalid namespace value \"~~ns\" in sidecar"));
    }

    @Test
    void specialNamespacesAndExclusionsAreValid() {
        ValidationResult r = hosts("./*", "*/x.com", "~/*", "~./x.com", "~ns1/*", "Upper/Foo.Example.com", "ns/foo.com.");
        assertThat(r.errors()).isEmpty();
    }

    @Test
    void shortNamesAreRejected() {
        assertThat(hosts("backend/orders-service").errors())
                .containsExactly(new FieldMessage(H + "[0]", "short names (non FQDN) are not allowed"));
        assertThat(hosts("istio-system/istiod").errors()).extracting(FieldMessage::message)
                .containsExactly("short names (non FQDN) are not allowed");
    }

    @Test
    void invalidDomainErrorIsAppendedTwice() {
        String msg = "domain name \"foo_bar.com\" invalid (label \"foo_bar\" invalid)";
        assertThat(hosts("ns/foo_bar.com").errors())
                .containsExactly(new FieldMessage(H + "[0]", msg), new FieldMessage(H + "[0]", msg));
    }

    @Test
    void allNumericTopLevelDomainIsAppendedTwice() {
        String msg = "domain name \"123\" invalid (top level domain \"123\" cannot be all-numeric)";
        assertThat(hosts("ns/a.123").errors()).extracting(FieldMessage::message).containsExactly(msg, msg);
    }

    @Test
    void ipAddressHostIsRejectedOnceBecauseTheSecondAppendSkipsIps() {
        // Istio appends the ValidateWildcardDomain error once for sidecars and again only when the name is not an
        // IP (netutil.IsValidIPAddress), so an IP dnsName gets the all-numeric error a single time.
        String msg = "domain name \"0.0.1\" invalid (top level domain \"1\" cannot be all-numeric)";
        assertThat(hosts("ns1/10.0.0.1").errors()).containsExactly(new FieldMessage(H + "[0]", msg));
    }

    @Test
    void tooLongDomainIsRejected() {
        String name = "a".repeat(60) + "." + "b".repeat(60) + "." + "c".repeat(60) + "." + "d".repeat(60) + "."
                + "e".repeat(60) + ".com";
        String msg = "domain name \"" + name + "\" too long (max 255)";
        assertThat(hosts("ns/" + name).errors()).extracting(FieldMessage::message).containsExactly(msg, msg);
    }

    @Test
    void partialWildcardIsRejected() {
        assertThat(hosts("ns/*foo.com").errors())
                .containsExactly(new FieldMessage(H + "[0]", "partial wildcard \"*foo.com\" not allowed"));
        String label = "domain name \"foo*.com\" invalid (label \"foo*\" invalid)";
        assertThat(hosts("ns/foo*.com").errors()).extracting(FieldMessage::message)
                .containsExactly(label, label, "partial wildcard \"foo*.com\" not allowed");
    }
}
