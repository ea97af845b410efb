package io.meshscope.decode;

import java.util.List;
import java.util.Random;

/**
 * Random YAML streams in the block subset {@link BlockYamlReader} reads, written the ways people and generators
 * write manifests: indentation of 1 to 4, indented and indentless sequences, mappings opening on a dash line,
 * comments and blank lines anywhere, empty values, quoted keys, flow sequences, literals, and scalars that resolve
 * to every core-schema type. {@link #mutate} breaks them in small ways.
 */
final class BlockYamlGenerator {
    private static final List<String> WORDS = List.of("web", "api.example.com", "*", "*/*", "./*", "istio-system/*",
            "http://x:8080/p", "a#b", "a,b", "a[0]", "{x}", "-1", "-x", ":x", "?x", "80", "0x1F", "0o17", "017", "1.5",
            "1e3", ".5", ".inf", "-.Inf", ".NaN", "true", "False", "TRUE", "yes", "on", "null", "~", "Null", "1_000",
            "2024-01-01", "héllo wörld", "two words", "x y: z", "ünïcödé", "--", "---x", "a'b", "a\"b", "%x", "@x",
            "$X", "${X}", "n", "nope", "NULL", "Nope", "<<x", "1a", "+1", "0x", "12:30", "t", "F", "8080");
    private static final List<String> KEYS = List.of("name", "app.kubernetes.io/name", "port", "hosts", "spec",
            "x-y_z", "a b", "80", "true", "null", "-k", "k:v", "ünï", "~");

    private final Random random;
    private final StringBuilder out = new StringBuilder();

    BlockYamlGenerator(Random random) {
        this.random = random;
    }

    /** One to three documents with markers, comments and blank lines between them. */
    String stream() {
        int documents = 1 + random.nextInt(3);
        for (int d = 0; d < documents; d++) {
            if (d > 0 || random.nextBoolean()) {
                out.append(random.nextInt(4) == 0 ? "--- # marker\n" : "---\n");
            }
            noise(0);
            if (random.nextInt(8) == 0) {
                sequence(0, 0, 0);
            } else {
                mapping(0, 0, 0);
            }
            noise(0);
        }
        return out.toString();
    }

    /** A mapping whose first key goes at the current position; later keys on lines indented by {@code indent}. */
    private void mapping(int indent, int depth, int firstColumnShift) {
        int keys = 1 + random.nextInt(depth > 3 ? 2 : 4);
        for (int i = 0; i < keys; i++) {
            if (i > 0) {
                noise(indent);
                out.append(" ".repeat(indent));
            }
            out.append(key(i)).append(':');
            value(indent, depth, true);
        }
    }

    /** A sequence whose first dash goes at the current position; later dashes on lines indented by {@code indent}. */
    private void sequence(int indent, int depth, int unused) {
        int items = 1 + random.nextInt(3);
        for (int i = 0; i < items; i++) {
            if (i > 0) {
                noise(indent);
                out.append(" ".repeat(indent));
            }
            out.append('-');
            int r = random.nextInt(depth > 3 ? 3 : 8);
            if (r == 0) {
                out.append(comment()).append('\n'); // an empty item
            } else if (r == 1) {
                out.append(' ');
                scalar(indent, false);
            } else if (r == 2) {
                out.append(' ');
                flow();
            } else if (r == 3) {
                int gap = 1 + random.nextInt(3);
                out.append(" ".repeat(gap));
                mapping(indent + 1 + gap, depth + 1, 0);
            } else if (r == 4) {
                out.append(" ");
                sequence(indent + 2, depth + 1, 0);
            } else if (r == 5) {
                out.append(" |").append(random.nextBoolean() ? "-" : "").append('\n');
                literal(indent + 1 + random.nextInt(3));
            } else {
                int inner = indent + 1 + random.nextInt(4);
                out.append(comment()).append('\n');
                noise(inner);
                out.append(" ".repeat(inner));
                if (random.nextBoolean()) {
                    mapping(inner, depth + 1, 0);
                } else {
                    sequence(inner, depth + 1, 0);
                }
            }
        }
    }

    /** What follows {@code key:} in a mapping at {@code indent}. */
    private void value(int indent, int depth, boolean inMapping) {
        int r = random.nextInt(depth > 3 ? 4 : 9);
        switch (r) {
            case 0 -> out.append(random.nextBoolean() ? "" : " ").append(comment()).append('\n'); // empty value
            case 1, 2 -> {
                out.append(' ');
                scalar(indent, true);
            }
            case 3 -> {
                out.append(' ');
                flow();
            }
            case 4 -> {
                out.append(" |").append(random.nextBoolean() ? "-" : "").append(random.nextBoolean() ? " # c" : "")
                        .append('\n');
                literal(indent + 1 + random.nextInt(4));
            }
            case 5, 6 -> {
                int inner = indent + 1 + random.nextInt(4);
                out.append(comment()).append('\n');
                noise(inner);
                out.append(" ".repeat(inner));
                mapping(inner, depth + 1, 0);
            }
            default -> {
                // a sequence: indentless (dashes at the key's indentation) or indented
                int inner = random.nextBoolean() ? indent : indent + 1 + random.nextInt(4);
                out.append(comment()).append('\n');
                noise(inner);
                out.append(" ".repeat(inner));
                sequence(inner, depth + 1, 0);
            }
        }
    }

