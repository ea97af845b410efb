package io.meshscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.describe.ProxyWorkloads;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.render.Json;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.decode.ManifestReader;
import io.meshscope.xds.report.ConfigReporter;
import io.meshscope.xds.report.WorkloadReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report sizes its workloads on every core: its rows are exactly what one thread computes, in the same order. */
class ReportParallelTest {
    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void theRowsAreOneThreadsRowsInTheSameOrder() throws Exception {
        assertThat(CliRun.run("synth", "-o", dir.toString(), "--services", "400", "--sidecars", "workload").exitCode())
                .isZero();
        Map<String, Object> parallel = CliRun.run("report", "-o", "json", "-f", dir.toString()).json();

        MeshInput in = new ManifestReader().read(List.of(dir.toString()), null, Optional.empty());
        ConfigReporter reporter = new ConfigReporter(MeshIndex.build(in));
        List<WorkloadReport> rows = new ArrayList<>();
        for (var w : ProxyWorkloads.of(in)) {
            rows.add(reporter.report(w)); // one thread, in order
        }
        rows.sort(ReportOrder.parse("name").workloads());
        Map<String, Object> sequential = ReportCommand.json(rows);

        // compared as JSON text: the parsed side holds Integers where the built side holds Longs
        assertThat((List<Object>) parallel.get("workloads")).hasSize(rows.size());
        assertThat(Json.write(parallel.get("workloads"))).isEqualTo(Json.write(sequential.get("workloads")));
        assertThat(Json.write(parallel.get("totals"))).isEqualTo(Json.write(sequential.get("totals")));
    }
}
