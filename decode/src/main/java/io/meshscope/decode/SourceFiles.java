package io.meshscope.decode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Finds and reads input files; a path that cannot be read is an {@link InputException} (a usage error). */
final class SourceFiles {
    private SourceFiles() {
    }

    /** Adds the file at {@code given}, or the manifests under it if it is a directory (sorted, for determinism). */
    static void collect(String given, ReadLimits limits, List<Source> out) throws InputException {
        Path path;
        try {
            path = Path.of(given);
        } catch (InvalidPathException e) {
            throw new InputException("cannot read " + given + ": invalid path (" + e.getReason() + ")", e);
        }
        if (!Files.exists(path)) {
            throw new InputException("cannot read " + given + ": no such file or directory");
        }
        if (!Files.isDirectory(path)) {
            out.add(read(path, given, limits));
            return;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(path)) {
            files = walk.filter(Files::isRegularFile).filter(SourceFiles::isManifest)
                    .sorted(Comparator.comparing(Path::toString)).toList();
        } catch (IOException | UncheckedIOException e) {
            throw new InputException("cannot read directory " + given + ": " + reason(e), e);
        }
        for (Path file : files) {
            out.add(read(file, file.toString(), limits));
        }
    }

    /** Reads one file, shown in messages as {@code name}; a file over the size limit is not read at all. */
    static Source read(Path file, String name, ReadLimits limits) throws InputException {
        try {
            if (Files.isDirectory(file)) {
                throw new InputException("cannot read " + name + ": is a directory");
            }
            if (Files.size(file) > limits.maxFileBytes()) {
                return Source.tooLarge(name);
            }
            return new Source(name, Files.readAllBytes(file));
        } catch (IOException e) {
            throw new InputException("cannot read " + name + ": " + reason(e), e);
        }
    }

    private static boolean isManifest(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    private static String reason(Exception e) {
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        if (cause instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (cause instanceof AccessDeniedException) {
            return "permission denied";
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
