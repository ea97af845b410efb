package io.meshscope.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /ready} of a starting server: 503 while the first snapshot exists but the xDS port is not yet bound,
 * 200 only once a connection to the xDS port succeeds. Startup is held at the moment between the two (the first
 * snapshot's swap listener blocks) so the window is observed every run, not by luck.
 */
class ReadinessTest {
    @TempDir
    java.nio.file.Path tmp;

    private final ExecutorService starter = Executors.newSingleThreadExecutor();
    private MeshFiles files;
    private MeshscopeServer server;

    @BeforeEach
    void mesh() {
        files = ScopedMesh.write(new MeshFiles(tmp));
    }

    @AfterEach
    void stop() {
        starter.shutdownNow();
        if (server != null) {
            server.close();
        }
    }

    @Test
    void readyIs503WhileTheFirstSnapshotExistsButTheXdsPortIsNotBoundAnd200OnceItAcceptsConnections()
            throws Exception {
        server = new MeshscopeServer(files.config());
        CountDownLatch snapshotBuilt = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        server.store().onSwap(swap -> {
            if (swap.previous() == null) {
                snapshotBuilt.countDown();
                awaitQuietly(resume);
            }
        });
        Future<?> starting = starter.submit(() -> {
            server.start();
            return null;
        });
        assertThat(snapshotBuilt.await(30, TimeUnit.SECONDS)).as("first snapshot built").isTrue();

        AdminHttp admin = new AdminHttp(server.adminPort());
        AdminHttp.Reply held = admin.get("/ready");
        assertThat(held.status()).as("/ready with a snapshot but no xDS listener: %s", held.body()).isEqualTo(503);
        assertThat(held.body()).contains("xDS port");
        assertThat(admin.get("/healthz").status()).isEqualTo(200);

        resume.countDown();
        starting.get(30, TimeUnit.SECONDS);
        assertThat(admin.get("/ready").status()).isEqualTo(200);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", server.xdsPort()), (int) Duration.ofSeconds(2).toMillis());
            assertThat(s.isConnected()).isTrue();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            // Bounded: a test that never resumes must not hang the build.
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
