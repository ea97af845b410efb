package io.meshscope.decode;

import java.nio.file.Path;

/** How messages name a directory or file meshscope found by itself (a chart, a kustomization): as a user types it. */
final class PathNames {
    private PathNames() {
    }

    /** {@code path} relative to the working directory when under it ({@code .} for the directory itself). */
    static String display(Path path) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = path.toAbsolutePath().normalize();
        if (!abs.startsWith(cwd)) {
            return abs.toString();
        }
        String rel = cwd.relativize(abs).toString();
        return rel.isEmpty() ? "." : rel;
    }
}
