package io.meshscope.decode;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The kustomizations around the files of one read: which files they list as patches (never to be read as
 * objects) or as resources (whole objects), and which files lie in a kustomize tree at all. Kustomizations are
 * looked for in the directory of every file read and in every directory above it, so an overlay's
 * {@code ../../patches/x.yaml} and a patch named on its own with {@code -f} are both recognised.
 */
final class KustomizeTree {
    /** The names kustomize accepts for its file, in its order of precedence. */
    static final List<String> FILE_NAMES = List.of("kustomization.yaml", "kustomization.yml", "Kustomization");

    private record Kustomization(Path file, boolean component) {
    }

    private final ReadLimits limits;
    private final Map<Path, Optional<Kustomization>> byDir = new HashMap<>();
    private final Map<Path, Kustomization> patchOf = new HashMap<>();
    private final Set<Path> resources = new HashSet<>();

    /** Finds the kustomizations at and above the directories of {@code files}. */
    KustomizeTree(List<Path> files, ReadLimits limits) {
        this.limits = limits;
        for (Path file : files) {
            for (Path dir = absolute(file).getParent(); dir != null; dir = dir.getParent()) {
                if (byDir.containsKey(dir)) {
                    break; // this directory and every one above it were looked at for an earlier file
                }
                byDir.put(dir, load(dir));
            }
        }
    }

    /** What the kustomizations say about {@code file}. */
    SourceHints hints(Path file) {
        Path abs = absolute(file);
        Kustomization listing = patchOf.get(abs);
        String kustomizeDir = null;
        for (Path dir = abs.getParent(); dir != null; dir = dir.getParent()) {
            if (byDir.getOrDefault(dir, Optional.empty()).isPresent()) {
                kustomizeDir = PathNames.display(dir);
                break;
            }
        }
        return new SourceHints(listing == null ? null : PathNames.display(listing.file()),
                listing != null && listing.component(), kustomizeDir, resources.contains(abs));
    }

    private Optional<Kustomization> load(Path dir) {
        for (String name : FILE_NAMES) {
            Path file = dir.resolve(name);
            if (Files.isRegularFile(file)) {
                return Optional.of(parse(file));
            }
        }
        return Optional.empty();
    }

    /** Reads the lists that name files; a kustomization that cannot be read names none (kustomize reports it). */
    private Kustomization parse(Path file) {
        Diagnostics ignored = new Diagnostics();
        YNode doc = null;
        try {
            String text = SourceFiles.read(file, file.toString(), limits).text(limits, ignored);
            List<YNode> docs = text == null ? List.of()
                    : YamlDocuments.parse(text, Positions.ofFile(file.toString()), limits, ignored);
            doc = docs.isEmpty() ? null : docs.get(0);
        } catch (InputException e) {
            doc = null;
        }
        if (doc == null) {
            return new Kustomization(file, false);
        }
        NodeReader root = NodeReader.root(doc, new DecodeContext(ignored, null));
        Kustomization k = new Kustomization(file, "Component".equals(root.get("kind").string()));
        Path dir = file.getParent();
        for (NodeReader patch : root.get("patches").items()) {
            list(dir, patch.get("path").string(), patchOf, k);
        }
        for (NodeReader patch : root.get("patchesJson6902").items()) {
            list(dir, patch.get("path").string(), patchOf, k);
        }
        for (NodeReader patch : root.get("patchesStrategicMerge").items()) {
            String value = patch.string();
            // An entry is a path, or an inline patch (YAML text): only a path names a file.
            if (value != null && !value.contains("\n") && !value.contains(": ")) {
                list(dir, value, patchOf, k);
            }
        }
        for (NodeReader resource : root.get("resources").items()) {
            String value = resource.string();
            Path path = resolve(dir, value);
            if (path != null) {
                resources.add(path);
            }
        }
        return k;
    }

    private static void list(Path dir, String relative, Map<Path, Kustomization> into, Kustomization k) {
        Path path = resolve(dir, relative);
        if (path != null) {
            into.putIfAbsent(path, k);
        }
    }

    /** A local file a kustomization names, or null for none (absent, a URL, not a path). */
    private static Path resolve(Path dir, String relative) {
        if (relative == null || relative.isBlank() || relative.contains("://")) {
            return null;
        }
        try {
            return dir.resolve(relative.trim()).normalize();
        } catch (InvalidPathException e) {
            return null; // not a path this file system can hold, so not a file of this read
        }
    }

    private static Path absolute(Path file) {
        return file.toAbsolutePath().normalize();
    }
}
