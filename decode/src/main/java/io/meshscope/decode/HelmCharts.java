package io.meshscope.decode;

import io.meshscope.core.model.SourceLocation;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Helm chart templates in the input. A file with template actions ({@code {{ ... }}}) under a directory that holds a
 * {@code Chart.yaml} is a Helm template: it is not YAML until Helm renders it, and parsing it would give dozens of
 * syntax errors that say nothing useful. Such files are set aside unparsed and reported once per chart, with the
 * command line that renders the chart into meshscope.
 */
final class HelmCharts {
    private final Map<Path, Optional<Path>> chartOfDir = new HashMap<>();
    private final Map<Path, List<Source>> templates = new LinkedHashMap<>();

    /**
     * Sets {@code source} aside when it is a chart's template and returns null; otherwise returns the source to read
     * as a manifest. Only a file inside a chart is read here (to look for template actions), and is returned read,
     * so it is not read twice; any other stays unread until decoded.
     */
    Source take(Source source, ReadLimits limits) {
        if (source.path() == null || (source.bytes() == null && !source.isUnread())) {
            return source;
        }
        Path chart = chartOf(source.path().toAbsolutePath().normalize().getParent());
        if (chart == null) {
            return source;
        }
        Source read = source.readOrThrowUnchecked(limits);
        if (read.bytes() == null || templateAction(read.bytes()) < 0) {
            return read;
        }
        templates.computeIfAbsent(chart, c -> new ArrayList<>()).add(read);
        return null;
    }

    /** One error per chart, at the first template action of its first template file. */
    void report(Diagnostics diags, String command) {
        templates.forEach((chart, files) -> {
            Source first = files.get(0);
            String dir = PathNames.display(chart);
            diags.error(null, locate(first), "", Diagnostics.HELM_TEMPLATE, "Helm chart " + dir + ": "
                    + files.size() + " file(s) with template actions ({{ ... }}) are Helm templates, not manifests, "
                    + "and were not read; render the chart and read its output: helm template RELEASE " + dir
                    + " | meshscope " + command + " -f -");
        });
    }

    /**
     * The chart a directory belongs to: the closest directory at or above it with a Chart.yaml; a subchart
     * ({@code PARENT/charts/SUB}) belongs to its parent chart, which renders it.
     */
    private Path chartOf(Path dir) {
        if (dir == null) {
            return null;
        }
        Optional<Path> known = chartOfDir.get(dir);
        if (known != null) {
            return known.orElse(null);
        }
        Path chart = Files.isRegularFile(dir.resolve("Chart.yaml")) ? dir : chartOf(dir.getParent());
        while (chart != null && chart.getParent() != null && chart.getParent().getFileName() != null
                && chart.getParent().getFileName().toString().equals("charts")
                && chart.getParent().getParent() != null
                && Files.isRegularFile(chart.getParent().getParent().resolve("Chart.yaml"))) {
            chart = chart.getParent().getParent();
        }
        chartOfDir.put(dir, Optional.ofNullable(chart));
        return chart;
    }

    private static SourceLocation locate(Source source) {
        String text = new String(source.bytes(), StandardCharsets.UTF_8);
        int at = Math.max(0, text.indexOf("{{"));
        LineIndex lines = new LineIndex(text);
        int line = lines.lineOf(at);
        return new SourceLocation(source.name(), line + 1, at - lines.offsetOf(line) + 1);
    }

    /** The offset of the first {@code {{} in {@code bytes}, or -1. */
    private static int templateAction(byte[] bytes) {
        for (int i = 0; i + 1 < bytes.length; i++) {
            if (bytes[i] == '{' && bytes[i + 1] == '{') {
                return i;
            }
        }
        return -1;
    }
}
