package io.meshscope.decode;

/**
 * How {@link ManifestReader} walks directories, words its hints and checks objects.
 *
 * @param recursive read a directory's subdirectories too (the default, as cli.md promises); false reads only the
 *                  files directly in it, as {@code kubectl -f DIR} without {@code -R} does
 * @param command   the command the user ran ({@code analyze}), so a hint can show a command line to copy
 * @param strict    check objects as kubectl and the API server would before accepting them (unknown fields, types,
 *                  apiVersions, names: docs/inputs.md "Strict decoding"); false for objects read back from an API
 *                  server, which accepted them already and may know fields newer than meshscope's schemas
 */
public record ReadOptions(boolean recursive, String command, boolean strict) {

    /** Options for manifests (strict). */
    public ReadOptions(boolean recursive, String command) {
        this(recursive, command, true);
    }

    /** Recursive, strict, with hints naming {@code meshscope COMMAND}. */
    public static ReadOptions defaults() {
        return new ReadOptions(true, "COMMAND");
    }

    /** For objects an API server returned: not checked again (see {@link #strict()}). */
    public static ReadOptions fromApiServer() {
        return new ReadOptions(true, "COMMAND", false);
    }
}
