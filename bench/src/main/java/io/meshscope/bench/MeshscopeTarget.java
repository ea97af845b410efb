package io.meshscope.bench;

import io.meshscope.core.model.MeshInput;
import io.meshscope.server.MeshscopeServer;
import io.meshscope.server.ServerConfig;
import io.meshscope.server.xds.XdsLimits;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** meshscope's server as AdsBench measures it: {@link MeshscopeServer} on 127.0.0.1 serving the mesh directory. */
final class MeshscopeTarget implements AdsBench.Target {
    private final MeshscopeServer server;

    MeshscopeTarget(Path dir, long debounceMs, int workers) throws IOException {
        // the limits as shipped, except streams and connection rate: simulated proxies share channels (hundreds of
        // streams each) opened at once from one address, where real ones open one connection each from their pod
        XdsLimits shipped = XdsLimits.defaults();
        XdsLimits limits = new XdsLimits(1_000_000, 100_000, shipped.maxRequestBytes(), shipped.maxResourceNames(),
                shipped.stallTimeout(), 1_000_000);
        server = new MeshscopeServer(new ServerConfig(List.of(dir.toString()), Optional.empty(), "127.0.0.1", 0, 0,
                Duration.ofMillis(debounceMs), Duration.ofSeconds(10), workers).withLimits(limits));
        try {
            server.start();
        } catch (io.meshscope.decode.InputException e) {
            server.close();
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return "meshscope";
    }

    @Override
    public int port() {
        return server.xdsPort();
    }

    @Override
    public long version() {
        return server.snapshot().version();
    }

    /** The path the file watch takes after its debounce and re-read. */
    @Override
    public void offer(MeshInput next) {
        server.store().offer(next);
    }

    @Override
    public String diagnose(String nodeId) {
        var stream = server.connections().find(nodeId);
        return stream == null ? "no such stream" : String.valueOf(stream.syncStatus());
    }

    @Override
    public void close() {
        server.close();
    }
}
