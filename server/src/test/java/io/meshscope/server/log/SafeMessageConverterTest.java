package io.meshscope.server.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

/** serve's log lines stay one line per event whatever the logged user text holds (issue 13 item 9). */
class SafeMessageConverterTest {
    @Test
    void argumentsWithEscNewlinesAndBidiOverridesAreEscaped() {
        Logger logger = new LoggerContext().getLogger("t");
        LoggingEvent e = new LoggingEvent("x", logger, Level.WARN, "cannot watch {}: {}", null,
                new Object[] {"a\u001b[2J\nlevel=INFO msg=\"forged\"", "b\u202e"});
        assertThat(new SafeMessageConverter().convert(e))
                .isEqualTo("cannot watch a\\e[2J\\nlevel=INFO msg=\"forged\": b\\u202e");
    }
}
