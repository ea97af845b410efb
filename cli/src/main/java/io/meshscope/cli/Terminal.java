package io.meshscope.cli;

import java.util.Map;

/**
 * Whether output may carry symbols (and colour, which picocli's help already limits the same way): only on an
 * interactive terminal, never when {@code NO_COLOR} is set (no-color.org) or {@code TERM=dumb}, so that logs,
 * pipes and CI see plain text.
 */
final class Terminal {
    private Terminal() {
    }

    /** For this process: standard output is a console, and the environment does not opt out. */
    static boolean wantsSymbols(Map<String, String> env) {
        return System.console() != null && allows(env);
    }

    /** The environment's part of the decision. */
    static boolean allows(Map<String, String> env) {
        String noColor = env.get("NO_COLOR");
        return (noColor == null || noColor.isEmpty()) && !"dumb".equals(env.get("TERM"));
    }
}
