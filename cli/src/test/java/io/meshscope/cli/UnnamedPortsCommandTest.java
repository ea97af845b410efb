package io.meshscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * On manifests whose Services name no protocol ({@code examples/unnamed-ports}), {@code config-dump} shows the
 * sniffed listener and route config {@code 80} with a virtual host per port-80 service, {@code describe} shows
 * those ports as {@code auto}, and {@code report} counts exactly the listeners and virtual hosts the dump holds.
 */
class UnnamedPortsCommandTest {
    static final String MESH = "../examples/unnamed-ports";

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> section(Map<String, Object> dump, String type, String field) {
        for (Map<String, Object> c : (List<Map<String, Object>>) dump.get("configs")) {
            if (((String) c.get("@type")).endsWith(type)) {
                return (List<Map<String, Object>>) c.getOrDefault(field, List.of());
            }
        }
        throw new AssertionError("no " + type);
    }

    @SuppressWarnings("unchecked")
    private static List<String> virtualHosts(Map<String, Object> dynamicRoute) {
        Map<String, Object> rc = (Map<String, Object>) dynamicRoute.get("route_config");
        return ((List<Map<String, Object>>) rc.get("virtual_hosts")).stream().map(v -> (String) v.get("name")).toList();
    }

    @SuppressWarnings("unchecked")
    @Test
    void configDumpRoutesPort80ByHostAndReportCountsWhatTheDumpHolds() {
        CliRun dump = CliRun.run("config-dump", "shop/front-end", "-f", MESH);
        assertThat(dump.exitCode()).as(dump.err()).isZero();
        List<Map<String, Object>> routes = section(dump.json(), "RoutesConfigDump", "dynamic_route_configs");
        Map<String, Object> port80 = routes.stream()
                .filter(r -> "80".equals(((Map<String, Object>) r.get("route_config")).get("name"))).findFirst().orElseThrow();
        assertThat(virtualHosts(port80)).containsExactly("carts.shop.svc.cluster.local:80",
                "catalogue.shop.svc.cluster.local:80", "front-end.shop.svc.cluster.local:80",
                "orders.shop.svc.cluster.local:80", "payment.shop.svc.cluster.local:80",
                "queue-master.shop.svc.cluster.local:80", "shipping.shop.svc.cluster.local:80",
                "user.shop.svc.cluster.local:80", "allow_any");
        assertThat(dump.out()).contains("envoy.filters.listener.http_inspector", "\"route_config_name\": \"80\"");

        int listeners = section(dump.json(), "ListenersConfigDump", "dynamic_listeners").size();
        int vhosts = routes.stream().mapToInt(r -> virtualHosts(r).size()).sum();
        CliRun report = CliRun.run("report", "-f", MESH, "-o", "json");
        assertThat(report.exitCode()).as(report.err()).isZero();
        Map<String, Object> frontEnd = ((List<Map<String, Object>>) report.json().get("workloads")).stream()
                .filter(w -> "shop/front-end".equals(w.get("workload"))).findFirst().orElseThrow();
        Map<String, Object> scoped = (Map<String, Object>) frontEnd.get("scoped");
        assertThat(((Number) scoped.get("listeners")).intValue()).isEqualTo(listeners);
        assertThat(((Number) scoped.get("routes")).intValue()).isEqualTo(vhosts);
    }

    @SuppressWarnings("unchecked")
    @Test
    void describeNamesEachPortsProtocolWithAutoForSniffedPorts() {
        CliRun text = CliRun.run("describe", "shop/front-end", "-f", MESH);
        assertThat(text.out()).contains("carts.shop.svc.cluster.local [80/auto]", "carts-db.shop.svc.cluster.local [27017/TCP]");
        CliRun json = CliRun.run("describe", "shop/front-end", "-f", MESH, "-o", "json");
        Map<String, Object> protocols = (Map<String, Object>) json.json().get("scopeServiceProtocols");
        assertThat((Map<String, Object>) protocols.get("rabbitmq.shop.svc.cluster.local"))
                .containsEntry("5672", "auto").containsEntry("9090", "auto");
    }
}
