package io.meshscope.cli.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Compares describe's JSON with a {@code scope} case: only the keys the case lists are asserted. */
final class ScopeCheck {
    private ScopeCheck() {
    }

    @SuppressWarnings("unchecked")
    static void check(ConformanceCase c, Map<String, Object> got) {
        Map<String, Object> want = c.expect();
        if (want.containsKey("sidecar")) {
            assertThat(got.get("sidecar")).as("sidecar").isEqualTo(want.get("sidecar"));
        }
        if (want.containsKey("egress")) {
            List<Map<String, Object>> we = (List<Map<String, Object>>) want.get("egress");
            List<Map<String, Object>> ge = (List<Map<String, Object>>) got.get("egress");
            assertThat(ge).as("egress listeners").hasSize(we.size());
            for (int i = 0; i < we.size(); i++) {
                checkListener(i, we.get(i), ge.get(i));
            }
        }
        if (want.containsKey("scopeServices")) {
            assertThat(sorted(got.get("scopeServices"))).as("scopeServices").isEqualTo(sorted(want.get("scopeServices")));
        }
        checkMap("scopeServicePorts", want, got, true);
        checkMap("scopeServiceNamespaces", want, got, false);
        checkMap("destinationRules", want, got, false);
        if (want.containsKey("outboundTrafficPolicy")) {
            assertThat(got.get("outboundTrafficPolicy")).as("outboundTrafficPolicy")
                    .isEqualTo(want.get("outboundTrafficPolicy"));
        }
    }

    private static void checkListener(int i, Map<String, Object> want, Map<String, Object> got) {
        String at = "egress[" + i + "].";
        assertThat(number(got.get("port"))).as(at + "port").isEqualTo(number(want.get("port")));
        if (want.containsKey("bind")) {
            assertThat(got.get("bind")).as(at + "bind").isEqualTo(want.get("bind"));
        }
        if (want.containsKey("services")) {
            assertThat(sorted(got.get("services"))).as(at + "services").isEqualTo(sorted(want.get("services")));
        }
        checkMap("servicePorts", want, got, true, at);
        checkMap("serviceNamespaces", want, got, false, at);
        if (want.containsKey("virtualServices")) {
            assertThat(sorted(got.get("virtualServices"))).as(at + "virtualServices")
                    .isEqualTo(sorted(want.get("virtualServices")));
        }
    }

    private static void checkMap(String key, Map<String, Object> want, Map<String, Object> got, boolean numbers) {
        checkMap(key, want, got, numbers, "");
    }

    @SuppressWarnings("unchecked")
    private static void checkMap(String key, Map<String, Object> want, Map<String, Object> got, boolean numbers,
                                 String at) {
        if (!want.containsKey(key)) {
            return;
        }
        Map<String, Object> w = (Map<String, Object>) want.get(key);
        Map<String, Object> g = got.get(key) == null ? Map.of() : (Map<String, Object>) got.get(key);
        for (Map.Entry<String, Object> e : w.entrySet()) {
            Object gv = g.get(e.getKey());
            if (numbers) {
                assertThat(numbers(gv)).as(at + key + "[" + e.getKey() + "]").isEqualTo(numbers(e.getValue()));
            } else {
                assertThat(gv).as(at + key + "[" + e.getKey() + "]").isEqualTo(e.getValue());
            }
        }
    }

    private static Long number(Object o) {
        return o == null ? null : ((Number) o).longValue();
    }

    private static List<Long> numbers(Object o) {
        List<Long> out = new ArrayList<>();
        if (o instanceof List<?> l) {
            l.forEach(x -> out.add(((Number) x).longValue()));
        }
        return out.stream().sorted().toList();
    }

    private static List<String> sorted(Object o) {
        TreeSet<String> s = new TreeSet<>();
        if (o instanceof List<?> l) {
            l.forEach(x -> s.add(String.valueOf(x)));
        }
        return new ArrayList<>(s);
    }
}
