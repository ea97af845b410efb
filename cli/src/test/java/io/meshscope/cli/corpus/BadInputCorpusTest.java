package io.meshscope.cli.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.cli.CliRun;
import io.meshscope.cli.corpus.BadInputs.Expect;
import io.meshscope.cli.corpus.BadInputs.Input;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every command that reads input, on every input of the bad-input corpus (issue 13, "A corpus that stays"):
 * exit 0, 1 or 2 only, no stack trace or exception name, every message located, text output free of raw control
 * characters, no run hung; {@code valid} inputs pass {@code validate} and the commands that answer about a
 * workload, and {@code reject} inputs are rejected by {@code validate} and {@code analyze} with a located error,
 * except those listed in {@code pending-rejects.txt} (rejections other changes bring), which must still not crash.
 */
class BadInputCorpusTest {
    private static final Map<String, String> PENDING = BadInputs.pendingRejects();
    private static GuardedCli cli;
    private static final List<String> NOW_REJECTED = new ArrayList<>();

    @BeforeAll
    static void start() {
        cli = new GuardedCli();
    }

    @AfterAll
    static void stop() {
        System.err.println("bad-input corpus: " + cli.cpuSummary());
        cli.close();
        if (!NOW_REJECTED.isEmpty()) {
            // Not a failure: the other change landed; the list is emptied after the merge.
            System.err.println("pending-rejects.txt lists " + NOW_REJECTED.size()
                    + " input(s) that are now rejected (remove them): " + NOW_REJECTED);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCommandOnEveryInput() {
        String only = System.getProperty("meshscope.corpusOnly", ""); // a path prefix, to rerun a category
        return BadInputs.all().stream().filter(i -> i.path().startsWith(only))
                .map(input -> DynamicTest.dynamicTest(input.path(), () -> check(input)));
    }

    @Test
    void aReusedCommandLineAnswersAsAFreshOne() {
        String mesh = BadInputs.root().resolve("base/mesh.yaml").toString();
        try (GuardedCli fresh = new GuardedCli(false); GuardedCli reused = new GuardedCli(true)) {
            for (String input : new String[] {"valid/sidecar.yaml", "findings/f01-service-port-0.yaml",
                "types/service/spec-ports-0-port--word.yaml", "valid/virtualservice.yaml"}) {
                String file = BadInputs.inputs().resolve(input).toString();
                for (String[] args : new String[][] {{"validate", "-f", file, "-o", "json"}, {"validate", "-f", file},
                    {"report", "-f", mesh, "-f", file, "-o", "json"}, {"describe", "shop/web", "-f", mesh, "-f", file},
                    {"analyze", "-f", file}, {"config-dump", "shop/web", "-f", mesh, "-f", file, "-o", "table"}}) {
                    CliRun expected = fresh.run(args);
                    CliRun actual = reused.run(args);
                    assertThat(actual).as(String.join(" ", args)).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void theCorpusHasEveryCategoryAndAtLeast500Inputs() {
        List<Input> all = BadInputs.all();
        assertThat(all).hasSizeGreaterThanOrEqualTo(500);
        assertThat(all.stream().map(i -> i.path().substring(0, i.path().indexOf('/'))).distinct()).contains(
                "types", "syntax", "encoding", "nesting", "aliases", "unknown", "tags", "kubernetes", "istio",
                "findings", "valid");
        assertThat(all).filteredOn(i -> i.expect() == Expect.VALID).isNotEmpty();
        assertThat(PENDING.keySet()).as("pending-rejects.txt names inputs of the index that expect reject")
                .allMatch(p -> all.stream().anyMatch(i -> i.path().equals(p) && i.expect() == Expect.REJECT));
    }

    private static void check(Input input) {
        String file = BadInputs.inputs().resolve(input.path()).toString();
        String mesh = BadInputs.root().resolve("base/mesh.yaml").toString();
        String deps = BadInputs.root().resolve("base/deps.yaml").toString();
        List<String> problems = new ArrayList<>();

        CliRun validate = run(problems, false, "validate", "-f", file, "-o", "json");
        CliRun analyze = run(problems, false, "analyze", "-f", file, "-o", "json");
        CliRun validateText = run(problems, true, "validate", "-f", file);
        CliRun report = run(problems, true, "report", "-f", mesh, "-f", file);
        CliRun describe = run(problems, true, "describe", "shop/web", "-f", mesh, "-f", file);
        CliRun dump = run(problems, false, "config-dump", "shop/web", "-f", mesh, "-f", file, "--type", "clusters");
        CliRun affected = run(problems, true, "affected", "service:web.shop.svc.cluster.local", "-f", mesh,
                "-f", file);
        run(problems, false, "generate", "-f", mesh, "-f", file, "--deps", deps, "-o", "yaml");
        run(problems, true, "whatif", "-f", mesh, "-f", file, "--deps", deps);

        jsonProblems(problems, "validate", validate);
        jsonProblems(problems, "analyze", analyze);
        boolean pending = PENDING.containsKey(input.path());
        switch (input.expect()) {
            case VALID -> {
                expectExit(problems, validate, 0, "validate of a valid input");
                expectExit(problems, validateText, 0, "validate (text) of a valid input");
                for (CliRun r : new CliRun[] {report, describe, dump, affected}) {
                    expectExit(problems, r, 0, "report/describe/config-dump/affected of a valid input");
                }
            }
            case REJECT -> {
                boolean rejected = rejected(validate);
                if (pending) {
                    if (rejected) {
                        synchronized (NOW_REJECTED) {
                            NOW_REJECTED.add(input.path());
                        }
                    }
                } else {
                    if (!rejected) {
                        problems.add("validate accepted an input Istio or the API server rejects (finding "
                                + input.finding() + ": " + input.what() + "): exit " + validate.exitCode() + "\n"
                                + validate.out() + validate.err());
                    }
                    if (!rejected(analyze)) {
                        problems.add("analyze found no error in an input validate must reject: exit "
                                + analyze.exitCode());
                    }
                }
            }
            case ANY -> {
                // only the checks every run gets
            }
        }
        assertThat(problems).as("%s (%s, expect %s%s)", input.path(), input.what(), input.expect(),
                pending ? ", rejection pending: " + PENDING.get(input.path()) : "").isEmpty();
    }

    private static CliRun run(List<String> problems, boolean text, String... args) {
        CliRun r = cli.run(args);
        for (String p : RunChecks.problems(r, text)) {
            problems.add(args[0] + ": " + p);
        }
        return r;
    }

    private static void jsonProblems(List<String> problems, String command, CliRun r) {
        if (r.out().isBlank()) {
            return; // exit 2 before any output: stderr was checked
        }
        for (String p : RunChecks.unlocatedJson(r.json())) {
            problems.add(command + ": " + p);
        }
    }

    /** Rejected: exit 1 with a located error in the JSON, or exit 2 with a located error on stderr. */
    private static boolean rejected(CliRun r) {
        if (r.exitCode() == 1) {
            return !r.out().isBlank() && RunChecks.errorCount(r.json()) > 0;
        }
        if (r.exitCode() == 2) {
            return r.err().lines().anyMatch(l -> l.startsWith("error:") && RunChecks.located(l));
        }
        return false;
    }

    private static void expectExit(List<String> problems, CliRun r, int code, String what) {
        if (r.exitCode() != code) {
            problems.add(what + ": exit " + r.exitCode() + ", expected " + code + "\n" + r.out() + r.err());
        }
    }
}
