package io.meshscope.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Smoke test: the benchmark runs end to end at a tiny size. Nothing about its timings is asserted. */
class GenerationBenchTest {
    @Test
    void runsAtATinySizeAndPrintsItsTables() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int code = GenerationBench.run(new String[] {"--sizes", "30", "--warmup", "0", "--reps", "2", "--scope-sample",
                "5", "--bytes-sample", "3", "--fanin-services", "30", "--fanin-proxies", "4", "--fanin-reps", "1", "--jit-warmup-s", "0"},
                new PrintStream(buf, true, StandardCharsets.UTF_8));
        String out = buf.toString(StandardCharsets.UTF_8);
        assertThat(code).isZero();
        assertThat(out).contains("## 30 services", "| scope, cold index", "| bytes per proxy", "## Summary across sizes",
                "N replicas of one workload", "## Targets", "not measured");
    }
}
