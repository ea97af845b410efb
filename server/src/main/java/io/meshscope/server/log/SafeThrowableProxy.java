package io.meshscope.server.log;

import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import io.meshscope.core.render.TextSafe;

/**
 * An exception as logback renders it, with the text an exception carries (its message, the class name and an
 * overridden {@code toString}) escaped by {@link TextSafe}: an exception message quoting a file name or a YAML value
 * holding ESC or a newline cannot forge or hide log lines. Stack frames are code locations and are kept.
 */
final class SafeThrowableProxy implements IThrowableProxy {
    private final IThrowableProxy delegate;

    private SafeThrowableProxy(IThrowableProxy delegate) {
        this.delegate = delegate;
    }

    /** {@code proxy} made safe, or null for null. */
    static IThrowableProxy of(IThrowableProxy proxy) {
        return proxy == null || proxy instanceof SafeThrowableProxy ? proxy : new SafeThrowableProxy(proxy);
    }

    @Override
    public String getOverridingMessage() {
        return TextSafe.escape(delegate.getOverridingMessage());
    }

    @Override
    public String getMessage() {
        return TextSafe.escape(delegate.getMessage());
    }

    @Override
    public String getClassName() {
        return TextSafe.escape(delegate.getClassName());
    }

    @Override
    public StackTraceElementProxy[] getStackTraceElementProxyArray() {
        return delegate.getStackTraceElementProxyArray();
    }

    @Override
    public int getCommonFrames() {
        return delegate.getCommonFrames();
    }

    @Override
    public IThrowableProxy getCause() {
        return of(delegate.getCause());
    }

    @Override
    public IThrowableProxy[] getSuppressed() {
        IThrowableProxy[] suppressed = delegate.getSuppressed();
        if (suppressed == null) {
            return null;
        }
        IThrowableProxy[] out = new IThrowableProxy[suppressed.length];
        for (int i = 0; i < suppressed.length; i++) {
            out[i] = of(suppressed[i]);
        }
        return out;
    }

    @Override
    public boolean isCyclic() {
        return delegate.isCyclic();
    }
}
