package io.meshscope.core.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The memo reuses results for unchanged objects across inputs and forgets objects that are gone. */
class ValidationMemoTest {
    private static final ValidationResult OK = new ValidationResult(java.util.List.of(), java.util.List.of());

    @Test
    void anUnchangedObjectIsValidatedOnceAcrossInputs() {
        ValidationMemo memo = new ValidationMemo();
        AtomicInteger runs = new AtomicInteger();
        memo.get("sidecar-a", () -> { runs.incrementAndGet(); return OK; });
        memo.roll();
        memo.get("sidecar-a", () -> { runs.incrementAndGet(); return OK; });
        memo.roll();
        assertThat(runs).hasValue(1);
    }

    @Test
    void anObjectAbsentFromAnInputIsForgotten() {
        ValidationMemo memo = new ValidationMemo();
        AtomicInteger runs = new AtomicInteger();
        memo.get("sidecar-a", () -> { runs.incrementAndGet(); return OK; });
        memo.roll();
        memo.roll(); // an input without sidecar-a
        memo.get("sidecar-a", () -> { runs.incrementAndGet(); return OK; });
        assertThat(runs).hasValue(2);
    }

    /** Counts how often it is hashed; equal to any other with the same name. */
    private static final class Counted {
        private final String name;
        private final AtomicInteger hashes;

        Counted(String name, AtomicInteger hashes) {
            this.name = name;
            this.hashes = hashes;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Counted c && c.name.equals(name);
        }

        @Override
        public int hashCode() {
            hashes.incrementAndGet();
            return name.hashCode();
        }
    }

    @Test
    void theSameInstanceInTheNextInputIsFoundWithoutHashingItAgain() {
        ValidationMemo memo = new ValidationMemo();
        AtomicInteger hashes = new AtomicInteger();
        AtomicInteger runs = new AtomicInteger();
        Counted sidecar = new Counted("sidecar-a", hashes);
        for (int input = 0; input < 5; input++) {
            memo.get(sidecar, () -> { runs.incrementAndGet(); return OK; });
            memo.roll();
        }
        assertThat(runs).hasValue(1);
        assertThat(hashes).hasValue(1);
    }

    @Test
    void anEqualObjectDecodedAfreshReusesTheResultOfTheOneBefore() {
        ValidationMemo memo = new ValidationMemo();
        AtomicInteger hashes = new AtomicInteger();
        AtomicInteger runs = new AtomicInteger();
        memo.get(new Counted("sidecar-a", hashes), () -> { runs.incrementAndGet(); return OK; });
        memo.roll();
        memo.get(new Counted("sidecar-a", hashes), () -> { runs.incrementAndGet(); return OK; }); // kept by identity
        memo.roll();
        memo.get(new Counted("sidecar-a", hashes), () -> { runs.incrementAndGet(); return OK; });
        assertThat(runs).as("validated once: the later instances are equal").hasValue(1);
        assertThat(hashes).as("each new instance hashed once").hasValue(3);
    }
}
