package io.meshscope.server;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/** Reading the admin endpoints' JSON and Prometheus text in tests. */
final class ServerTestSupport {
    private ServerTestSupport() {
    }

    /** {@code /debug/syncz}: one Struct per connected stream. */
    static List<Struct> syncz(AdminHttp admin) {
        ListValue.Builder b = ListValue.newBuilder();
        try {
            JsonFormat.parser().merge(admin.body("/debug/syncz"), b);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("/debug/syncz is not JSON", e);
        }
        List<Struct> out = new ArrayList<>();
        for (Value v : b.getValuesList()) {
            out.add(v.getStructValue());
        }
        return out;
    }

    /**
     * Fails when any real client rejected anything: waits (up to ten seconds) until every connected stream has
     * answered its last response of each type, then requires no NACK on any stream ({@code /debug/syncz}) and
     * none since the server started, including on streams that have ended ({@code /debug/push_status}'s
     * {@code nacksByType}).
     */
    static void assertNoNacks(AdminHttp admin) {
        try {
            Awaitility.await("every client answered its last response").atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(100)).until(() -> syncz(admin).stream().allMatch(
                            ServerTestSupport::answered));
        } catch (ConditionTimeoutException e) {
            // Reported below with the state that was not settled.
        }
        for (Struct s : syncz(admin)) {
            Map<String, Value> types = s.getFieldsMap().get("types").getStructValue().getFieldsMap();
            for (Map.Entry<String, Value> t : types.entrySet()) {
                Struct type = t.getValue().getStructValue();
                Assertions.assertThat(type.getFieldsMap().get("nacks").getNumberValue())
                        .as("NACKs of %s from %s: %s", t.getKey(), str(s, "proxy"), str(type, "nackError")).isZero();
                Assertions.assertThat(str(type, "acked")).as("%s of %s: sent %s, not acked", t.getKey(),
                        str(s, "proxy"), str(type, "sent")).isEqualTo(str(type, "sent"));
            }
        }
        Struct byType = json(admin.body("/debug/push_status")).getFieldsMap().get("nacksByType").getStructValue();
        byType.getFieldsMap().forEach((type, count) -> Assertions.assertThat(count.getNumberValue())
                .as("NACKs of %s since the server started", type).isZero());
    }

    private static boolean answered(Struct sync) {
        Value types = sync.getFieldsMap().get("types");
        if (types == null) {
            return false;
        }
        return types.getStructValue().getFieldsMap().values().stream().map(Value::getStructValue)
                .allMatch(t -> Objects.equals(str(t, "sent"), str(t, "acked")) || str(t, "nacked") != null);
    }

    /** The syncz entry of the proxy whose node id contains {@code pod}, or null. */
    static Struct syncOf(AdminHttp admin, String pod) {
        for (Struct s : syncz(admin)) {
            Value proxy = s.getFieldsMap().get("proxy");
            if (proxy != null && proxy.getStringValue().contains("~" + pod + ".")) {
                return s;
            }
        }
        return null;
    }

    /** One type's entry ({@code cds}, {@code eds}, {@code lds}, {@code rds}) of a syncz entry. */
    static Struct type(Struct sync, String shortType) {
        return sync.getFieldsMap().get("types").getStructValue().getFieldsMap().get(shortType).getStructValue();
    }

    static String str(Struct s, String field) {
        Value v = s.getFieldsMap().get(field);
        return v == null || v.hasNullValue() ? null : v.hasNumberValue() ? formatNumber(v.getNumberValue())
                : v.getStringValue();
    }

    private static String formatNumber(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    static Struct json(String body) {
        Struct.Builder b = Struct.newBuilder();
        try {
            JsonFormat.parser().merge(body, b);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("not a JSON object: " + body, e);
        }
        return b.build();
    }

    /** The value of a Prometheus sample, e.g. {@code meshscope_config_invalid} or {@code pilot_xds_pushes{type="cds"}}. */
    static double metric(AdminHttp admin, String sample) {
        String text = admin.body("/metrics");
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(sample) + "(?:\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(text);
        if (sample.contains("{")) {
            m = Pattern.compile("(?m)^" + Pattern.quote(sample) + " ([0-9.eE+-]+)$").matcher(text);
        }
        if (!m.find()) {
            throw new AssertionError("no sample " + sample + " in /metrics:\n" + text);
        }
        return Double.parseDouble(m.group(1));
    }
}
