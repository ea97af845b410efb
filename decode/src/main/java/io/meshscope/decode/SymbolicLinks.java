package io.meshscope.decode;

import io.meshscope.core.model.SourceLocation;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * What a directory walk does with a symbolic link: a link to a manifest file is read; a dangling link or a loop
 * where a manifest was meant is a located warning (the manifest is missing); a link to a directory is not
 * followed (as kubectl's walk does not), with a notice saying how to read it.
 */
final class SymbolicLinks {
    /** The rule of the messages about links that are not read. */
    static final String RULE = "symlink";

    private SymbolicLinks() {
    }

    static void visit(Path link, boolean manifestName, List<Path> files, Diagnostics diags) {
        // Editors' lock files (emacs' .#a.yaml) are dangling links by design: not worth a warning.
        boolean warn = manifestName && !link.getFileName().toString().startsWith(".");
        SourceLocation at = new SourceLocation(link.toString(), 0, 0);
        BasicFileAttributes target;
        try {
            target = Files.readAttributes(link, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            if (warn) {
                diags.warning(null, at, "", RULE, "dangling symbolic link to " + linkText(link) + " not read");
            }
            return;
        } catch (FileSystemException e) {
            if (warn) {
                String why = e.getReason() == null ? "cannot be followed" : e.getReason().toLowerCase(java.util.Locale.ROOT);
                diags.warning(null, at, "", RULE, "symbolic link to " + linkText(link) + " not read: " + why
                        + " (a loop?)");
            }
            return;
        } catch (IOException e) {
            if (warn) {
                diags.warning(null, at, "", RULE, "symbolic link to " + linkText(link) + " not read: " + e);
            }
            return;
        }
        if (target.isDirectory()) {
            diags.info(null, at, "", RULE, "symbolic link to a directory not followed (name it with -f to read it)");
        } else if (manifestName && target.isRegularFile()) {
            files.add(link);
        }
    }

    private static String linkText(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "?";
        }
    }
}
