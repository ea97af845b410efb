package io.meshscope.core.render;

import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * A minimal JSON writer for the CLI's {@code -o json} contract: maps (insertion order kept), collections,
 * strings, numbers, booleans and null, pretty-printed with two spaces. No dependency, no reflection.
 */
public final class Json {
    private Json() {
    }

    public static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, 0);
        return sb.append('\n').toString();
    }

    private static void write(StringBuilder sb, Object v, int indent) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof String s) {
            string(sb, s);
        } else if (v instanceof Number || v instanceof Boolean) {
            sb.append(v);
        } else if (v instanceof Map<?, ?> m) {
            object(sb, m, indent);
        } else if (v instanceof Collection<?> c) {
            array(sb, c, indent);
        } else if (v instanceof Enum<?> e) {
            string(sb, e.name());
        } else {
            string(sb, v.toString());
        }
    }

    private static void object(StringBuilder sb, Map<?, ?> m, int indent) {
        if (m.isEmpty()) {
            sb.append("{}");
            return;
        }
        sb.append("{\n");
        Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<?, ?> e = it.next();
            pad(sb, indent + 1);
            string(sb, String.valueOf(e.getKey()));
            sb.append(": ");
            write(sb, e.getValue(), indent + 1);
            sb.append(it.hasNext() ? ",\n" : "\n");
        }
        pad(sb, indent);
        sb.append('}');
    }

    private static void array(StringBuilder sb, Collection<?> c, int indent) {
        if (c.isEmpty()) {
            sb.append("[]");
            return;
        }
        boolean scalars = c.stream().noneMatch(x -> x instanceof Map || x instanceof Collection);
        if (scalars) {
            sb.append('[');
            Iterator<?> it = c.iterator();
            while (it.hasNext()) {
                write(sb, it.next(), indent);
                if (it.hasNext()) {
                    sb.append(", ");
                }
            }
            sb.append(']');
            return;
        }
        sb.append("[\n");
        Iterator<?> it = c.iterator();
        while (it.hasNext()) {
            pad(sb, indent + 1);
            write(sb, it.next(), indent + 1);
            sb.append(it.hasNext() ? ",\n" : "\n");
        }
        pad(sb, indent);
        sb.append(']');
    }

    /** Indentation strings by depth, so that a line's padding is one append, not a new string. */
    private static final String[] PADS = new String[32];

    static {
        for (int i = 0; i < PADS.length; i++) {
            PADS[i] = "  ".repeat(i);
        }
    }

    private static void pad(StringBuilder sb, int indent) {
        sb.append(indent < PADS.length ? PADS[indent] : "  ".repeat(indent));
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        int clean = 0;
        // Most strings (names, hosts) need no escape: appended whole, one array copy rather than an append per
        // character (a large report's JSON is megabytes of them).
        while (clean < s.length() && plain(s.charAt(clean))) {
            clean++;
        }
        if (clean == s.length()) {
            sb.append(s);
        } else {
            sb.append(s, 0, clean);
            for (int i = clean; i < s.length(); i++) {
                char ch = s.charAt(i);
                switch (ch) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append("\\t");
                    default -> {
                        if (ch < 0x20) {
                            sb.append(String.format("\\u%04x", (int) ch));
                        } else {
                            sb.append(ch);
                        }
                    }
                }
            }
        }
        sb.append('"');
    }

    /** A character a JSON string holds as itself. */
    private static boolean plain(char ch) {
        return ch >= 0x20 && ch != '"' && ch != '\\';
    }
}
