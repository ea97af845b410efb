package io.meshscope.cli.corpus;

import io.meshscope.cli.CliRun;
import io.meshscope.core.render.TextSafe;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What every command must do with any input (issue 13, "A corpus that stays"): exit 0, 1 or 2; never print a stack
 * trace or an exception's class name; locate every message at file:line:column (the file alone for a problem of
 * the whole file, such as its size) or a Kubernetes object; and in
 * text output, print no raw control or bidi character (finding 9).
 */
final class RunChecks {
    private static final Pattern TRACE = Pattern.compile(
            "(?m)^\\s+at [\\w$.]+\\(|\\w*Exception\\b|\\b(OutOfMemory|StackOverflow|Assertion|Internal|Linkage|"
                    + "NoClassDefFound|ExceptionInInitializer|VirtualMachine)Error\\b|internal failure|"
                    + "\\bjava\\.(lang|io|util|nio)\\.|Caused by:");
    /** file:line:column, or file:line as analyze's text prints it. */
    private static final Pattern FILE_LINE = Pattern.compile("\\S+:\\d+(:\\d+)?\\b");
    /** A whole-file problem (too large, a link loop) is located at the file: "error: PATH: message". */
    private static final Pattern FILE = Pattern.compile("^(?i:error|warning): (\\S*/\\S*|\\S+\\.(yaml|yml|json)): ");
    /** A Kubernetes object as messages name it: Kind ns/name or Kind name. */
    private static final Pattern OBJECT = Pattern.compile("\\b[A-Z][A-Za-z]+ [a-z0-9][\\w.-]*(/[^\\s:)]+)?");
    /** error:/warning: lines that sum up the messages above them, or that are about the command line, not input. */
    private static final Pattern NOT_ABOUT_INPUT = Pattern.compile(
            "the input has errors \\(above\\)|^error: unknown workload|^error: no workload|"
                    + "^error: out of memory reading");

    private RunChecks() {
    }

    /** Problems with one run, empty when it behaved. */
    static List<String> problems(CliRun r, boolean textOutput) {
        List<String> out = new ArrayList<>();
        if (r.exitCode() < 0 || r.exitCode() > 2) {
            out.add("exit code " + r.exitCode() + " (only 0, 1, 2 are allowed)");
        }
        for (String stream : new String[] {"stdout", "stderr"}) {
            String text = stream.equals("stdout") ? r.out() : r.err();
            var m = TRACE.matcher(text);
            if (m.find()) {
                out.add(stream + " holds a stack trace or exception name: " + excerpt(text, m.start()));
            }
            if (textOutput || stream.equals("stderr")) {
                for (int i = 0; i < text.length(); i++) {
                    char c = text.charAt(i);
                    if (c != '\n' && TextSafe.unsafe(c)) {
                        out.add(stream + String.format(" holds a raw U+%04X: ", (int) c) + excerpt(text, i));
                        break;
                    }
                }
            }
        }
        for (String line : r.err().split("\n")) {
            String lower = line.toLowerCase();
            if ((lower.startsWith("error:") || lower.startsWith("warning:")) && !located(line)
                    && !NOT_ABOUT_INPUT.matcher(line).find()) {
                out.add("message not located (file:line:column or object): " + line);
            }
        }
        return out;
    }

    static boolean located(String message) {
        return FILE_LINE.matcher(message).find() || FILE.matcher(message).find() || OBJECT.matcher(message).find();
    }

    /**
     * Problems with the diagnostics of validate -o json or analyze -o json: each needs a file and line, or a file
     * alone for a problem of the whole file (line 0: too large, a link loop), or an object.
     */
    @SuppressWarnings("unchecked")
    static List<String> unlocatedJson(Map<String, Object> json) {
        List<String> out = new ArrayList<>();
        for (String list : new String[] {"errors", "warnings", "messages", "inputErrors"}) {
            Object items = json.get(list);
            if (!(items instanceof List<?> l)) {
                continue;
            }
            for (Object item : l) {
                Map<String, Object> d = (Map<String, Object>) item;
                boolean line = d.get("file") instanceof String f && !f.isEmpty() && d.get("line") instanceof Number;
                boolean object = (d.get("name") != null && d.get("kind") != null) || d.get("resource") != null;
                if (!line && !object) {
                    out.add(list + " entry without file:line or object: " + d);
                }
            }
        }
        return out;
    }

    /** The errors validate -o json (or analyze's input errors) reported. */
    @SuppressWarnings("unchecked")
    static int errorCount(Map<String, Object> json) {
        int n = 0;
        for (String list : new String[] {"errors", "inputErrors"}) {
            if (json.get(list) instanceof List<?> l) {
                n += l.size();
            }
        }
        if (json.get("messages") instanceof List<?> l) {
            for (Object m : l) {
                if ("Error".equals(((Map<String, Object>) m).get("level"))) {
                    n++;
                }
            }
        }
        return n;
    }

    static String excerpt(String text, int at) {
        int from = Math.max(0, at - 60);
        int to = Math.min(text.length(), at + 100);
        return TextSafe.escape(text.substring(from, to));
    }
}
