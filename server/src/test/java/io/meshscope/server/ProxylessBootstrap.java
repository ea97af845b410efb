package io.meshscope.server;

import io.grpc.internal.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The proxyless bootstrap exactly as docs/SERVER.md prints it (the first {@code json} block of "Connecting a
 * proxyless gRPC client"), with only the xDS port replaced: the real clients in the tests load the documented
 * text, so a bootstrap that a client refuses cannot stay in the docs.
 */
final class ProxylessBootstrap {
    static final String DOCUMENTED_SERVER = "127.0.0.1:15010";
    static final String NODE_ID = "sidecar~127.0.0.2~client.client~client.svc.cluster.local";
    private static final String SECTION = "## Connecting a proxyless gRPC client";

    private ProxylessBootstrap() {
    }

    /** The documented bootstrap's JSON text pointing at {@code 127.0.0.1:<xdsPort>}. */
    static String json(int xdsPort) {
        String doc = documented();
        if (!doc.contains("\"" + DOCUMENTED_SERVER + "\"")) {
            throw new AssertionError("docs/SERVER.md's proxyless bootstrap no longer names " + DOCUMENTED_SERVER);
        }
        return doc.replace("\"" + DOCUMENTED_SERVER + "\"", "\"127.0.0.1:" + xdsPort + "\"");
    }

    /** The same, parsed as grpc-java parses bootstrap JSON (for {@code XdsNameResolverProvider.createForTest}). */
    @SuppressWarnings("unchecked")
    static Map<String, ?> map(int xdsPort) {
        return (Map<String, ?>) parse(json(xdsPort));
    }

    /** The bootstrap block of docs/SERVER.md, verbatim. */
    static String documented() {
        return firstJsonBlockAfter(read("docs/SERVER.md"), SECTION);
    }

    /** The proxyless bootstrap block of the README's "The control plane" section, verbatim. */
    static String readme() {
        return firstJsonBlockAfter(read("README.md"), "## The control plane");
    }

    static Object parse(String json) {
        try {
            return JsonParser.parse(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private static String firstJsonBlockAfter(String markdown, String heading) {
        int at = markdown.indexOf(heading);
        if (at < 0) {
            throw new AssertionError("no section '" + heading + "'");
        }
        int open = markdown.indexOf("```json\n", at);
        int close = markdown.indexOf("\n```", open + 1);
        if (open < 0 || close < 0) {
            throw new AssertionError("no ```json block after '" + heading + "'");
        }
        return markdown.substring(open + "```json\n".length(), close + 1);
    }

    /** A file of the repository; tests run in the server module's directory. */
    private static String read(String pathFromRepoRoot) {
        Path p = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("..").resolve(pathFromRepoRoot)
                .normalize();
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + p, e);
        }
    }
}
