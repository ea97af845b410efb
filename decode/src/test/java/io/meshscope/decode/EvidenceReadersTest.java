package io.meshscope.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshscope.core.deps.Call;
import io.meshscope.core.deps.Evidence;
import io.meshscope.core.deps.EvidenceKind;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvidenceReadersTest {
    static final Path RES = Path.of("src/test/resources/evidence");

    @TempDir
    Path tmp;

    static String line(Call c) {
        return c.sourceId() + " -> " + c.destination() + " x" + c.count();
    }

    @Test
    void dependencyMapOfTheExampleDeclaresEveryCallAndExternalHost() throws Exception {
        Evidence e = new DependencyMapReader().readFile(Path.of("../examples/ecommerce-dependencies.yaml"), "deps.yaml");
        assertThat(e.calls()).hasSize(30);
        assertThat(e.calls()).extracting(EvidenceReadersTest::line).contains(
                "frontend/web-ui -> catalog/product-service x0", "orders/payment-service -> api.stripe.com x0");
        assertThat(e.sources()).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(EvidenceKind.DEPENDENCY_MAP);
            assertThat(s.location()).isEqualTo("deps.yaml");
        });
    }

    @Test
    void dependencyMapErrorsNameFileLineAndField() throws Exception {
        Path f = tmp.resolve("deps.yaml");
        Files.writeString(f, """
                services:
                  frontend/web-ui:
                    calls:
                      - catalog/product-service
                      - product-service
                    external: [api.stripe.com]
                  no-namespace:
                    calls: []
                  shared/auth:
                    callz: []
                """);
        assertThatThrownBy(() -> new DependencyMapReader().readFile(f, "deps.yaml"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("deps.yaml:5:9: services.frontend/web-ui.calls[1]: a call must be "
                        + "namespace/service, got \"product-service\"")
                .hasMessageContaining("deps.yaml:8:5: services.no-namespace: a service key must be namespace/name")
                .hasMessageContaining("deps.yaml:10:12: services.shared/auth.callz: unknown field 'callz'");
    }

    @Test
    void dependencyMapWithoutServicesIsRejected() {
        assertThatThrownBy(() -> new DependencyMapReader().read("x.yaml", "calls: []\n"))
                .hasMessageContaining("x.yaml:1:1").hasMessageContaining("needs a 'services' mapping");
    }

    @Test
    void prometheusRangeResultCountsTheSourceReportersIncrease() throws Exception {
        Evidence e = new PrometheusResultReader().readFile(RES.resolve("prometheus-raw-range.json"), "range.json", null);
        // web-ui -> product-service is also reported by the destination at 999/h (143856 in 6 days): the source
        // side (18/h) wins.
        assertThat(e.calls()).extracting(EvidenceReadersTest::line).contains(
                "frontend/web-ui -> product-service.catalog.svc.cluster.local x2592",
                "orders/payment-service -> api.paypal.com x432");
        assertThat(e.calls()).noneMatch(c -> c.sourceWorkload().equals("unknown"));
        assertThat(e.notes()).singleElement().asString().contains("from unknown sources");
        assertThat(e.sources().get(0).window()).isEqualTo("2026-11-20T11:00:00Z..2026-11-26T11:00:00Z");
        assertThat(e.calls()).allSatisfy(c -> assertThat(c.hostNamespace()).isNotNull());
    }

    @Test
    void prometheusCounterResetCountsTheValueAfterTheReset() throws Exception {
        String json = """
                {"status":"success","data":{"resultType":"matrix","result":[
                 {"metric":{"source_workload":"a","source_workload_namespace":"ns","destination_service":"b.ns.svc.cluster.local"},
                  "values":[[100,"10"],[200,"30"],[300,"5"],[400,"8"]]}]}}""";
        Evidence e = new PrometheusResultReader().read("r.json", json, "7d");
        assertThat(e.calls()).extracting(EvidenceReadersTest::line).containsExactly("ns/a -> b.ns.svc.cluster.local x28");
        assertThat(e.sources().get(0).window()).isEqualTo("7d");
    }

    @Test
    void prometheusErrorAnswerIsAnInputErrorWithItsMessage() {
        assertThatThrownBy(() -> new PrometheusResultReader().readFile(RES.resolve("prometheus-error.json"), "p", null))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("bad_data: invalid parameter \"query\"");
    }

    @Test
    void prometheusSeriesWithoutWorkloadLabelsIsLocated() {
        String json = "{\"resultType\":\"vector\",\"result\":[{\"metric\":{\"job\":\"x\"},\"value\":[1,\"3\"]}]}";
        assertThatThrownBy(() -> new PrometheusResultReader().read("v.json", json, null))
                .hasMessageContaining("v.json:1:").hasMessageContaining("aggregate by them");
    }

    @Test
    void prometheusPassthroughAndUnknownDestinationsAreNotedNotUsed() throws Exception {
        String json = """
                {"resultType":"vector","result":[
                 {"metric":{"source_workload":"a","source_workload_namespace":"ns","destination_service":"PassthroughCluster"},"value":[1,"4"]},
                 {"metric":{"source_workload":"a","source_workload_namespace":"ns","destination_service":"10.1.2.3"},"value":[1,"2"]},
                 {"metric":{"source_workload":"a","source_workload_namespace":"ns","destination_service":"b.ns.svc.cluster.local"},"value":[1,"0"]}]}""";
        Evidence e = new PrometheusResultReader().read("v.json", json, null);
        assertThat(e.calls()).isEmpty();
        assertThat(e.notes()).hasSize(2);
    }

    @Test
    void textAccessLogGivesOutboundCallsWithPortsAndSkipsEverythingElse() throws Exception {
        Evidence e = new AccessLogReader().readFile(RES.resolve("access-text.log"), "web.log", "frontend", "web-ui");
        assertThat(e.calls()).extracting(EvidenceReadersTest::line).containsExactly(
                "frontend/web-ui -> api.stripe.com:443 x1",
                "frontend/web-ui -> auth-service.shared.svc.cluster.local:9090 x1",
                "frontend/web-ui -> legacy.example.com:80 x1",
                "frontend/web-ui -> product-service.catalog.svc.cluster.local:80 x2");
        assertThat(e.notes()).singleElement().asString().contains("to 10.200.0.7:5432");
    }

    @Test
    void jsonAccessLogWithKubectlPrefixGivesTheSameKindOfCalls() throws Exception {
        Evidence e = new AccessLogReader().readFile(RES.resolve("access-json.log"), "web.json", "frontend", "web-ui");
        assertThat(e.calls()).extracting(EvidenceReadersTest::line).containsExactly(
                "frontend/web-ui -> api.sendgrid.com:443 x1",
                "frontend/web-ui -> order-service.orders.svc.cluster.local:9090 x1",
                "frontend/web-ui -> product-service.catalog.svc.cluster.local:80 x1");
    }

    @Test
    void logWithoutAccessLinesSaysSo() {
        Evidence e = new AccessLogReader().read("x.log", "hello\nworld\n", "ns", "a");
        assertThat(e.calls()).isEmpty();
        assertThat(e.notes()).singleElement().asString().contains("no access-log line found");
    }
}
