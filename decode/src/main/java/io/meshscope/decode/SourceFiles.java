package io.meshscope.decode;

import io.meshscope.core.model.SourceLocation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/** Finds and reads input files; a path that cannot be read is an {@link InputException} (a usage error). */
final class SourceFiles {
    private SourceFiles() {
    }

    /**
     * Adds the file at {@code given}, or the manifests under it if it is a directory (sorted, for determinism):
     * all levels when {@code recursive}, else only the files directly in it. Hidden directories below the one
     * given ({@code .git}, {@code .github}) are not entered; each is noted at INFO level in {@code diags}.
     */
    static void collect(String given, ReadLimits limits, boolean recursive, List<Source> out, Diagnostics diags)
            throws InputException {
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
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(path, EnumSet.noneOf(FileVisitOption.class), recursive ? Integer.MAX_VALUE : 1,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                            if (!dir.equals(path) && isAtomicWriterInternal(dir)) {
                                return FileVisitResult.SKIP_SUBTREE; // read through the user-visible links
                            }
                            if (!dir.equals(path) && isHidden(dir)) {
                                diags.info(null, new SourceLocation(dir.toString(), 0, 0), "", Diagnostics.HIDDEN,
                                        "hidden directory not read (name it with -f to read it)");
                                return FileVisitResult.SKIP_SUBTREE;
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                            if (isAtomicWriterInternal(file)) {
                                return FileVisitResult.CONTINUE; // the ..data link of a ConfigMap volume
                            }
                            if (attrs.isSymbolicLink()) {
                                SymbolicLinks.visit(file, isManifest(file), files, diags);
                            } else if (isManifest(file) && attrs.isRegularFile()) {
                                files.add(file);
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                            throw new FailedEntry(file, e);
                        }
                    });
        } catch (FailedEntry e) {
            String what = Files.isDirectory(e.entry) ? "cannot read directory " : "cannot read ";
            throw new InputException(what + e.entry + ": " + reason(e.failure), e.failure);
        } catch (IOException | UncheckedIOException e) {
            throw new InputException("cannot read directory " + given + ": " + reason(e), e);
        }
        files.sort(Comparator.comparing(Path::toString));
        for (Path file : files) {
            out.add(found(file, file.toString(), limits));
        }
    }

    /**
     * A file of a directory walk: too large (not read), or unread until it is decoded. The size is checked here,
     * so a missing or unreadable file is still a usage error of this command, found before any decoding.
     */
    private static Source found(Path file, String name, ReadLimits limits) throws InputException {
        try {
            long size = Files.size(file);
            if (size > limits.maxFileBytes()) {
                return Source.tooLarge(name);
            }
            if (!Files.isReadable(file)) {
                throw new InputException("cannot read " + name + ": permission denied");
            }
            return Source.unread(name, file, size);
        } catch (IOException e) {
            throw new InputException("cannot read " + name + ": " + reason(e), e);
        }
    }

    /** The entry of a walk that could not be read (a folder without permission): messages name it, not the root. */
    private static final class FailedEntry extends IOException {
        private final transient Path entry;
        private final IOException failure;

        FailedEntry(Path entry, IOException failure) {
            super(failure);
            this.entry = entry;
            this.failure = failure;
        }
    }

    /** Reads one file, shown in messages as {@code name}; a file over the size limit is not read at all. */
    static Source read(Path file, String name, ReadLimits limits) throws InputException {
        try {
            if (Files.isDirectory(file)) {
                throw new InputException("cannot read " + name + ": is a directory");
            }
            if (!Files.isRegularFile(file)) {
                // A device or pipe (/dev/zero, <(cmd)) has no size to check: read at most the limit, as stdin.
                try (InputStream in = Files.newInputStream(file)) {
                    byte[] bytes = in.readNBytes(limits.maxFileBytes() + 1);
                    return bytes.length > limits.maxFileBytes() ? Source.tooLarge(name)
                            : new Source(name, bytes, file, SourceHints.NONE, false);
                }
            }
            if (Files.size(file) > limits.maxFileBytes()) {
                return Source.tooLarge(name);
            }
            return new Source(name, Files.readAllBytes(file), file, SourceHints.NONE, false);
        } catch (IOException e) {
            throw new InputException("cannot read " + name + ": " + reason(e), e);
        }
    }

    /**
     * Kubernetes' atomic writer (ConfigMap and Secret volumes) keeps each version in a {@code ..2026_12_02_...}
     * directory behind a {@code ..data} link; the files users see are links into it. Its keys cannot start with
     * {@code ..}, so such entries are never user files: reading them would read every object twice.
     */
    private static boolean isAtomicWriterInternal(Path entry) {
        Path name = entry.getFileName();
        return name != null && name.toString().startsWith("..") && !name.toString().equals("..");
    }

    private static boolean isHidden(Path dir) {
        Path name = dir.getFileName();
        return name != null && name.toString().startsWith(".") && !name.toString().equals(".")
                && !name.toString().equals("..");
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
