package io.meshscope.cli;

import java.io.PrintWriter;

/**
 * Running out of heap is a sizing problem the user can fix, not a defect: one message that says how (the
 * launcher passes {@code MESHSCOPE_JAVA_OPTS} to the JVM), exit 2, never a stack trace.
 */
final class OutOfMemory {
    private OutOfMemory() {
    }

    /** Whether {@code e} or one of its causes is an OutOfMemoryError. */
    static boolean causedBy(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }

    /** Prints the message on {@code err}; returns the exit code (2). */
    static int report(PrintWriter err) {
        long maxMb = Runtime.getRuntime().maxMemory() / (1024 * 1024);
        err.println("error: out of memory: the input needs more than the " + maxMb + " MB of heap this JVM may use; "
                + "give it more with MESHSCOPE_JAVA_OPTS, e.g. MESHSCOPE_JAVA_OPTS=-Xmx" + suggestion(maxMb)
                + " ./meshscope ... (or java -Xmx" + suggestion(maxMb) + " -jar meshscope.jar ...)");
        err.flush();
        return ExitCodes.USAGE;
    }

    /** Twice the current maximum, in whole gigabytes, at least 2g. */
    private static String suggestion(long maxMb) {
        return Math.max(2, (maxMb * 2 + 1023) / 1024) + "g";
    }
}
