package io.meshscope.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The simulated proxies, driven either in this JVM or in a child JVM (the default for AdsBench, so that the server's
 * heap can be measured without the clients' share). The child is this same jar's {@code ads-clients} command,
 * spoken to over its standard input and output one line at a time; timestamps cross the process boundary as
 * {@link System#nanoTime()} values, which on Linux HotSpot are CLOCK_MONOTONIC readings shared by all processes.
 */
interface ProxyFleet extends AutoCloseable {
    AdsClients.Converge start(long timeoutMs, int batch) throws Exception;

    int mark(String host, String newAddress) throws Exception;

    /**
     * The round's deliveries: waits for every expected push, runs {@code delivered} (the moment the change's work
     * is done, for CPU figures), then watches {@code quietMs} more for pushes that should not happen.
     */
    AdsClients.Round collect(long t0Nanos, long timeoutMs, long quietMs, Runnable delivered) throws Exception;

    /** The clients' own used heap after GC (bytes). */
    long clientHeapAfterGc() throws Exception;

    /**
     * CPU the clients' JVM has used so far (ns), or -1 when they run in this JVM (their CPU is then part of the
     * server's figure). Next to the server's CPU it shows how much of the two cores a round leaves the server.
     */
    long clientCpuNanos();

    @Override
    void close();

    /** Clients in the calling JVM. */
    final class InProcess implements ProxyFleet {
        private final AdsClients clients;

        InProcess(int port, List<AdsClients.NodeSpec> nodes, int perChannel) {
            this.clients = new AdsClients(port, nodes, perChannel);
        }

        @Override
        public AdsClients.Converge start(long timeoutMs, int batch) throws InterruptedException {
            return clients.start(timeoutMs, batch);
        }

        @Override
        public int mark(String host, String newAddress) {
            return clients.mark(host, newAddress);
        }

        @Override
        public AdsClients.Round collect(long t0Nanos, long timeoutMs, long quietMs, Runnable delivered)
                throws InterruptedException {
            return clients.collect(t0Nanos, timeoutMs, quietMs, delivered);
        }

        @Override
        public long clientHeapAfterGc() {
            return -1; // shares the heap with the server
        }

        @Override
        public long clientCpuNanos() {
            return -1;
        }

        @Override
        public void close() {
            clients.close();
        }
    }

    /** Clients in a child JVM started from this jar. */
    final class Child implements ProxyFleet {
        private final Process process;
        private final BufferedReader in;
        private final PrintWriter out;
        private final Path nodesFile;

        Child(int port, List<AdsClients.NodeSpec> nodes, int perChannel, String xmx, long timeoutMs, int batch)
                throws IOException {
            nodesFile = Files.createTempFile("meshscope-bench-nodes-", ".tsv");
            List<String> lines = new ArrayList<>(nodes.size());
            nodes.forEach(n -> lines.add(n.line()));
            Files.write(nodesFile, lines, StandardCharsets.UTF_8);
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> cmd = List.of(java, "-Xmx" + xmx, "-cp", System.getProperty("java.class.path"),
                    Bench.class.getName(), "ads-clients", "--port", Integer.toString(port), "--nodes",
                    nodesFile.toString(), "--per-channel", Integer.toString(perChannel), "--timeout-ms",
                    Long.toString(timeoutMs), "--batch", Integer.toString(batch));
            process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            out = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        }

        private String expect(String prefix) throws IOException {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith(prefix + " ")) {
                    return line.substring(prefix.length() + 1);
                }
                System.err.println("[ads-clients] " + line);
            }
            throw new IOException("the client JVM ended (exit " + waitExit() + ") before answering " + prefix);
        }

        private int waitExit() {
            try {
                return process.waitFor(5, TimeUnit.SECONDS) ? process.exitValue() : -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }

        @Override
        public AdsClients.Converge start(long timeoutMs, int batch) throws IOException {
            return AdsClients.Converge.parse(expect("CONVERGED"));
        }

        @Override
        public int mark(String host, String newAddress) throws IOException {
            out.println("MARK " + host + " " + newAddress);
            return Integer.parseInt(expect("MARKED").trim());
        }

        @Override
        public long clientCpuNanos() {
            return process.toHandle().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(-1L);
        }

        @Override
        public AdsClients.Round collect(long t0Nanos, long timeoutMs, long quietMs, Runnable delivered)
                throws IOException {
            out.println("COLLECT " + t0Nanos + " " + timeoutMs + " " + quietMs);
            expect("DELIVERED");
            delivered.run();
            return AdsClients.Round.parse(expect("ROUND"));
        }

        @Override
        public long clientHeapAfterGc() throws IOException {
            out.println("HEAP");
            return Long.parseLong(expect("HEAP").trim());
        }

        @Override
        public void close() {
            try {
                out.println("QUIT");
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            } finally {
                try {
                    Files.deleteIfExists(nodesFile);
                } catch (IOException e) {
                    // best effort
                }
            }
        }

        /** The child's side: {@code ads-clients --port P --nodes FILE --per-channel K --timeout-ms T}. */
        static int main(String[] argv, PrintStream stdout) throws Exception {
            Args a = new Args(argv, "port", "nodes", "per-channel", "timeout-ms", "batch");
            List<AdsClients.NodeSpec> nodes = new ArrayList<>();
            for (String line : Files.readAllLines(Path.of(a.string("nodes", "")), StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    nodes.add(AdsClients.NodeSpec.parse(line));
                }
            }
            try (AdsClients clients = new AdsClients(a.integer("port", 0), nodes, a.integer("per-channel", 500))) {
                AdsClients.Converge c = clients.start(Long.parseLong(a.string("timeout-ms", "600000")),
                        a.integer("batch", 0));
                stdout.println("CONVERGED " + c.line());
                stdout.flush();
                BufferedReader cmds = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                String line;
                while ((line = cmds.readLine()) != null) {
                    String[] p = line.trim().split(" ");
                    switch (p[0]) {
                        case "MARK" -> stdout.println("MARKED " + clients.mark(p[1], p[2]));
                        case "COLLECT" -> stdout.println("ROUND " + clients.collect(Long.parseLong(p[1]),
                                Long.parseLong(p[2]), Long.parseLong(p[3]), () -> {
                                    stdout.println("DELIVERED -");
                                    stdout.flush();
                                }).line());
                        case "HEAP" -> stdout.println("HEAP " + Machine.usedHeapAfterGc());
                        case "QUIT" -> {
                            return 0;
                        }
                        default -> stdout.println("ERROR unknown command " + p[0]);
                    }
                    stdout.flush();
                }
            }
            return 0;
        }
    }
}
