package io.meshscope.cli;

/** Ends a command with an exit code after its message has been printed; never shown as a stack trace. */
final class CommandFailure extends RuntimeException {
    private final int exitCode;

    CommandFailure(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
