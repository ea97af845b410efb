package io.meshscope.bench;

import java.util.Arrays;

/**
 * {@code java -jar bench/target/meshscope-bench.jar generation|ads|read|istiod-cluster|ui [options]}: the benchmark programs. Each prints
 * Markdown tables on standard output; see docs/PERFORMANCE.md for the commands behind the published numbers.
 */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] argv) throws Exception {
        if (argv.length == 0) {
            usage();
            System.exit(2);
        }
        String[] rest = Arrays.copyOfRange(argv, 1, argv.length);
        int code = switch (argv[0]) {
            case "generation" -> GenerationBench.run(rest, System.out);
            case "ads" -> AdsBench.run(rest, System.out);
            case "ads-clients" -> ProxyFleet.Child.main(rest, System.out);
            case "read" -> ReadBench.run(rest, System.out);
            case "istiod-cluster" -> IstiodClusterCompare.run(rest, System.out);
            case "ui" -> UiBench.run(rest, System.out);
            default -> {
                usage();
                yield 2;
            }
        };
        System.exit(code);
    }

    private static void usage() {
        System.err.println("""
                usage: java -jar meshscope-bench.jar generation [--sizes 100,500,1000,10000] [--warmup 3] [--reps 15]
                           [--scope-sample 200] [--bytes-sample 40] [--fanin-services 1000] [--fanin-proxies 100,1000]
                           [--fanin-reps 5] [--jit-warmup-s 15]
                       java -jar meshscope-bench.jar ads [--services 1000] [--variants namespace,workload,none]
                           [--proxies 1000,10000] [--per-channel 500] [--workers 4] [--rounds 5] [--warmup-rounds 1]
                           [--change offer|file] [--clients child|in-process] [--client-xmx 8g]
                           [--converge-timeout-s 600] [--collect-timeout-s 60] [--quiet-ms 1000] [--debounce-ms 100]
                           [--server-log WARN] [--targets most-called,typical]
                           [--jit-warmup true|false] [--open-batch 0] [--baseline true|false]
                           [--full-push-rounds 3] [--server-jvm-options FILE]
                         (runs itself again in a JVM with ./meshscope serve's options when this one lacks them;
                          --baseline also runs java-control-plane's server and SimpleCache on the same mesh)
                       java @jvm/cli.options -jar meshscope-bench.jar read --dir DIR [--reps 3]
                       java -jar meshscope-bench.jar istiod-cluster [--dump testdata/istiod/http_config.json]
                           [--mesh testdata/istiod/bookinfo-productpage.yaml] [--namespace default] [--labels client]
                       java -jar meshscope-bench.jar ui [--services 5000] [--sidecars workload] [--reps 5]
                           [--meshscope ./meshscope] [--chromium /usr/bin/chromium] [--chromedriver /usr/bin/chromedriver]""");
    }
}
