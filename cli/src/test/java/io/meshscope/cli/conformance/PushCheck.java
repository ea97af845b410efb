package io.meshscope.cli.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Maps a {@code push} case's change onto {@code affected} and compares the one proxy's answer. */
final class PushCheck {
    private PushCheck() {
    }

    static List<String> arguments(ConformanceCase c) {
        Map<String, Object> ch = c.change();
        String kind = (String) ch.get("kind");
        String name = (String) ch.get("name");
        String change = switch (kind) {
            case "ServiceEntry" -> "service:" + name;
            case "Endpoints" -> "endpoints:" + name;
            default -> kind + "/" + ch.get("namespace") + "/" + name;
        };
        List<String> out = new ArrayList<>(List.of(change, "--workload", (String) c.query().get("workload")));
        if (c.query().get("proxyType") != null) {
            out.addAll(List.of("--proxy-type", (String) c.query().get("proxyType")));
        }
        if (Boolean.TRUE.equals(ch.get("forced"))) {
            out.add("--forced");
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static void check(ConformanceCase c, Map<String, Object> got) {
        List<Map<String, Object>> proxies = (List<Map<String, Object>>) got.get("proxies");
        assertThat(proxies).hasSize(1);
        assertThat(proxies.get(0).get("push")).as("push").isEqualTo(((Map<String, Object>) c.expect()).get("push"));
    }
}
