package io.meshscope.kube;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes label selector in kubectl's string syntax ({@code a=b}, {@code a==b}, {@code a!=b},
 * {@code a in (x,y)}, {@code a notin (x)}, {@code a}, {@code !a}; comma means AND), evaluated locally.
 */
public final class LabelSelector {
    private static final String KEY = "(?:[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?";
    private static final Pattern VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?");
    private static final Pattern SET = Pattern.compile("(" + KEY + ")\\s+(in|notin)\\s*\\((.*)\\)");
    private static final Pattern COMPARE = Pattern.compile("(" + KEY + ")\\s*(==|!=|=)\\s*(\\S*)");
    private static final Pattern EXISTS = Pattern.compile("(!?)\\s*(" + KEY + ")");

    private enum Op { EQUALS, NOT_EQUALS, IN, NOT_IN, EXISTS, NOT_EXISTS }

    private record Requirement(String key, Op op, Set<String> values) {
        boolean matches(Map<String, String> labels) {
            String value = labels.get(key);
            return switch (op) {
                case EQUALS, IN -> value != null && values.contains(value);
                case NOT_EQUALS, NOT_IN -> value == null || !values.contains(value);
                case EXISTS -> value != null;
                case NOT_EXISTS -> value == null;
            };
        }
    }

    private final String text;
    private final List<Requirement> requirements;

    private LabelSelector(String text, List<Requirement> requirements) {
        this.text = text;
        this.requirements = List.copyOf(requirements);
    }

    /**
     * Parses a selector; an empty string selects everything.
     *
     * @throws IllegalArgumentException naming the part that is not a valid requirement
     */
    public static LabelSelector parse(String text) {
        List<Requirement> reqs = new ArrayList<>();
        for (String part : splitTopLevel(text)) {
            String req = part.trim();
            if (req.isEmpty()) {
                if (!text.isBlank()) {
                    throw invalid(text, "empty requirement");
                }
                continue;
            }
            reqs.add(requirement(text, req));
        }
        return new LabelSelector(text.trim(), reqs);
    }

    /** True when {@code labels} satisfy every requirement. */
    public boolean matches(Map<String, String> labels) {
        Map<String, String> l = labels == null ? Map.of() : labels;
        return requirements.stream().allMatch(r -> r.matches(l));
    }

    @Override
    public String toString() {
        return text;
    }

    private static Requirement requirement(String whole, String req) {
        Matcher m = SET.matcher(req);
        if (m.matches()) {
            List<String> values = new ArrayList<>();
            for (String v : m.group(5).split(",", -1)) {
                values.add(value(whole, v.trim()));
            }
            return new Requirement(m.group(1), m.group(4).equals("in") ? Op.IN : Op.NOT_IN, Set.copyOf(values));
        }
        m = COMPARE.matcher(req);
        if (m.matches()) {
            Op op = m.group(4).equals("!=") ? Op.NOT_EQUALS : Op.EQUALS;
            return new Requirement(m.group(1), op, Set.of(value(whole, m.group(5))));
        }
        m = EXISTS.matcher(req);
        if (m.matches()) {
            return new Requirement(m.group(2), m.group(1).isEmpty() ? Op.EXISTS : Op.NOT_EXISTS, Set.of());
        }
        throw invalid(whole, "\"" + req + "\" is not key=value, key!=value, key in (...), key notin (...), key or !key");
    }

    private static String value(String whole, String v) {
        if (v.length() > 63 || !VALUE.matcher(v).matches()) {
            throw invalid(whole, "invalid label value \"" + v + "\"");
        }
        return v;
    }

    private static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    private static IllegalArgumentException invalid(String whole, String why) {
        return new IllegalArgumentException("invalid label selector \"" + whole + "\": " + why);
    }
}
