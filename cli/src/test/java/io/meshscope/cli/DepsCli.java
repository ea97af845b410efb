package io.meshscope.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs {@code generate} and {@code whatif} in-process, whether or not Main registers them yet. */
public final class DepsCli {
    private DepsCli() {
    }

    public static CliRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter o = new PrintWriter(out, true);
        PrintWriter e = new PrintWriter(err, true);
        CommandLine cl = Main.commandLine(InputStream.nullInputStream(), o, e);
        if (!cl.getSubcommands().containsKey("generate")) {
            cl.addSubcommand(new GenerateCommand());
        }
        if (!cl.getSubcommands().containsKey("whatif")) {
            cl.addSubcommand(new WhatIfCommand());
        }
        cl.getSubcommands().get("generate").setOut(o).setErr(e);
        cl.getSubcommands().get("whatif").setOut(o).setErr(e);
        int code = cl.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