    private void scalar(int indent, boolean afterKey) {
        int r = random.nextInt(6);
        String word = WORDS.get(random.nextInt(WORDS.size()));
        if (r == 0 || (!safePlain(word))) {
            out.append('"').append(word.replace("\"", "'")).append('"');
        } else if (r == 1) {
            out.append('\'').append(word.replace("'", "''")).append('\'');
        } else {
            out.append(word);
        }
        out.append(random.nextInt(4) == 0 ? "   " : "").append(comment())
                .append('\n');
    }

    private static boolean safePlain(String word) {
        return !word.contains(": ") && ",[]{}#&*!|>'\"%@`".indexOf(word.charAt(0)) < 0 && !word.startsWith("- ");
    }

    private void flow() {
        int items = random.nextInt(4);
        if (random.nextInt(5) == 0) {
            out.append(random.nextBoolean() ? "{}" : "{ }");
        } else {
            out.append('[');
            for (int i = 0; i < items; i++) {
                if (i > 0) {
                    out.append(random.nextBoolean() ? ", " : ",");
                }
                String word = List.of("a", "80", "true", "null", "1.5", "web.ns.svc", "x/y", "two words", "-1")
                        .get(random.nextInt(9));
                int q = random.nextInt(3);
                out.append(q == 0 ? "\"" + word + "\"" : q == 1 ? "'" + word + "'" : word);
            }
            out.append(items > 0 && random.nextBoolean() ? " ]" : "]");
        }
        out.append(comment()).append('\n');
    }

    private void literal(int indent) {
        int lines = 1 + random.nextInt(4);
        for (int i = 0; i < lines; i++) {
            if (i > 0 && random.nextInt(4) == 0) {
                out.append(" ".repeat(random.nextInt(indent + 1))).append('\n'); // a blank line inside
            }
            // only later lines may start with spaces: the first line's indentation is the literal's
            out.append(" ".repeat(indent + (i > 0 && random.nextInt(3) == 0 ? 2 : 0)))
                    .append(List.of("text", "key: value", "# not a comment", "- item", "tab\tinside",
                            "  \"quoted\" \\ back").get(random.nextInt(i == 0 ? 5 : 6)))
                    .append('\n');
        }
    }

    private String key(int i) {
        String key = KEYS.get(random.nextInt(KEYS.size())) + i;
        int q = random.nextInt(8);
        return q == 0 ? "\"" + key + "\"" : q == 1 ? "'" + key + "'" : key.equals("~" + i) ? "t" + i : key;
    }

    /** Blank lines and comment lines at any indentation (both are ignored between nodes). */
    private void noise(int indent) {
        int r = random.nextInt(6);
        if (r == 0) {
            out.append('\n');
        } else if (r == 1) {
            // no deeper than the collection: a deeper line right after a literal would belong to it
            out.append(" ".repeat(random.nextInt(indent + 1))).append("# note\n");
        } else if (r == 2) {
            out.append(" ".repeat(random.nextInt(indent + 1))).append('\n');
        }
    }

    private String comment() {
        return random.nextInt(3) == 0 ? " # c: d" : "";
    }

    /** {@code text} with one small change: a character inserted, deleted or replaced, or a line doubled. */
    static String mutate(String text, Random random) {
        if (text.isEmpty()) {
            return "a";
        }
        int at = random.nextInt(text.length());
        String insert = List.of(" ", "  ", "\t", ":", "- ", "#", "\"", "'", "|", "[", "]", "{", "&a ", "*a", "!",
                "\n", ": x", "---\n", "\r", "\\", "a").get(random.nextInt(21));
        return switch (random.nextInt(4)) {
            case 0 -> text.substring(0, at) + insert + text.substring(at);
            case 1 -> text.substring(0, at) + text.substring(Math.min(text.length(), at + 1 + random.nextInt(3)));
            case 2 -> text.substring(0, at) + insert + text.substring(Math.min(text.length(), at + 1));
            default -> {
                int start = text.lastIndexOf('\n', at) + 1;
                int end = text.indexOf('\n', at);
                String line = text.substring(start, end < 0 ? text.length() : end + 1);
                yield text.substring(0, start) + line + text.substring(start);
            }
        };
    }
}
