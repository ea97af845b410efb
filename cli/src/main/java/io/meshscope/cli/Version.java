package io.meshscope.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/**
 * The project's version, written into {@code version.properties} by the build (Maven resource filtering), so it is
 * right in the jar and when run from classes alike; "dev" only if that resource is missing.
 */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"meshscope " + number()};
    }

    /** The version number alone, as SARIF's tool driver reports it. */
    static String number() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version", "");
                if (!v.isBlank() && !v.startsWith("${")) {
                    return v;
                }
            }
        } catch (IOException e) {
            // fall through: a missing version must not stop the command
        }
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
