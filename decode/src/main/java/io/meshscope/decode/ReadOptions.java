package io.meshscope.decode;

/**
 * How {@link ManifestReader} walks directories and words its hints.
 *
 * @param recursive read a directory's subdirectories too (the default, as cli.md promises); false reads only the
 *                  files directly in it, as {@code kubectl -f DIR} without {@code -R} does
 * @param command   the command the user ran ({@code analyze}), so a hint can show a command line to copy
 */
public record ReadOptions(boolean recursive, String command) {

    /** Recursive, with hints naming {@code meshscope COMMAND}. */
    public static ReadOptions defaults() {
        return new ReadOptions(true, "COMMAND");
    }
}
