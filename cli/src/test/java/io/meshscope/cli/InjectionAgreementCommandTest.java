package io.meshscope.cli;

import static io.meshscope.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command answers "which workloads run a proxy?" by one rule (Istio's injection labels, namespaces not in
 * the input assumed injected), and no command claims a host matches nothing in a namespace the input never showed.
 */
class InjectionAgreementCommandTest {
    private static final String MANIFESTS = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: legacy}
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: shop, labels: {istio-injection: enabled}}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: batch, namespace: legacy}
            spec:
              replicas: 4
              selector: {matchLabels: {app: batch}}
              template:
                metadata: {labels: {app: batch}}
                spec: {containers: [{name: c, image: i}]}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop}
            spec:
              replicas: 3
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: c, image: i}]}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api, namespace: team}
            spec:
              replicas: 2
              selector: {matchLabels: {app: api}}
              template:
                metadata: {labels: {app: api}}
                spec: {containers: [{name: c, image: i}]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: shop}
            spec:
              selector: {app: web}
              ports: [{name: http, port: 80}]
            ---
            apiVersion: networking.istio.io/v1
            kind: Sidecar
            metadata: {name: default, namespace: shop}
            spec:
              egress:
              - hosts: ["./*", "istio-system/*", "team/*"]
            """;

    @TempDir
    Path tmp;
    String dir;

    @BeforeEach
    void write() throws IOException {
        Files.writeString(tmp.resolve("all.yaml"), MANIFESTS);
        dir = tmp.toString();
    }

    @Test
    @SuppressWarnings("unchecked")
    void reportCountsTheProxiesAnalyzeChecksAndSaysWhichNamespacesItAssumed() {
        CliRun report = run("report", "-f", dir, "-o", "json");
        List<Map<String, Object>> rows = (List<Map<String, Object>>) report.json().get("workloads");
        assertThat(rows).extracting(r -> r.get("workload")).containsExactly("shop/web", "team/api");
        assertThat(((Map<String, Object>) report.json().get("totals")).get("proxies")).isEqualTo(5);
        assertThat(report.err()).containsOnlyOnce("sidecar injection:")
                .contains("no Namespace object for team, assumed injected").contains("no sidecar proxies in legacy");

        CliRun analyze = run("analyze", "-f", dir, "-o", "json");
        List<Map<String, Object>> messages = (List<Map<String, Object>>) analyze.json().get("messages");
        // MS0004 judges the same proxies: team's 2 (assumed injected), not legacy's uninjected batch.
        assertThat(messages).filteredOn(m -> m.get("code").equals("MS0004")).singleElement()
                .satisfies(m -> assertThat((String) m.get("message"))
                        .startsWith("no Sidecar applies to 1 of 1 workload with a sidecar proxy in namespace team"));
        assertThat(analyze.err()).containsOnlyOnce("sidecar injection:");
    }

    @Test
    void describeSaysWhetherTheWorkloadRunsAProxyAndWhy() {
        assertThat(run("describe", "legacy/batch", "-f", dir).out())
                .contains("Injected:  no — namespace legacy has neither istio-injection nor istio.io/rev label");
        assertThat(run("describe", "team/api", "-f", dir).out())
                .contains("Injected:  yes (assumed) — namespace team is not in the input");
        assertThat(run("describe", "shop/web", "-f", dir).out())
                .contains("Injected:  yes — namespace shop is labelled istio-injection=enabled");
    }

    @Test
    void hostsOfANamespaceTheInputNeverShowedAreUnknownNotUnmatched() {
        CliRun analyze = run("analyze", "-f", dir);
        // team is shown (its Deployment is in the input) and holds no service; istio-system is never shown.
        assertThat(analyze.out()).contains("\"team/*\" imports nothing").doesNotContain("\"istio-system/*\" imports");

        CliRun text = run("describe", "shop/web", "-f", dir);
        assertThat(text.out()).contains("istio-system/*  ?? namespace not in the input")
                .doesNotContain("istio-system/*  !! matched nothing");

        CliRun json = run("describe", "shop/web", "-f", dir, "-o", "json");
        @SuppressWarnings("unchecked")
        Map<String, Object> egress = ((List<Map<String, Object>>) json.json().get("egress")).get(0);
        assertThat(egress.get("unknownNamespaceHosts")).isEqualTo(List.of("istio-system/*"));
        assertThat(egress.get("unmatchedHosts")).isEqualTo(List.of("team/*"));
    }
}
