package io.meshscope.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** Runs the CLI in-process, as a user would from the shell, and captures exit code and both streams. */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun run(String... args) {
        return runWithStdin("", args);
    }

    public static CliRun runWithStdin(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** The JSON printed on standard output, parsed (JSON is YAML). */
    @SuppressWarnings("unchecked")
    public Map<String, Object> json() {
        return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(out);
    }
}
