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
}
