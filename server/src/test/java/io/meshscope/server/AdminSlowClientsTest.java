package io.meshscope.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kubelet's probes are answered while slow, stalled and abusive clients hold admin connections: half-sent requests,
 * responses never read, oversized headers, writes; each probe within a second, fifteen times in a row (kubelet's
 * timeout and a failure threshold's worth). With the JDK's server two stalled connections starved them.
 */
class AdminSlowClientsTest {
    @TempDir
    Path tmp;

    private MeshscopeServer server;
    private final List<Socket> sockets = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = new MeshscopeServer(ScopedMesh.write(new MeshFiles(Files.createDirectories(tmp.resolve("in"))))
                .config());
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        for (Socket s : sockets) {
            s.close();
        }
        server.close();
    }

    private Socket open() throws Exception {
        Socket s = new Socket("127.0.0.1", server.adminPort());
        sockets.add(s);
        return s;
    }

    /** One raw request; the status line, or null when the server closed without answering within 1 s. */
    private String exchange(String request) throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.adminPort())) {
            s.setSoTimeout(1000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            byte[] reply = s.getInputStream().readAllBytes();
            String text = new String(reply, StandardCharsets.ISO_8859_1);
            return text.isEmpty() ? null : text.substring(0, text.indexOf("\r\n"));
        }
    }

    @Test
    void probesAreAnsweredWithinASecondWhileSlowAndStalledClientsHoldConnections() throws Exception {
        for (int i = 0; i < 50; i++) {
            open().getOutputStream().write("GET /metr".getBytes(StandardCharsets.ISO_8859_1)); // never finished
        }
        for (int i = 0; i < 20; i++) {
            // complete requests whose responses are never read
            OutputStream out = open().getOutputStream();
            out.write("GET /debug/syncz HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        AdminHttp admin = new AdminHttp(server.adminPort());
        for (int i = 0; i < 15; i++) {
            long start = System.nanoTime();
            assertThat(admin.get("/healthz").status()).isEqualTo(200);
            assertThat(admin.get("/ready").status()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        }
        assertThat(admin.get("/debug/list").status()).isEqualTo(200);
    }

    @Test
    void aRequestNotSentInTimeIsDropped() throws Exception {
        Socket slow = open();
        slow.setSoTimeout(10_000);
        slow.getOutputStream().write("GET /healthz HTTP/1.1\r\n".getBytes(StandardCharsets.ISO_8859_1));
        long start = System.nanoTime();
        InputStream in = slow.getInputStream();
        assertThat(in.read()).isEqualTo(-1); // closed by the server, no answer
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(8));
    }

    @Test
    void theDebugViewsAreOffOnANonLoopbackAddressUnlessTurnedOn() throws Exception {
        MeshFiles files = ScopedMesh.write(new MeshFiles(Files.createDirectories(tmp.resolve("wide"))));
        ServerConfig wide = new ServerConfig(List.of(files.dir().toString()), java.util.Optional.empty(), "0.0.0.0", 0, 0,
                Duration.ofMillis(50), Duration.ofSeconds(1), 2, java.util.Optional.empty(),
                new io.meshscope.server.security.XdsSecurity(java.util.Optional.empty(), java.util.Optional.empty(),
                        java.util.Optional.empty(), "cluster.local", false, List.of("istio-ca"), true),
                io.meshscope.server.xds.XdsLimits.defaults(), java.util.Optional.empty());
        try (MeshscopeServer off = new MeshscopeServer(wide)) {
            off.start();
            AdminHttp admin = new AdminHttp(off.adminPort());
            assertThat(admin.get("/debug/syncz").status()).isEqualTo(403);
            assertThat(admin.body("/debug/config_dump?proxyID=x")).contains("--admin-debug=on");
            assertThat(admin.get("/metrics").status()).isEqualTo(200);
            assertThat(admin.get("/ready").status()).isEqualTo(200);
        }
        AdminHttp local = new AdminHttp(server.adminPort());
        assertThat(local.get("/debug/syncz").status()).isEqualTo(200);
    }

    @Test
    void onlyReadsOfBoundedSizeAreServed() throws Exception {
        assertThat(exchange("POST /healthz HTTP/1.1\r\nContent-Length: 0\r\n\r\n")).isEqualTo(
                "HTTP/1.1 405 Method Not Allowed");
        assertThat(exchange("GET /healthz HTTP/1.1\r\nX: " + "a".repeat(10_000) + "\r\n\r\n"))
                .isEqualTo("HTTP/1.1 431 Request Header Fields Too Large");
        assertThat(exchange("garbage\r\n\r\n")).isEqualTo("HTTP/1.1 400 Bad Request");
        assertThat(exchange("GET /nope HTTP/1.1\r\n\r\n")).isEqualTo("HTTP/1.1 404 Not Found");
        assertThat(exchange("HEAD /healthz HTTP/1.1\r\n\r\n")).isEqualTo("HTTP/1.1 200 OK");
    }
}
