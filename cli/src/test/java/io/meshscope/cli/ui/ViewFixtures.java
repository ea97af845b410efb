package io.meshscope.cli.ui;

import io.meshscope.cli.Main;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** What the web view's tests start from: the example's files, and a view of some inputs on a free port. */
final class ViewFixtures {
    static final String ECOMMERCE = "../examples/ecommerce";

    private ViewFixtures() {
    }

    /** Copies the e-commerce example's files into {@code dir}, for tests that change them. */
    static void copyEcommerce(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(Path.of(ECOMMERCE))) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
    }

    /** {@code meshscope ui} on 127.0.0.1 and a free port, started: the real CLI, run in this process. */
    static UiServer startView(List<String> inputArgs, List<String> evidenceArgs) throws IOException {
        UiServer server = new UiServer(new InetSocketAddress("127.0.0.1", 0), new UiData(UiData.inProcess(
                (out, err) -> Main.commandLine(InputStream.nullInputStream(), out, err)), inputArgs, evidenceArgs));
        server.start();
        return server;
    }
}
