package io.meshscope.core.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.model.ObjectMeta;
import io.meshscope.core.model.ServiceEntry;
import io.meshscope.core.model.ServiceEntry.SePort;
import io.meshscope.core.model.WorkloadSelector;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ServiceEntry checks that matter for scoping, with Istio's texts. */
class ServiceEntryValidatorTest {
    private static final SePort HTTP = new SePort(80, "HTTP", "http", 0);

    private static ServiceEntry se(List<String> hosts, List<SePort> ports, String resolution, List<String> exportTo) {
        return new ServiceEntry(ObjectMeta.of("ServiceEntry", "ns", "se"), hosts, List.of(), ports, null, resolution,
                List.of(), null, exportTo);
    }

    private static List<FieldMessage> errors(ServiceEntry se) {
        return ServiceEntryValidator.validate(se).errors();
    }

    @Test
    void validServiceEntryHasNoMessages() {
        ValidationResult r = ServiceEntryValidator.validate(se(List.of("api.example.com", "*.example.org"), List.of(HTTP),
                "NONE", List.of(".")));
        assertThat(r.errors()).isEmpty();
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void hostsAreRequired() {
        assertThat(errors(se(List.of(), List.of(HTTP), "NONE", List.of())))
                .containsExactly(new FieldMessage("spec.hosts", "service entry must have at least one host"));
    }

    @Test
    void starAloneIsNotAllowedAndHostsMustBeWildcardDomains() {
        assertThat(errors(se(List.of("*", "bad_host.com"), List.of(HTTP), "NONE", List.of()))).containsExactly(
                new FieldMessage("spec.hosts[0]", "invalid host *"),
                new FieldMessage("spec.hosts[1]", "domain name \"bad_host.com\" invalid (label \"bad_host\" invalid)"));
    }

    @Test
    void partialWildcardHostIsOnlyAWarning() {
        ValidationResult r = ServiceEntryValidator.validate(se(List.of("*foo.com"), List.of(HTTP), "NONE", List.of()));
        assertThat(r.errors()).isEmpty();
        assertThat(r.warnings()).containsExactly(new FieldMessage("spec.hosts[0]", "partial wildcard \"*foo.com\" not allowed"));
    }

    @Test
    void portsMustBeUniqueNamedAndInRange() {
        List<SePort> ports = List.of(HTTP, new SePort(80, "HTTP", "http", 70000), new SePort(0, "foo", "", 0));
        assertThat(errors(se(List.of("a.com"), ports, "NONE", List.of()))).containsExactly(
                new FieldMessage("spec.ports[1].name", "service entry port name \"http\" already defined"),
                new FieldMessage("spec.ports[1].number", "service entry port 80 already defined"),
                new FieldMessage("spec.ports[1].targetPort", "port number 70000 must be in the range 1..65535"),
                new FieldMessage("spec.ports[2].name", "invalid port name: "),
                new FieldMessage("spec.ports[2].protocol", "unsupported protocol: foo"),
                new FieldMessage("spec.ports[2].number", "port number 0 must be in the range 1..65535"));
    }

    @Test
    void resolutionMustBeKnown() {
        assertThat(errors(se(List.of("a.com"), List.of(HTTP), "MAGIC", List.of())))
                .containsExactly(new FieldMessage("spec.resolution", "unsupported resolution type MAGIC"));
    }

    @Test
    void dnsResolutionWithoutEndpointsNeedsFqdnHosts() {
        // Istio's text at the pinned commit names the first bad host's FQDN error, and only that host.
        assertThat(errors(se(List.of("*.a.com", "*.b.com"), List.of(HTTP), "DNS", List.of()))).containsExactly(
                new FieldMessage("spec.hosts[0]", "hosts must be FQDN or contain only prefix wildcards if no endpoints"
                        + " are provided for resolution mode DNS, domain name \"*.a.com\" invalid (label \"*\" invalid)"));
    }

    @Test
    void multipleHostsNeedHttpOrTlsPortsUnlessResolutionIsNone() {
        List<SePort> tcp = List.of(new SePort(9000, "TCP", "tcp", 0));
        assertThat(errors(se(List.of("a.com", "b.com"), tcp, "DNS", List.of()))).containsExactly(
                new FieldMessage("spec.ports", "multiple hosts provided with non-HTTP, non-TLS ports"));
        assertThat(errors(se(List.of("a.com", "b.com"), tcp, "NONE", List.of()))).isEmpty();
    }

    @Test
    void unknownLocationIsRejected() {
        ServiceEntry s = new ServiceEntry(ObjectMeta.of("ServiceEntry", "ns", "se"), List.of("a.com"), List.of(),
                List.of(HTTP), "SOMEWHERE", "NONE", List.of(), null, List.of());
        assertThat(errors(s)).containsExactly(new FieldMessage("spec.location", "unsupported location type SOMEWHERE"));
    }

    @Test
    void exportToAllowsTildeOnlyAlone() {
        assertThat(errors(se(List.of("a.com"), List.of(HTTP), "NONE", List.of("~")))).isEmpty();
        assertThat(errors(se(List.of("a.com"), List.of(HTTP), "NONE", List.of("~", "other")))).containsExactly(
                new FieldMessage("spec.exportTo", "cannot export service entry to no one (~) and someone"));
    }

    @Test
    void exportToEntriesMustBeValidAndUnique() {
        assertThat(errors(se(List.of("a.com"), List.of(HTTP), "NONE", List.of("ns", ".", "Bad_NS", "*")))).containsExactly(
                new FieldMessage("spec.exportTo[1]", "duplicate entries in exportTo: . and current namespace ns"),
                new FieldMessage("spec.exportTo[2]", "only .,*,~, or a valid DNS 1123 label is allowed as exportTo entry"),
                new FieldMessage("spec.exportTo", "cannot have both public (*) and non-public exportTo values for a resource"));
    }

    @Test
    void selectorLabelErrorsAbortAndEmptySelectorWarns() {
        ServiceEntry bad = new ServiceEntry(ObjectMeta.of("ServiceEntry", "ns", "se"), List.of(), List.of(), List.of(),
                null, "STATIC", List.of(), new WorkloadSelector(Map.of("app", "*")), List.of());
        assertThat(errors(bad)).containsExactly(
                new FieldMessage("spec.workloadSelector.labels", "wildcard is not supported in selector: \"app=*\""));
        ServiceEntry empty = new ServiceEntry(ObjectMeta.of("ServiceEntry", "ns", "se"), List.of("a.com"), List.of(),
                List.of(HTTP), null, "STATIC", List.of(), new WorkloadSelector(Map.of()), List.of());
        assertThat(ServiceEntryValidator.validate(empty).warnings()).containsExactly(new FieldMessage(
                "spec.workloadSelector",
                "service entry: workload selector specified without labels, will be applied to all services in namespace"));
    }
}
