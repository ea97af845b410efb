package io.meshscope.server;

import io.envoyproxy.envoy.config.core.v3.Node;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real server on loopback over the {@link ScopedMesh} files, with its admin client and three proxies' nodes
 * (two sharing namespace a's scope, one in b); raw ADS clients opened by a test are closed after it.
 */
abstract class ScopedMeshServerTest {
    static final Node A0 = AdsClient.sidecarNode("10.0.0.1", "a-0", "a");
    static final Node A1 = AdsClient.sidecarNode("10.0.0.2", "a-1", "a");
    static final Node B0 = AdsClient.sidecarNode("10.0.0.3", "b-0", "b");
    /** How long "nothing arrives" is watched for. */
    static final Duration QUIET = Duration.ofMillis(1500);

    @TempDir
    java.nio.file.Path tmp;

    MeshFiles files;
    MeshscopeServer server;
    AdminHttp admin;
    private final List<AdsClient<?, ?>> clients = new ArrayList<>();

    @BeforeEach
    void startServer() throws Exception {
        files = ScopedMesh.write(new MeshFiles(tmp));
        server = new MeshscopeServer(files.config());
        server.start();
        admin = new AdminHttp(server.adminPort());
    }

    @AfterEach
    void stopServer() {
        clients.forEach(AdsClient::close);
        server.close();
    }

    /** Remembers a client so it is closed after the test. */
    <C extends AdsClient<?, ?>> C track(C client) {
        clients.add(client);
        return client;
    }
}
