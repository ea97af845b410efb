package io.meshscope.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Server-sent event streams on the admin server: kept open and fed from any thread, closed when the client goes,
 * a client that takes nothing dropped with a bounded backlog, and a bounded number of them, the probes answered
 * throughout.
 */
class AdminEventStreamTest {
    private final List<AdminHttpServer.EventSink> sinks = new CopyOnWriteArrayList<>();
    private final AtomicInteger closes = new AtomicInteger();
    private final List<Socket> sockets = new ArrayList<>();
    private AdminHttpServer server;

    @BeforeEach
    void start() throws Exception {
        server = new AdminHttpServer(new InetSocketAddress("127.0.0.1", 0), AdminHttpServer.Limits.defaults(),
                Set.of("/healthz"), Map.of(), request -> switch (request.uri().getPath()) {
                    case "/healthz" -> AdminHttpServer.text(200, "ok\n");
                    case "/events" -> AdminHttpServer.Reply.events(sink -> {
                        sinks.add(sink);
                        return closes::incrementAndGet;
                    });
                    default -> AdminHttpServer.text(404, "no\n");
                });
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        for (Socket s : sockets) {
            s.close();
        }
        server.close();
    }

    private Socket stream() throws Exception {
        Socket s = new Socket("127.0.0.1", server.port());
        sockets.add(s);
        s.setSoTimeout(10_000);
        s.getOutputStream().write("GET /events HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return s;
    }

    /** Reads until {@code text} has arrived; everything read so far. */
    private static String readUntil(InputStream in, String text) throws Exception {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        while (!got.toString(StandardCharsets.UTF_8).contains(text)) {
            int n = in.read(buf);
            if (n < 0) {
                break;
            }
            got.write(buf, 0, n);
        }
        return got.toString(StandardCharsets.UTF_8);
    }

    private void awaitSinks(int n) throws InterruptedException {
        for (int i = 0; i < 500 && sinks.size() < n; i++) {
            Thread.sleep(10);
        }
        assertThat(sinks).hasSize(n);
    }

    @Test
    void aStreamStaysOpenAndCarriesEveryEventSentFromAnyThread() throws Exception {
        Socket s = stream();
        awaitSinks(1);
        String head = readUntil(s.getInputStream(), "\r\n\r\n");
        assertThat(head).startsWith("HTTP/1.1 200 OK").contains("Content-Type: text/event-stream")
                .contains("Cache-Control: no-store").doesNotContain("Content-Length");
        Thread other = new Thread(() -> sinks.get(0).send("event: a\ndata: 1\n\n".getBytes(StandardCharsets.UTF_8)));
        other.start();
        other.join();
        assertThat(readUntil(s.getInputStream(), "data: 1\n\n")).contains("event: a\ndata: 1\n\n");
        assertThat(sinks.get(0).send("data: 2\n\n".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(readUntil(s.getInputStream(), "data: 2\n\n")).contains("data: 2");
    }

    @Test
    void aClientClosingEndsItsStreamAndItsSinkThenSaysSo() throws Exception {
        Socket s = stream();
        awaitSinks(1);
        readUntil(s.getInputStream(), "\r\n\r\n");
        s.close();
        for (int i = 0; i < 500 && closes.get() == 0; i++) {
            Thread.sleep(10);
        }
        assertThat(closes.get()).isEqualTo(1);
        assertThat(sinks.get(0).send("data: late\n\n".getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    @Test
    void aClientThatTakesNothingIsDroppedOnceItsBacklogPassesTheBound() throws Exception {
        Socket s = stream();
        s.setReceiveBufferSize(4096);
        awaitSinks(1);
        byte[] event = ("data: " + "x".repeat(64 * 1024) + "\n\n").getBytes(StandardCharsets.UTF_8);
        // the kernel's buffers take some; past them the server holds at most MAX_STREAM_PENDING, then drops it
        for (int i = 0; i < 2_000 && closes.get() == 0; i++) {
            sinks.get(0).send(event);
            Thread.sleep(2);
        }
        assertThat(closes.get()).isEqualTo(1);
    }

    @Test
    void beyondTheStreamLimitANewStreamIsRefusedAndTheProbesStillAnswer() throws Exception {
        for (int i = 0; i < AdminHttpServer.MAX_STREAMS; i++) {
            stream();
            awaitSinks(i + 1); // one at a time: 32 requests at once would find the handler pool busy (503)
        }
        Socket extra = stream();
        assertThat(readUntil(extra.getInputStream(), "\r\n\r\n")).startsWith("HTTP/1.1 503");
        HttpResponse<String> probe = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + server.port() + "/healthz")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(probe.statusCode()).isEqualTo(200);
        assertThat(sinks).hasSize(AdminHttpServer.MAX_STREAMS);
    }
}
