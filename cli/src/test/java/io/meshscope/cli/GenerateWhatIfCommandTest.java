package io.meshscope.cli;

import static io.meshscope.cli.DepsCli.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateWhatIfCommandTest {
    static final String MESH = "../examples/ecommerce";
    static final String DEPS = "../examples/ecommerce-dependencies.yaml";
    static final String PROM_REQUESTS = "src/test/resources/prometheus/ecommerce-istio_requests_total.json";
    static final String PROM_TCP = "src/test/resources/prometheus/ecommerce-istio_tcp_connections_opened_total.json";

    @TempDir
    Path tmp;

    static Map<String, String> tree(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p).toString(), Files.readString(p));
            }
        }
        return out;
    }

    /** The example with REGISTRY_ONLY and two classic mistakes: a short name and a misspelt external host. */
    Path brokenExample() throws IOException {
        Path dir = tmp.resolve("broken");
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(Path.of(MESH))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                String s = Files.readString(f)
                        .replace("\"orders/order-service.orders.svc.cluster.local\"", "\"orders/order-service\"")
                        .replace("\"orders/api.paypal.com\"", "\"orders/api.paypal.org\"")
                        .replace("mode: ALLOW_ANY", "mode: REGISTRY_ONLY");
                Files.writeString(dir.resolve(f.getFileName()), s);
            }
        }
        return dir;
    }

    @Test
    void whatifOnTheExampleWithItsDependencyMapFindsNothingBroken() {
        CliRun r = run("whatif", "-f", MESH, "--deps", DEPS);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("whatif: 0 of 30 observed calls would break under the input's Sidecars")
                .contains("config: 1060190 bytes over 26 proxies with these Sidecars, 1383515 without (saves 323325, 23%)");
    }

    @Test
    void whatifGroupsBrokenCallsByWorkloadWithTheSidecarAndTheFixingHostLine() throws IOException {
        CliRun r = run("whatif", "-f", brokenExample().toString(), "--deps", DEPS);
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).contains("""
                orders/payment-service (Sidecar orders/payment-service-sidecar)
                  BlackHole   api.paypal.com  [dependency map ../examples/ecommerce-dependencies.yaml]
                    fix: add "orders/api.paypal.com" to spec.egress[0].hosts (the port 443 listener) of orders/payment-service-sidecar
                """).contains("""
                shipping/shipping-service (Sidecar shipping/default)
                  BlackHole   order-service.orders.svc.cluster.local  [dependency map ../examples/ecommerce-dependencies.yaml]
                    fix: add "orders/order-service.orders.svc.cluster.local" to spec.egress[0].hosts of shipping/default
                """);
    }

    @Test
    void whatifJsonListsBrokenCallsAndConfigSaved() throws IOException {
        CliRun r = run("whatif", "-f", brokenExample().toString(), "--deps", DEPS, "-o", "json");
        assertThat(r.exitCode()).isEqualTo(1);
        Map<String, Object> json = r.json();
        assertThat(json).containsEntry("observed", 30).containsKeys("broken", "unresolved", "config");
        assertThat(r.out()).contains("\"outcome\": \"BlackHole\"", "\"fix\": \"orders/api.paypal.com\"",
                "\"unit\": \"bytes\"");
    }

    @Test
    void generatedSidecarsPassWhatifAndAreWrittenTheSameEveryTime() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        CliRun ga = run("generate", "-f", MESH, "--deps", DEPS, "--always", "istio-system/*", "-o", a.toString());
        CliRun gb = run("generate", "-f", MESH, "--deps", DEPS, "--always", "istio-system/*", "-o", b.toString());
        assertThat(ga.exitCode()).as(ga.err()).isZero();
        assertThat(ga.out()).contains("check: none of the 30 observed calls would break under the generated Sidecars",
                "gateway istio-system/istio-ingressgateway: 2 calls not scoped", "wrote 5 files to");
        assertThat(tree(a)).isEqualTo(tree(b)).containsOnlyKeys("catalog.yaml", "frontend.yaml", "orders.yaml",
                "shared.yaml", "shipping.yaml");
        assertThat(tree(a).get("orders.yaml")).contains(
                "- \"orders/api.stripe.com\"  # payment-service; dependency map ../examples/ecommerce-dependencies.yaml",
                "- \"istio-system/*\"  # --always");
        CliRun check = run("whatif", "-f", MESH, "--sidecars", a.toString(), "--deps", DEPS);
        assertThat(check.exitCode()).as(check.out()).isZero();
        assertThat(check.out()).startsWith("whatif: 0 of 30");
        CliRun valid = CliRun.run("validate", "-f", a.toString());
        assertThat(valid.exitCode()).as(valid.out() + valid.err()).isZero();
    }

    @Test
    void generateFromTheRecordedPrometheusResultCarriesCountsAndWindow() throws IOException {
        Path out = tmp.resolve("prom");
        CliRun r = run("generate", "-f", MESH, "--prometheus", PROM_REQUESTS, "--prometheus", PROM_TCP,
                "--strategy", "workload", "-o", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        String shared = Files.readString(out.resolve("shared.yaml"));
        assertThat(shared).contains("- \"shared/smtp.sendgrid.net\"  # notification-service; 288 calls; prometheus "
                + PROM_TCP + " (at 2026-11-26T11:13:13.492Z)");
        assertThat(r.out()).contains("check: none of the 30 observed calls would break");
        CliRun check = run("whatif", "-f", MESH, "--sidecars", out.toString(), "--prometheus", PROM_REQUESTS,
                "--prometheus", PROM_TCP, "--deps", DEPS);
        assertThat(check.exitCode()).as(check.out()).isZero();
    }

    @Test
    void namespaceStrategyFollowsTheSeedPatternOnTheExample() {
        CliRun r = run("generate", "-f", MESH, "--deps", DEPS, "--strategy", "namespace", "-o", "-");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("name: payment-service\n  namespace: orders\n",
                "name: notification-service\n  namespace: shared\n", "name: default\n  namespace: frontend\n")
                .doesNotContain("name: web-ui");
        assertThat(r.err()).contains("generate: 7 Sidecars (7 new or changed) in 5 namespaces, strategy namespace");
    }

    @Test
    void mergeAddsTheMissingHostsAndNeverRemovesOne() throws IOException {
        Path broken = brokenExample();
        Path out = tmp.resolve("merged");
        CliRun r = run("generate", "-f", broken.toString(), "--deps", DEPS, "--merge", "-o", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("merged orders/payment-service-sidecar: 1 host(s) added",
                "merged shipping/default: 1 host(s) added");
        String shipping = Files.readString(out.resolve("shipping.yaml"));
        assertThat(shipping).contains("- \"./*\"\n", "- \"orders/order-service\"\n", "- \"shared/*\"\n",
                "- \"orders/order-service.orders.svc.cluster.local\"  # shipping-service; dependency map");
        CliRun check = run("whatif", "-f", broken.toString(), "--sidecars", out.toString(), "--deps", DEPS);
        // no observed call breaks, but the kept short name would be rejected by Istio's admission webhook
        assertThat(check.exitCode()).as(check.out()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(check.out()).contains("shipping.yaml:13:11: Sidecar shipping/default: spec.egress[0].hosts[1]: "
                + "short names (non FQDN) are not allowed", "whatif: 0 of 30 observed calls would break");
    }

    @Test
    void planWritesTheNamespacesInRolloutOrderWithTheSavingsOfEachStep() throws IOException {
        Path out = tmp.resolve("plan");
        CliRun r = run("generate", "-f", MESH, "--deps", DEPS, "--strategy", "namespace", "--plan",
                "-o", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(tree(out)).containsOnlyKeys("01-shared.yaml", "02-catalog.yaml", "03-shipping.yaml",
                "04-frontend.yaml", "05-orders.yaml", "rollout-plan.txt");
        assertThat(Files.readString(out.resolve("01-shared.yaml")))
                .contains("# Rollout step 1/5: namespace shared — 1 calling workloads");
        assertThat(Files.readString(out.resolve("rollout-plan.txt"))).contains("1     shared", "5     orders");
    }

    @Test
    void callsToServicesNotInTheManifestsAreReportedNotDropped() throws IOException {
        Path deps = tmp.resolve("deps.yaml");
        Files.writeString(deps, """
                services:
                  frontend/web-ui:
                    calls: [legacy/billing, catalog/product-service]
                    external: [analytics.google.com]
                  ghost/worker:
                    calls: [catalog/product-service]
                """);
        CliRun r = run("generate", "-f", MESH, "--deps", deps.toString(), "-o", "-");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("not in the manifests (reported, not imported):",
                "frontend/web-ui -> legacy/billing: service billing.legacy.svc.cluster.local is not in the manifests",
                "frontend/web-ui -> analytics.google.com: external host analytics.google.com has no ServiceEntry",
                "ghost/worker -> catalog/product-service: ghost/worker is not a workload");
    }

    @Test
    void accessLogsNeedTheirWorkloadAndFeedWhatif() throws IOException {
        Path log = tmp.resolve("web.log");
        Files.writeString(log, "[2026-01-15T10:00:01.409Z] \"GET /x HTTP/1.1\" 200 - via_upstream - \"-\" 0 1 1 1 \"-\" "
                + "\"curl\" \"id\" \"payment-service.orders:80\" \"10.13.2.11:8080\" "
                + "outbound|80||payment-service.orders.svc.cluster.local 10.10.1.11:1 10.96.3.20:80 10.10.1.11:2 - default\n");
        CliRun missing = run("whatif", "-f", MESH, "--access-log", log.toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("which workload wrote it?");
        CliRun r = run("whatif", "-f", MESH, "--access-log", "frontend/web-ui=" + log);
        assertThat(r.exitCode()).isZero(); // frontend/default imports orders/*
        CliRun narrow = run("whatif", "-f", MESH, "--sidecars", tmp.resolve("none-yet").toString(),
                "--access-log", log.toString(), "--source", "frontend/web-ui");
        assertThat(narrow.exitCode()).isEqualTo(2); // the proposed directory does not exist
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run("generate", "-f", MESH).exitCode()).isEqualTo(2);
        assertThat(run("generate", "-f", MESH, "--deps", DEPS, "--strategy", "bogus").exitCode()).isEqualTo(2);
        CliRun shortName = run("generate", "-f", MESH, "--deps", DEPS, "--always", "istio-system/istiod");
        assertThat(shortName.exitCode()).isEqualTo(2);
        assertThat(shortName.err()).contains("short names (non FQDN) are not allowed");
        assertThat(run("whatif", "-f", MESH, "--deps", "missing.yaml").err()).contains("cannot read missing.yaml");
    }
}
