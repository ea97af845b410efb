package io.meshscope.server.log;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.meshscope.core.render.TextSafe;

/**
 * Logback's {@code %safemsg}: the formatted message with control and bidi characters escaped ({@link TextSafe}),
 * so a resource name, file name or proxy id holding ESC or a newline cannot forge or hide log lines (one event per
 * line stays true whatever the arguments hold).
 */
public final class SafeMessageConverter extends ClassicConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return TextSafe.escape(event.getFormattedMessage());
    }
}
