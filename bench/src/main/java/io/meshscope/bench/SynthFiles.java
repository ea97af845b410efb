package io.meshscope.bench;

import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Workload;
import io.meshscope.core.synth.SidecarStrategy;
import io.meshscope.core.synth.SynthOptions;
import io.meshscope.core.synth.SyntheticMesh;
import io.meshscope.decode.InputException;
import io.meshscope.decode.ManifestReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Synthetic meshes written to a directory and decoded the way the CLI and the server read them. */
final class SynthFiles {
    private SynthFiles() {
    }

    /** {@code meshscope synth --services n --sidecars s} with every other option at its default (fan-out 5). */
    static SynthOptions options(int services, SidecarStrategy sidecars) {
        return SynthOptions.defaults(services).withSidecars(sidecars);
    }

    /** Writes the mesh's files into {@code dir} (created if needed). */
    static SyntheticMesh write(SynthOptions options, Path dir) throws IOException {
        return write(SyntheticMesh.generate(options), dir);
    }

    /** Writes an already generated mesh's files into {@code dir} (created if needed). */
    static SyntheticMesh write(SyntheticMesh mesh, Path dir) throws IOException {
        Files.createDirectories(dir);
        mesh.forEachFile((name, content) -> Files.writeString(dir.resolve(name), content));
        return mesh;
    }

    /** Reads a directory of manifests with the same reader the CLI and server use; fails on decode errors. */
    static MeshInput read(Path dir) {
        return read(dir, new ManifestReader());
    }

    /** As {@link #read(Path)} with a given reader (one with a {@code DecodeCache} re-decodes changed files only). */
    static MeshInput read(Path dir, ManifestReader reader) {
        try {
            MeshInput in = reader.read(List.of(dir.toString()), InputStream.nullInputStream(), Optional.empty());
            if (in.hasErrors()) {
                throw new IllegalStateException("synthetic mesh in " + dir + " did not decode: " + in.problems().get(0));
            }
            return in;
        } catch (InputException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Generates, writes to a temporary directory, decodes and deletes the directory. */
    static MeshInput decode(SynthOptions options) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("meshscope-bench-");
            write(options, dir);
            return read(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (dir != null) {
                deleteTree(dir);
            }
        }
    }

    /** The application workloads (every Deployment outside istio-system), in input order. */
    static List<Workload> appWorkloads(MeshInput in) {
        return in.workloads().stream().filter(w -> !w.namespace().equals(SyntheticMesh.ROOT_NAMESPACE)).toList();
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort: a temp dir left behind is harmless
                }
            });
        } catch (IOException e) {
            // best effort
        }
    }

    /** "sidecars=workload" etc., the CLI spelling. */
    static String label(SidecarStrategy s) {
        return s == SidecarStrategy.NONE ? "none" : s.cliName();
    }

    static SidecarStrategy parseStrategy(String s) {
        SidecarStrategy v = SidecarStrategy.parse(s);
        if (v == null) {
            throw new IllegalArgumentException("unknown sidecar strategy " + s + " (none, namespace, workload)");
        }
        return v;
    }
}
