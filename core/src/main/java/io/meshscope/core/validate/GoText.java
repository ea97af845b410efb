package io.meshscope.core.validate;

import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Go formatting verbs that Istio's messages use, so texts match byte for byte: {@code %q} ({@code strconv.Quote})
 * and {@code %v} of a sorted string slice ({@code [a b c]}).
 */
public final class GoText {
    private GoText() {
    }

    /** Go's {@code strconv.Quote}: double-quoted, with Go escapes for quotes, backslashes and non-printables. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        s.codePoints().forEach(cp -> appendQuoted(sb, cp));
        return sb.append('"').toString();
    }

    /** {@code fmt.Sprintf("%v", sets.SortedList(values))}: space-separated inside brackets, sorted. */
    static String sortedList(Collection<String> values) {
        return values.stream().sorted().collect(Collectors.joining(" ", "[", "]"));
    }

    private static void appendQuoted(StringBuilder sb, int cp) {
        switch (cp) {
            case '"' -> sb.append("\\\"");
            case '\\' -> sb.append("\\\\");
            case 0x07 -> sb.append("\\a");
            case '\b' -> sb.append("\\b");
            case '\f' -> sb.append("\\f");
            case '\n' -> sb.append("\\n");
            case '\r' -> sb.append("\\r");
            case '\t' -> sb.append("\\t");
            case 0x0B -> sb.append("\\v");
            default -> appendOther(sb, cp);
        }
    }

    private static void appendOther(StringBuilder sb, int cp) {
        if (isGoPrintable(cp)) {
            sb.appendCodePoint(cp);
        } else if (cp < ' ' || cp == 0x7F) {
            sb.append(String.format("\\x%02x", cp));
        } else if (cp < 0x10000) {
            sb.append(String.format("\\u%04x", cp));
        } else {
            sb.append(String.format("\\U%08x", cp));
        }
    }

    /** Go's {@code unicode.IsPrint}: letters, marks, numbers, punctuation, symbols and the ASCII space only. */
    private static boolean isGoPrintable(int cp) {
        if (cp == ' ') {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK,
                    Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK, Character.DECIMAL_DIGIT_NUMBER,
                    Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.CONNECTOR_PUNCTUATION,
                    Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
                    Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
                    Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
            default -> false;
        };
    }
}
