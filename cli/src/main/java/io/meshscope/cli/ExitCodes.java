package io.meshscope.cli;

/** The exit codes of cli.md, which CI pipelines depend on. */
final class ExitCodes {
    /** Done; nothing at or above the failure threshold. */
    static final int OK = 0;
    /** Findings: validation errors or analyzer messages at or above the threshold. */
    static final int FINDINGS = 1;
    /** Usage or input error: bad flag, unknown workload, unreadable path, unparseable input. */
    static final int USAGE = 2;

    private ExitCodes() {
    }
}
