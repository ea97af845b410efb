package io.meshscope.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One running grpc-js client process (src/test/node/grpc-js-client/client.js) with its own bootstrap: commands
 * go to its stdin, one JSON result per line comes back on stdout; its stderr (grpc-js's xDS traces) goes to a log
 * file that failure messages quote. The process lives for a whole scenario, so it keeps its xDS state across
 * the mesh changes the test makes.
 */
final class GrpcJsClient implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final OutputStream stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Path log;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<String, ?> versions;

    /** A call's outcome: {@code ok} with the backend's answer and peer, or the gRPC status name and details. */
    record Result(boolean ok, String body, String peer, String code, String details, long millis) {
        @Override
        public String toString() {
            return (ok ? "OK from " + body + " in " : code + ": " + details + " after ") + millis + " ms";
        }
    }

    private GrpcJsClient(Process process, Path log) throws IOException {
        this.process = process;
        this.stdin = process.getOutputStream();
        this.log = log;
        Thread reader = new Thread(this::readStdout, "grpc-js-stdout");
        reader.setDaemon(true);
        reader.start();
        this.versions = next(START_TIMEOUT, "the client's ready line");
    }

    /**
     * Starts a client whose {@code GRPC_XDS_BOOTSTRAP} file holds {@code bootstrapJson}; files go to {@code dir}
     * under {@code name}.
     */
    static GrpcJsClient start(Path dir, String name, String bootstrapJson) throws IOException {
        NodeRuntime.Installation node = NodeRuntime.require();
        Path bootstrap = dir.resolve(name + "-bootstrap.json");
        Files.writeString(bootstrap, bootstrapJson);
        Path log = dir.resolve(name + "-stderr.log");
        ProcessBuilder pb = new ProcessBuilder(node.node().toString(), "client.js").directory(node.dir().toFile())
                .redirectError(log.toFile());
        pb.environment().put("GRPC_XDS_BOOTSTRAP", bootstrap.toString());
        pb.environment().remove("GRPC_XDS_BOOTSTRAP_CONFIG");
        // The xDS client's traces (requests, responses, ACKs, NACKs) explain any failure; they go to the log only.
        pb.environment().put("GRPC_TRACE", "xds_client,xds_resolver,xds_dependency_manager");
        pb.environment().put("GRPC_VERBOSITY", "DEBUG");
        return new GrpcJsClient(pb.start(), log);
    }

    /** What the client reported at start: grpc-js, grpc-js-xds and node versions. */
    Map<String, ?> versions() {
        return versions;
    }

    /** One unary call to {@code target} with a deadline of {@code timeout}. */
    Result call(String target, Duration timeout) {
        return call(target, timeout, Map.of());
    }

    /** One unary call with request headers {@code metadata} (names and values plain ASCII, no quoting needed). */
    Result call(String target, Duration timeout, Map<String, String> metadata) {
        int id = ids.incrementAndGet();
        StringBuilder md = new StringBuilder();
        metadata.forEach((k, v) -> md.append(md.length() == 0 ? "" : ",").append('"').append(k).append("\":\"")
                .append(v).append('"'));
        send("{\"id\":" + id + ",\"op\":\"call\",\"target\":\"" + target + "\",\"timeoutMs\":" + timeout.toMillis()
                + ",\"metadata\":{" + md + "}}");
        Map<String, ?> r = result(id, timeout.plusSeconds(10), "the result of call " + id);
        return new Result(Boolean.TRUE.equals(r.get("ok")), (String) r.get("body"), (String) r.get("peer"),
                (String) r.get("codeName"), (String) r.get("details"), ((Double) r.get("ms")).longValue());
    }

    /** Closes the client's channel to {@code target}; the next call to it builds a new channel. */
    void reset(String target) {
        int id = ids.incrementAndGet();
        send("{\"id\":" + id + ",\"op\":\"reset\",\"target\":\"" + target + "\"}");
        result(id, Duration.ofSeconds(10), "the reset of " + target);
    }

    /** Whether grpc-js's own bootstrap loader accepts the file: null when it does, else its error. */
    String bootstrapError() {
        int id = ids.incrementAndGet();
        send("{\"id\":" + id + ",\"op\":\"bootstrap\"}");
        Map<String, ?> r = result(id, Duration.ofSeconds(10), "the bootstrap check");
        return Boolean.TRUE.equals(r.get("ok")) ? null : (String) r.get("details");
    }

    /** The last part of the client's stderr (its xDS traces), for failure messages. */
    String log() {
        return NodeRuntime.tail(log);
    }

    private void send(String command) {
        try {
            stdin.write((command + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            throw new AssertionError("the grpc-js client is gone (" + e + "); its log:\n" + log(), e);
        }
    }

    /**
     * The result line of command {@code id}. Results of earlier commands whose caller stopped waiting (an
     * Awaitility timeout interrupts it) are skipped.
     */
    private Map<String, ?> result(int id, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<String, ?> r = next(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())), what);
            Object got = r.get("id");
            if (got instanceof Double d && d.intValue() == id) {
                return r;
            }
            if (!(got instanceof Double d) || d.intValue() > id) {
                throw new AssertionError("unexpected line " + r + " while waiting for " + what);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, ?> next(Duration timeout, String what) {
        String line;
        try {
            line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + what, e);
        }
        if (line == null) {
            throw new AssertionError("no " + what + " within " + timeout + " (process alive: " + process.isAlive()
                    + "); its log:\n" + log());
        }
        return (Map<String, ?>) ProxylessBootstrap.parse(line);
    }

    private void readStdout() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                lines.add(line);
            }
        } catch (IOException e) {
            // The process ended; a pending next() then times out with the log.
        }
    }

    /** Asks the client to quit, then kills it (and anything it started) if it does not within five seconds. */
    @Override
    public void close() {
        try {
            stdin.write("{\"id\":0,\"op\":\"quit\"}\n".getBytes(StandardCharsets.UTF_8));
            stdin.close();
        } catch (IOException e) {
            // Already gone.
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
