package io.meshscope.server.log;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;

/**
 * Logback's {@code %safeex}: {@code %ex} (same options, e.g. {@code %safeex{short}}) with the exception's message
 * and cause messages escaped as {@code %safemsg} escapes the message, so an exception that quotes user text (a file
 * name, a YAML value) cannot put raw control characters or extra lines into serve's log. Each line the rendering
 * adds (one per stack frame and cause) is still its own line.
 */
public final class SafeThrowableConverter extends ThrowableProxyConverter {
    @Override
    protected String throwableProxyToString(IThrowableProxy tp) {
        // Stack frames (class, method and source file names of compiled code) are not user text and keep their tabs.
        return super.throwableProxyToString(SafeThrowableProxy.of(tp));
    }
}
