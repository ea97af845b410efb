package io.meshscope.core.validate;

import static io.meshscope.core.validate.SidecarFixtures.egress;
import static io.meshscope.core.validate.SidecarFixtures.outbound;
import static io.meshscope.core.validate.SidecarFixtures.pool;
import static io.meshscope.core.validate.SidecarFixtures.sidecar;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rules 1-4: selector aborts, the no-labels warning, and the empty-configuration abort. */
class SidecarSelectorAndEmptySpecTest {
    private static final String NO_LABELS =
            "sidecar: workload selector specified without labels, will be applied to all services in namespace";

    @Test
    void selectorWithEmptyKeyAbortsWithOnlySelectorErrors() {
        ValidationResult r = sidecar().selector(Map.of("", "x")).egress(egress("bad/short")).validate();
        assertThat(r.errors()).containsExactly(new FieldMessage("spec.workloadSelector.labels",
                "empty key is not supported in selector: \"=x\""));
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void selectorWildcardValueAbortsBeforeHostChecks() {
        ValidationResult r = sidecar().selector(Map.of("app", "*")).egress(egress("bad/short")).validate();
        assertThat(r.errors()).containsExactly(new FieldMessage("spec.workloadSelector.labels",
                "wildcard is not supported in selector: \"app=*\""));
    }

    @Test
    void selectorWildcardKeyAndEmptyKeyGiveOneMessageEachInKeyOrder() {
        ValidationResult r = sidecar().selector(Map.of("a*", "b", "", "*")).egress(egress("*/*")).validate();
        assertThat(r.errors()).extracting(FieldMessage::message).containsExactly(
                "empty key is not supported in selector: \"=*\"",
                "wildcard is not supported in selector: \"=*\"",
                "wildcard is not supported in selector: \"a*=b\"");
    }

    @Test
    void selectorWithoutLabelsIsOnlyAWarning() {
        ValidationResult r = sidecar().selector(Map.of()).egress(egress("*/*")).validate();
        assertThat(r.errors()).isEmpty();
        assertThat(r.warnings()).containsExactly(new FieldMessage("spec.workloadSelector", NO_LABELS));
        assertThat(r.valid()).isTrue();
    }

    @Test
    void emptySpecAborts() {
        ValidationResult r = sidecar().validate();
        assertThat(r.errors()).containsExactly(new FieldMessage("spec", "sidecar: empty configuration provided"));
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void emptySpecAbortDropsTheSelectorWarning() {
        ValidationResult r = sidecar().selector(Map.of()).validate();
        assertThat(r.errors()).extracting(FieldMessage::message).containsExactly("sidecar: empty configuration provided");
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void emptyInboundConnectionPoolCountsAsConfigurationButIsInvalid() {
        ValidationResult r = sidecar().inboundPool(pool(null, null)).validate();
        assertThat(r.errors()).containsExactly(
                new FieldMessage("spec.inboundConnectionPool", "connection pool must have at least one field"));
    }

    @Test
    void emptyOutboundTrafficPolicyAloneIsValidConfiguration() {
        ValidationResult r = sidecar().outbound(outbound(null, null)).validate();
        assertThat(r.errors()).isEmpty();
        assertThat(r.warnings()).isEmpty();
    }
}
