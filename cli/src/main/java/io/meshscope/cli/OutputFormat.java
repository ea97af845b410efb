package io.meshscope.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;

/**
 * The {@code -o} formats. {@code -o} means the output format on every command; each command accepts a subset,
 * declared once as its option's completion candidates ({@link Accepts}), which the help, shell completion and the
 * error for a format it does not take all list.
 */
enum OutputFormat {
    text, json, sarif, csv, yaml, table;

    /** The format named {@code word} (any case), or null. */
    static OutputFormat parse(String word) {
        for (OutputFormat f : values()) {
            if (f.name().equalsIgnoreCase(word)) {
                return f;
            }
        }
        return null;
    }

    /** True when {@code word} names a format: given where a folder is expected, it is a mistake. */
    static boolean isFormatWord(String word) {
        return parse(word) != null;
    }

    /** Converts {@code -o} values: any case; an unknown word fails (Main's handler then lists the command's formats). */
    static final class Converter implements CommandLine.ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            OutputFormat f = parse(value);
            if (f == null) {
                throw new CommandLine.TypeConversionException("unknown output format '" + value + "'");
            }
            return f;
        }
    }

    /** The formats one command accepts, as picocli completion candidates. */
    abstract static class Accepts implements Iterable<String> {
        private final List<String> names;

        Accepts(OutputFormat... formats) {
            names = Arrays.stream(formats).map(Enum::name).toList();
        }

        @Override
        public Iterator<String> iterator() {
            return names.iterator();
        }
    }

    /** text, json. */
    static final class TextJson extends Accepts {
        TextJson() {
            super(text, json);
        }
    }

    /** text, json, sarif. */
    static final class TextJsonSarif extends Accepts {
        TextJsonSarif() {
            super(text, json, sarif);
        }
    }

    /** text, json, csv. */
    static final class TextJsonCsv extends Accepts {
        TextJsonCsv() {
            super(text, json, csv);
        }
    }

    /** json, yaml, table. */
    static final class JsonYamlTable extends Accepts {
        JsonYamlTable() {
            super(json, yaml, table);
        }
    }

    /** The formats the command's {@code --output} option accepts, from its completion candidates. */
    static List<String> accepted(CommandLine.Model.CommandSpec spec) {
        CommandLine.Model.OptionSpec o = spec.findOption("--output");
        List<String> out = new ArrayList<>();
        if (o != null && o.completionCandidates() != null) {
            o.completionCandidates().forEach(out::add);
        }
        return out;
    }

    /** "'describe' accepts text, json", for errors. */
    static String acceptedText(CommandLine.Model.CommandSpec spec) {
        return "'" + spec.name() + "' accepts " + String.join(", ", accepted(spec)).toLowerCase(Locale.ROOT);
    }
}
