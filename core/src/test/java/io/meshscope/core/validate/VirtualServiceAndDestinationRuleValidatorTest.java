package io.meshscope.core.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.model.DestinationRule;
import io.meshscope.core.model.ObjectMeta;
import io.meshscope.core.model.VirtualService;
import io.meshscope.core.model.VirtualService.Destination;
import io.meshscope.core.model.VirtualService.Match;
import io.meshscope.core.model.VirtualService.Route;
import io.meshscope.core.model.WorkloadSelector;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** VirtualService and DestinationRule checks that matter for scoping, with Istio's texts. */
class VirtualServiceAndDestinationRuleValidatorTest {
    private static final Route TO_REVIEWS = route("reviews.default.svc.cluster.local");

    private static Route route(String host) {
        return new Route("", List.of(), List.of(new Destination(host, "", 0, 0)), List.of());
    }

    private static VirtualService vs(List<String> hosts, List<String> gateways, List<Route> http) {
        return new VirtualService(ObjectMeta.of("VirtualService", "ns", "vs"), hosts, gateways, List.of(), http,
                List.of(), List.of());
    }

    private static List<FieldMessage> errors(VirtualService vs) {
        return VirtualServiceValidator.validate(vs).errors();
    }

    private static DestinationRule dr(String host, List<String> exportTo, WorkloadSelector selector,
                                      List<DestinationRule.Subset> subsets) {
        return new DestinationRule(ObjectMeta.of("DestinationRule", "ns", "dr"), host, exportTo, selector, subsets,
                null, null);
    }

    @Test
    void validVirtualServiceHasNoMessages() {
        assertThat(errors(vs(List.of("reviews"), List.of(), List.of(TO_REVIEWS)))).isEmpty();
    }

    @Test
    void starHostIsNotAllowedOnTheMesh() {
        assertThat(errors(vs(List.of("*"), List.of(), List.of(TO_REVIEWS)))).containsExactly(new FieldMessage(
                "spec.hosts[0]", "wildcard host * is not allowed for virtual services bound to the mesh gateway"));
        assertThat(errors(vs(List.of("*"), List.of("istio-system/gw"), List.of(TO_REVIEWS)))).isEmpty();
        assertThat(errors(vs(List.of("*"), List.of("mesh"), List.of(TO_REVIEWS)))).hasSize(1);
    }

    @Test
    void overlappingHostsAreDuplicates() {
        assertThat(errors(vs(List.of("*.foo.com", "*.com"), List.of(), List.of(TO_REVIEWS)))).containsExactly(
                new FieldMessage("spec.hosts[1]", "duplicate hosts in virtual service: *.foo.com & *.com"));
    }

    @Test
    void invalidHostIsReportedButIpHostsAreAccepted() {
        assertThat(errors(vs(List.of("bad_host", "10.0.0.1"), List.of(), List.of(TO_REVIEWS)))).containsExactly(
                new FieldMessage("spec.hosts[0]", "domain name \"bad_host\" invalid (label \"bad_host\" invalid)"));
    }

    @Test
    void delegateVirtualServiceMayNotNameGateways() {
        assertThat(errors(vs(List.of(), List.of("ns/gw"), List.of(TO_REVIEWS)))).containsExactly(
                new FieldMessage("spec.gateways", "delegate virtual service must have no gateways specified"));
    }

    @Test
    void routesAreRequired() {
        assertThat(errors(vs(List.of("a.com"), List.of(), List.of()))).containsExactly(
                new FieldMessage("spec", "http, tcp or tls must be provided in virtual service"));
    }

    @Test
    void gatewayNamesMustBeNamespaceSlashName() {
        ValidationResult r = VirtualServiceValidator.validate(vs(List.of("a.com"), List.of("Bad_NS/gw", "gw.istio-system"),
                List.of(TO_REVIEWS)));
        assertThat(r.errors()).containsExactly(
                new FieldMessage("spec.gateways[0]", "invalid value for namespace: \"Bad_NS\""));
        assertThat(r.warnings()).containsExactly(new FieldMessage("spec.gateways[1]",
                "using legacy gatewayName format \"gw.istio-system\"; prefer the <namespace>/<name> format: \"istio-system/gw\""));
    }

    @Test
    void destinationHostsAndSourceNamespacesAreChecked() {
        Route r = new Route("", List.of(new Match("Bad_NS", "", "", "", 0)),
                List.of(new Destination("*", "", 0, 0), new Destination("a.com", "Bad_Subset", 70000, 0)), List.of());
        assertThat(errors(vs(List.of("a.com"), List.of(), List.of(r)))).containsExactly(
                new FieldMessage("spec.http[0].match[0].sourceNamespace", "sourceNamespace match Bad_NS is invalid"),
                new FieldMessage("spec.http[0].route[0].destination.host", "invalid destination host *"),
                new FieldMessage("spec.http[0].route[1].destination.subset", "subset name is invalid: Bad_Subset"),
                new FieldMessage("spec.http[0].route[1].destination.port", "port number 70000 must be in the range 1..65535"),
                new FieldMessage("spec.http[0].route", "total destination weight = 0"));
    }

    @Test
    void virtualServiceExportToRejectsTilde() {
        VirtualService v = new VirtualService(ObjectMeta.of("VirtualService", "ns", "vs"), List.of("a.com"), List.of(),
                List.of("~"), List.of(TO_REVIEWS), List.of(), List.of());
        assertThat(errors(v)).containsExactly(new FieldMessage("spec.exportTo[0]",
                "exportTo ~ (none) is not allowed for Istio configuration objects"));
    }

    @Test
    void destinationRuleHostIsRequired() {
        assertThat(DestinationRuleValidator.validate(dr("", List.of(), null, List.of())).errors())
                .containsExactly(new FieldMessage("spec.host", "empty domain name not allowed"));
        assertThat(DestinationRuleValidator.validate(dr("reviews", List.of(), null, List.of())).errors()).isEmpty();
    }

    @Test
    void destinationRuleSubsetNamesMustBeUniqueLabels() {
        List<DestinationRule.Subset> subsets = List.of(new DestinationRule.Subset("v1", Map.of()),
                new DestinationRule.Subset("v1", Map.of()), new DestinationRule.Subset("V_2", Map.of()));
        assertThat(DestinationRuleValidator.validate(dr("a.com", List.of(), null, subsets)).errors()).containsExactly(
                new FieldMessage("spec.subsets[1].name", "duplicate subset names: v1"),
                new FieldMessage("spec.subsets[2].name", "subset name is invalid: V_2"));
    }

    @Test
    void destinationRuleWithSelectorMayOnlyExportToItsNamespace() {
        WorkloadSelector sel = new WorkloadSelector(Map.of("app", "a"));
        assertThat(DestinationRuleValidator.validate(dr("a.com", List.of("other"), sel, List.of())).errors())
                .containsExactly(new FieldMessage("spec.exportTo",
                        "destination rule with workload selector cannot have exportTo beyond current namespace"));
        assertThat(DestinationRuleValidator.validate(dr("a.com", List.of("."), sel, List.of())).errors()).isEmpty();
    }

    @Test
    void destinationRuleEmptySelectorWarns() {
        ValidationResult r = DestinationRuleValidator.validate(dr("a.com", List.of(), new WorkloadSelector(Map.of()),
                List.of()));
        assertThat(r.warnings()).containsExactly(
                new FieldMessage("spec.workloadSelector", "workload selector specified without labels"));
    }
}
