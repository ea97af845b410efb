package io.meshscope.core.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.model.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageTypesTest {
    @Test
    void istioTypesHaveIstioCodesTitlesAndLevels() {
        assertThat(MessageTypes.ISTIO).containsExactly(
                new MessageType("IST0002", "Deprecated", Severity.WARNING),
                new MessageType("IST0101", "ReferencedResourceNotFound", Severity.ERROR),
                new MessageType("IST0106", "SchemaValidationError", Severity.ERROR),
                new MessageType("IST0110", "ConflictingSidecarWorkloadSelectors", Severity.ERROR),
                new MessageType("IST0111", "MultipleSidecarsWithoutWorkloadSelectors", Severity.ERROR),
                new MessageType("IST0133", "SchemaWarning", Severity.WARNING),
                new MessageType("IST0167", "IneffectivePolicy", Severity.WARNING));
    }

    @Test
    void typesAreFoundByCode() {
        assertThat(MessageTypes.byCode("IST0111")).contains(MessageTypes.MULTIPLE_SIDECARS_WITHOUT_WORKLOAD_SELECTORS);
        assertThat(MessageTypes.byCode("IST0109")).isEmpty();
    }

    @Test
    void goQuotingEscapesLikeFmtQ() {
        assertThat(GoFormat.quote("app=x")).isEqualTo("\"app=x\"");
        assertThat(GoFormat.quote("a\"b\\c\nd\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\x01\"");
        assertThat(GoFormat.list(List.of("a", "b"))).isEqualTo("[a b]");
    }
}
