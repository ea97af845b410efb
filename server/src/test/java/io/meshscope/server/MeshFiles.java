package io.meshscope.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A directory of real manifest files that a test server watches. Files are replaced atomically (written
 * beside the watched directory, then moved in), so the watcher never reads a half-written file.
 */
final class MeshFiles {
    private final Path root;
    private final Path dir;

    MeshFiles(Path tempDir) {
        this.root = tempDir;
        this.dir = tempDir.resolve("mesh");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path dir() {
        return dir;
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    /** Writes (or replaces) {@code name} in the watched directory. */
    MeshFiles write(String name, String yaml) {
        try {
            Path tmp = Files.createTempFile(root, "write-", ".tmp");
            Files.writeString(tmp, yaml, StandardCharsets.UTF_8);
            Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    MeshFiles delete(String name) {
        try {
            Files.deleteIfExists(dir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** A server config for this directory: both ports picked by the OS on 127.0.0.1, a short debounce. */
    ServerConfig config() {
        return config(0);
    }

    /** The same with a given xDS port (a restarted server keeps the port its clients know). */
    ServerConfig config(int xdsPort) {
        return new ServerConfig(List.of(dir.toString()), Optional.empty(), "127.0.0.1", xdsPort, 0,
                Duration.ofMillis(50), Duration.ofSeconds(1), 2);
    }

    static String namespace(String name) {
        return """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: %s
                ---
                """.formatted(name);
    }

    /** A Service with one port and a selector {@code app=<name>}. */
    static String service(String namespace, String name, String portName, int port, int targetPort, String clusterIp) {
        return """
                apiVersion: v1
                kind: Service
                metadata:
                  name: %s
                  namespace: %s
                spec:
                  clusterIP: %s
                  selector:
                    app: %s
                  ports:
                    - name: %s
                      port: %d
                      targetPort: %d
                      protocol: TCP
                ---
                """.formatted(name, namespace, clusterIp, name, portName, port, targetPort);
    }

    /** A running Pod labelled {@code app=<app>} with one IP. */
    static String pod(String namespace, String name, String app, String ip) {
        return """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: %s
                  namespace: %s
                  labels:
                    app: %s
                spec:
                  containers:
                    - name: main
                      image: example/%s:1
                status:
                  podIP: %s
                  podIPs:
                    - ip: %s
                ---
                """.formatted(name, namespace, app, app, ip, ip);
    }

    /** An EndpointSlice of service {@code name} with one ready endpoint at {@code ip}. */
    static String endpointSlice(String namespace, String name, String portName, int port, String ip) {
        return """
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata:
                  name: %s-slice
                  namespace: %s
                  labels:
                    kubernetes.io/service-name: %s
                addressType: IPv4
                endpoints:
                  - addresses: ["%s"]
                    conditions:
                      ready: true
                ports:
                  - name: %s
                    port: %d
                    protocol: TCP
                ---
                """.formatted(name, namespace, name, ip, portName, port);
    }

    /** A namespace-wide Sidecar (no selector) whose egress imports exactly {@code hosts}. */
    static String sidecar(String namespace, String... hosts) {
        StringBuilder sb = new StringBuilder("""
                apiVersion: networking.istio.io/v1
                kind: Sidecar
                metadata:
                  name: default
                  namespace: %s
                spec:
                  egress:
                    - hosts:
                """.formatted(namespace));
        for (String h : hosts) {
            sb.append("        - \"").append(h).append("\"\n");
        }
        return sb.append("---\n").toString();
    }
}
