package io.meshscope.cli.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.progress.ProgressListener;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What a waiting page is told: each command's phases, counted on their own, in the order they began. */
class UiProgressTest {
    @Test
    void aPhaseIsCountedUntilItIsDoneAndTheNextBegins() {
        UiProgress progress = new UiProgress();
        ProgressListener report = progress.listener();

        report.phase("reading 3 files", 900, "B");
        report.advance(600);
        assertThat(progress.phases()).containsExactly(new UiProgress.Phase("reading 3 files", 600, 900, "B", false));

        report.advance(300);
        report.phase("reporting", 12, "workloads"); // a new phase closes the open one
        report.advance(5);
        assertThat(progress.phases()).containsExactly(
                new UiProgress.Phase("reading 3 files", 900, 900, "B", true),
                new UiProgress.Phase("reporting", 5, 12, "workloads", false));

        report.phaseDone();
        report.advance(1); // after its phase: counts nowhere
        assertThat(progress.phases().get(1)).isEqualTo(new UiProgress.Phase("reporting", 5, 12, "workloads", true));
    }

    @Test
    void commandsSideBySideEachAdvanceTheirOwnPhase() {
        UiProgress progress = new UiProgress();
        ProgressListener report = progress.listener();
        ProgressListener analyze = progress.listener();

        report.phase("reporting", 5000, "workloads");
        analyze.phase("analyzing", 21, "analyzers");
        IntStream.range(0, 5000).parallel().forEach(i -> report.advance(1)); // as the parallel sizing reports
        analyze.advance(3);

        assertThat(progress.phases()).containsExactly(
                new UiProgress.Phase("reporting", 5000, 5000, "workloads", false),
                new UiProgress.Phase("analyzing", 3, 21, "analyzers", false));
    }

    @Test
    void aPhaseBegunAgainStartsOverAtTheEnd() {
        UiProgress progress = new UiProgress();
        ProgressListener first = progress.listener();
        first.phase("indexing", -1, "");
        first.phaseDone();
        first.phase("reporting", 2, "workloads");
        ProgressListener second = progress.listener();
        second.phase("indexing", -1, "");

        assertThat(progress.phases()).extracting(UiProgress.Phase::name, UiProgress.Phase::finished)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("reporting", false),
                        org.assertj.core.groups.Tuple.tuple("indexing", false));
    }
}
