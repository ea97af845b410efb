package io.meshscope.server.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.net.URL;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * serve's log, as its logback.xml renders it, keeps one line per event and no raw control character even when an
 * exception's message (or its cause's) holds ESC or a newline, as a message quoting a file name or YAML value can.
 */
class SafeThrowableConverterTest {
    private static String render(ILoggingEvent event) throws Exception {
        URL config = SafeThrowableConverterTest.class.getResource("/logback.xml"); // serve's, not logback-test.xml
        LoggerContext context = new LoggerContext();
        try {
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(config);
            ConsoleAppender<ILoggingEvent> appender = (ConsoleAppender<ILoggingEvent>) context
                    .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
            return ((LayoutWrappingEncoder<ILoggingEvent>) appender.getEncoder()).getLayout().doLayout(event);
        } finally {
            context.stop();
        }
    }

    @Test
    void exceptionMessagesWithEscAndNewlinesCannotForgeLogLines() throws Exception {
        LoggerContext context = new LoggerContext();
        Exception cause = new RuntimeException("bad byte \u001b]0;owned\u0007 in w/\u202egnp.yaml");
        Exception thrown = new IllegalStateException("cannot read w/a\u001b[2J.yaml\ntime=2026-01-01T00:00:00Z "
                + "level=INFO logger=X msg=\"forged\"", cause);
        LoggingEvent event = new LoggingEvent("x", context.getLogger("io.meshscope.server.Reload"), Level.WARN,
                "reload failed", thrown, null);

        String out = render(event);

        assertThat(out.chars().filter(c -> (c != '\n' && c != '\t' && c < 0x20) || c == 0x7f || c == 0x202e))
                .as(out).isEmpty();
        List<String> lines = out.lines().toList();
        assertThat(lines).filteredOn(l -> l.startsWith("time=")).as(out).hasSize(1);
        assertThat(out).contains("cannot read w/a\\e[2J.yaml\\ntime=2026-01-01T00:00:00Z level=INFO")
                .contains("bad byte \\e]0;owned\\u0007 in w/\\u202egnp.yaml");
    }

    @Test
    void theStackFramesStayOnTheirOwnLines() throws Exception {
        LoggerContext context = new LoggerContext();
        LoggingEvent event = new LoggingEvent("x", context.getLogger("t"), Level.ERROR, "failed",
                new IllegalArgumentException("plain"), null);

        String out = render(event);

        assertThat(out.lines()).anyMatch(l -> l.startsWith("java.lang.IllegalArgumentException: plain"))
                .anyMatch(l -> l.startsWith("\tat "));
    }
}
