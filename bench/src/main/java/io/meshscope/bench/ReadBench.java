package io.meshscope.bench;

import io.meshscope.core.model.MeshInput;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.decode.InputException;
import io.meshscope.decode.ManifestReader;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Issue 14 "reading and indexing": what reading a mesh directory costs, next to its floor. For each repetition:
 * SnakeYAML Engine alone composing every file's text (the YAML library's own work, one thread, same settings as
 * meshscope: core schema, marks kept, a read window as large as the file), then meshscope's {@link ManifestReader}
 * on the same directory (all cores: process CPU and wall), then {@link MeshIndex#build}. Run it with the JVM options
 * of the command being studied, e.g. {@code java @jvm/cli.options -jar bench/target/meshscope-bench.jar read
 * --dir DIR}: the JIT settings change the floor by a factor of two.
 */
final class ReadBench {
    private ReadBench() {
    }

    static int run(String[] argv, PrintStream out) throws IOException, InputException {
        Args a = new Args(argv, "dir", "reps");
        Path dir = Path.of(a.string("dir", "."));
        int reps = a.integer("reps", 3);
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().forEach(files::add);
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        out.printf("%s: %d files; JVM options %s%n%n", dir, files.size(),
                ManagementFactory.getRuntimeMXBean().getInputArguments());
        out.println("| rep | MB | SnakeYAML compose only: CPU s (1 thread) | meshscope read: CPU s / wall s | index: CPU s |");
        out.println("|---:|---:|---:|---:|---:|");
        for (int r = 1; r <= reps; r++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long bytes = 0;
            for (Path f : files) {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                bytes += text.length();
                compose(text);
            }
            double floor = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
            long p0 = os.getProcessCpuTime();
            long w0 = System.nanoTime();
            MeshInput in = new ManifestReader().read(List.of(dir.toString()), System.in, Optional.empty());
            double readCpu = (os.getProcessCpuTime() - p0) / 1e9;
            double readWall = (System.nanoTime() - w0) / 1e9;
            long p1 = os.getProcessCpuTime();
            MeshIndex index = MeshIndex.build(in);
            double indexCpu = (os.getProcessCpuTime() - p1) / 1e9;
            out.printf("| %d | %.1f | %.2f | %.2f / %.2f | %.2f |%n", r, bytes / 1e6, floor, readCpu, readWall, indexCpu);
            java.lang.ref.Reference.reachabilityFence(index);
        }
        return 0;
    }

    /** SnakeYAML Engine's compose step over {@code text}, every document, nothing kept. */
    private static void compose(String text) {
        LoadSettings settings = LoadSettings.builder().setSchema(new CoreSchema()).setCodePointLimit(Integer.MAX_VALUE)
                .setBufferSize(Math.max(1024, Math.min(1024 * 1024, text.length() + 1))).setAllowNonScalarKeys(true)
                .setUseMarks(true).build();
        Composer composer = new Composer(settings, new ParserImpl(settings, new StreamReader(settings, text)));
        while (composer.hasNext()) {
            composer.next();
        }
    }
}
