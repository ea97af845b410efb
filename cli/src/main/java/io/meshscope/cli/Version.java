package io.meshscope.cli;

import picocli.CommandLine;

/** Prints the version from the jar manifest (or "dev" when run from classes). */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"meshscope " + number()};
    }

    /** The version number alone, as SARIF's tool driver reports it. */
    static String number() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
