package io.meshscope.cli;

import picocli.CommandLine;

/**
 * Refuses {@code -f ''}: Java resolves an empty path to the current directory, so an unset shell variable
 * ({@code -f "$MANIFESTS"}) would silently read whatever directory the command runs in.
 */
final class NonEmptyPath implements CommandLine.ITypeConverter<String> {
    @Override
    public String convert(String value) {
        if (value.isBlank()) {
            throw new CommandLine.TypeConversionException(
                    "an empty path names no file (an unset variable?); to read the current directory give -f .");
        }
        return value;
    }
}
