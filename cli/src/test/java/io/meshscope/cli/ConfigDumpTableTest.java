package io.meshscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code config-dump -o table} and {@code --type}: the tables of {@code istioctl proxy-config}. */
class ConfigDumpTableTest {
    @TempDir
    Path dir;

    private Path mesh() throws IOException {
        Path f = dir.resolve("mesh.yaml");
        Files.writeString(f, AnalyzeCommandTest.service("ns1", "a") + "---\n" + SarifReportTest.deployment("ns1", "a")
                + "---\n" + SarifReportTest.deployment("ns1", "client") + """
                ---
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata:
                  name: a-dr
                  namespace: ns1
                spec:
                  host: a.ns1.svc.cluster.local
                  subsets:
                    - name: v1
                      labels:
                        version: v1
                ---
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata:
                  name: a-vs
                  namespace: ns1
                spec:
                  hosts:
                    - a.ns1.svc.cluster.local
                  http:
                    - route:
                        - destination:
                            host: a.ns1.svc.cluster.local
                            subset: v1
                """);
        return f;
    }

    @Test
    void listenerTableNamesTheWeightedClustersOfATcpRoute() throws IOException {
        Path f = dir.resolve("tcp.yaml");
        Files.writeString(f, SarifReportTest.deployment("ns1", "client") + """
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: db, namespace: ns1}
                spec:
                  clusterIP: 10.0.0.10
                  ports: [{name: tcp-pg, port: 5432}]
                ---
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: db, namespace: ns1}
                spec:
                  hosts: [db]
                  tcp:
                  - route:
                    - {destination: {host: db, port: {number: 5432}}, weight: 80}
                    - {destination: {host: db, port: {number: 15432}}, weight: 20}
                """);
        CliRun run = CliRun.run("config-dump", "client", "-n", "ns1", "-f", f.toString(), "-o", "table",
                "--type", "listeners");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines()).anyMatch(l -> l.matches("10\\.0\\.0\\.10 +5432 +ALL +Clusters: "
                + "outbound\\|5432\\|\\|db\\.ns1\\.svc\\.cluster\\.local \\(80\\), "
                + "outbound\\|15432\\|\\|db\\.ns1\\.svc\\.cluster\\.local \\(20\\)"));
    }

    @Test
    void clusterTableHasIstioctlsColumnsWithSubsetsAndDestinationRules() throws IOException {
        CliRun run = CliRun.run("config-dump", "client", "-n", "ns1", "-f", mesh().toString(), "-o", "table",
                "--type", "clusters");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).matches("SERVICE FQDN +PORT +SUBSET +DIRECTION +TYPE +DESTINATION RULE");
        assertThat(lines).anyMatch(l -> l.matches("a\\.ns1\\.svc\\.cluster\\.local +80 +- +outbound +EDS +a-dr\\.ns1"));
        assertThat(lines).anyMatch(l -> l.matches("a\\.ns1\\.svc\\.cluster\\.local +80 +v1 +outbound +EDS +a-dr\\.ns1"));
        assertThat(lines).anyMatch(l -> l.matches("BlackHoleCluster +- +- +- +STATIC"));
    }

    @Test
    void routeListenerAndEndpointTablesHaveIstioctlsColumns() throws IOException {
        String mesh = mesh().toString();
        String routes = CliRun.run("config-dump", "ns1/client", "-f", mesh, "-o", "table", "--type", "route").out();
        String listeners = CliRun.run("config-dump", "ns1/client", "-f", mesh, "-o", "table", "--type", "listener").out();
        String endpoints = CliRun.run("config-dump", "ns1/client", "-f", mesh, "-o", "table", "--type", "endpoints").out();

        assertThat(routes.lines().findFirst().orElseThrow()).matches("NAME +VHOST NAME +DOMAINS +MATCH +VIRTUAL SERVICE");
        assertThat(routes).containsPattern("80 +a\\.ns1\\.svc\\.cluster\\.local:80 +a\\.ns1\\.svc\\.cluster\\.local \\+ \\d+ more\\.\\.\\. +/\\* +a-vs\\.ns1");
        assertThat(listeners.lines().findFirst().orElseThrow()).matches("ADDRESSES +PORT +MATCH +DESTINATION");
        assertThat(listeners).containsPattern("0\\.0\\.0\\.0 +80 +Trans: raw_buffer; App: http/1\\.1,h2c +Route: 80");
        assertThat(endpoints.lines().findFirst().orElseThrow()).matches("ENDPOINT +STATUS +OUTLIER CHECK +CLUSTER");
    }

    @Test
    void withoutTypeTheTableShowsAllFourAndJsonKeepsOnlyTheTypeAsked() throws IOException {
        String mesh = mesh().toString();
        String all = CliRun.run("config-dump", "ns1/client", "-f", mesh, "-o", "table").out();
        Map<String, Object> clusters = CliRun.run("config-dump", "ns1/client", "-f", mesh, "--type", "clusters").json();

        assertThat(all).contains("CLUSTERS\n", "\nLISTENERS\n", "\nROUTES\n", "\nENDPOINTS\n");
        assertThat((List<Map<String, Object>>) clusters.get("configs")).singleElement()
                .extracting(c -> c.get("@type")).isEqualTo("type.googleapis.com/envoy.admin.v3.ClustersConfigDump");
        CliRun bad = CliRun.run("config-dump", "ns1/client", "-f", mesh, "--type", "secrets");
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("--type must be one of clusters, listeners, routes, endpoints");
    }
}
