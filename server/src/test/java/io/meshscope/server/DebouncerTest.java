package io.meshscope.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshscope.kube.Debounce;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bursts of file events become one reload; a steady trickle still reloads by the maximum delay. */
class DebouncerTest {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void burstOfChangesBecomesOneReload() throws Exception {
        AtomicInteger reloads = new AtomicInteger();
        Debounce d = new Debounce(scheduler, Duration.ofMillis(200), Duration.ofSeconds(10), reloads::incrementAndGet);
        for (int i = 0; i < 50; i++) {
            d.poke();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> reloads.get() == 1);
        Thread.sleep(500);
        assertThat(reloads).hasValue(1);

        d.poke();
        await().atMost(Duration.ofSeconds(5)).until(() -> reloads.get() == 2);
    }

    @Test
    void steadyTrickleOfChangesCannotStarveReloads() throws Exception {
        AtomicInteger reloads = new AtomicInteger();
        Debounce d = new Debounce(scheduler, Duration.ofMillis(300), Duration.ofMillis(600), reloads::incrementAndGet);
        long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (System.nanoTime() < end && reloads.get() < 2) {
            d.poke(); // never quiet for 300 ms
            Thread.sleep(50);
        }
        assertThat(reloads.get()).as("reloads while changes kept coming").isGreaterThanOrEqualTo(2);
    }
}
