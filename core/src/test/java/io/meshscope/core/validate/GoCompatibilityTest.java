package io.meshscope.core.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The Go library behaviour the validators reproduce: quoting, Atoi, SplitHostPort, ParseAddr, ParseDuration. */
class GoCompatibilityTest {

    @Test
    void quoteEscapesLikeStrconvQuote() {
        assertThat(GoText.quote("app=*")).isEqualTo("\"app=*\"");
        assertThat(GoText.quote("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
        assertThat(GoText.quote("\t\n\u0001\u007f")).isEqualTo("\"\\t\\n\\x01\\x7f\"");
        assertThat(GoText.quote("caf\u00e9 \u00a0")).isEqualTo("\"caf\u00e9 \\u00a0\"");
    }

    @Test
    void sortedListFormatsLikePercentV() {
        assertThat(GoText.sortedList(List.of("b", "a"))).isEqualTo("[a b]");
    }

    @Test
    void atoiAcceptsSignsAndRejectsEverythingElse() {
        assertThat(GoStrconv.atoi("42").value()).isEqualTo(42);
        assertThat(GoStrconv.atoi("+7").value()).isEqualTo(7);
        assertThat(GoStrconv.atoi("-7").value()).isEqualTo(-7);
        assertThat(GoStrconv.atoi("-9223372036854775808").value()).isEqualTo(Long.MIN_VALUE);
        assertThat(GoStrconv.atoi("").error()).isEqualTo("strconv.Atoi: parsing \"\": invalid syntax");
        assertThat(GoStrconv.atoi("+").error()).isEqualTo("strconv.Atoi: parsing \"+\": invalid syntax");
        assertThat(GoStrconv.atoi("1_000").error()).isEqualTo("strconv.Atoi: parsing \"1_000\": invalid syntax");
        assertThat(GoStrconv.atoi("9223372036854775808").error())
                .isEqualTo("strconv.Atoi: parsing \"9223372036854775808\": value out of range");
        assertThat(GoStrconv.atoi("99999999999999999999x").error())
                .isEqualTo("strconv.Atoi: parsing \"99999999999999999999x\": value out of range");
    }

    @Test
    void splitHostPortMatchesGoErrors() {
        assertThat(GoNet.splitHostPort("127.0.0.1:80")).isEqualTo(new GoNet.HostPort("127.0.0.1", "80", null));
        assertThat(GoNet.splitHostPort("[::1]:80")).isEqualTo(new GoNet.HostPort("::1", "80", null));
        assertThat(GoNet.splitHostPort(":80")).isEqualTo(new GoNet.HostPort("", "80", null));
        assertThat(GoNet.splitHostPort("host").error()).isEqualTo("address host: missing port in address");
        assertThat(GoNet.splitHostPort("a:b:c").error()).isEqualTo("address a:b:c: too many colons in address");
        assertThat(GoNet.splitHostPort("[::1]").error()).isEqualTo("address [::1]: missing port in address");
        assertThat(GoNet.splitHostPort("[::1]x:80").error()).isEqualTo("address [::1]x:80: missing port in address");
        assertThat(GoNet.splitHostPort("[::1:80").error()).isEqualTo("address [::1:80: missing ']' in address");
        assertThat(GoNet.splitHostPort("a[b:80").error()).isEqualTo("address a[b:80: unexpected '[' in address");
    }

    @Test
    void parseAddrAcceptsOnlyPlainAddresses() {
        for (String ok : List.of("10.0.0.1", "0.0.0.0", "::", "::1", "fe80::1%eth0", "::ffff:1.2.3.4", "1:2:3:4:5:6:7:8",
                "2001:db8::")) {
            assertThat(GoNet.isValidIp(ok)).as(ok).isTrue();
        }
        for (String bad : List.of("", "10.0.0", "10.0.0.1.2", "010.0.0.1", "256.0.0.1", "10.0.0.0/8", "[::1]",
                "1:2:3:4:5:6:7:8:9", "1::2::3", "fe80::1%", "12345::", "unix:///x", "localhost", "1:2:3:4:5:6:7::8")) {
            assertThat(GoNet.isValidIp(bad)).as(bad).isFalse();
        }
    }

    @Test
    void parseDurationFollowsGo() {
        assertThat(GoDuration.parseNanos("30ms")).isEqualTo(30_000_000L);
        assertThat(GoDuration.parseNanos("1h30m")).isEqualTo(5_400_000_000_000L);
        assertThat(GoDuration.parseNanos("1.5s")).isEqualTo(1_500_000_000L);
        assertThat(GoDuration.parseNanos("0")).isZero();
        assertThat(GoDuration.parseNanos("-1s")).isEqualTo(-1_000_000_000L);
        assertThat(GoDuration.parseNanos("2\u00b5s")).isEqualTo(2_000L);
        assertThatThrownBy(() -> GoDuration.parseNanos("10")).hasMessage("time: missing unit in duration \"10\"");
        assertThatThrownBy(() -> GoDuration.parseNanos("1d")).hasMessage("time: unknown unit \"d\" in duration \"1d\"");
        assertThatThrownBy(() -> GoDuration.parseNanos("")).hasMessage("time: invalid duration \"\"");
        assertThatThrownBy(() -> GoDuration.parseNanos(".s")).hasMessage("time: invalid duration \".s\"");
    }

    @Test
    void validateDurationNeedsWholeMillisecondsOfAtLeastOne() {
        assertThat(GoDuration.validateDuration(1_000_000L)).isNull();
        assertThat(GoDuration.validateDuration(0)).isEqualTo("duration must be greater than 1ms");
        assertThat(GoDuration.validateDuration(1_500_000L)).isEqualTo("only durations to ms precision are supported");
    }
}
