package io.meshscope.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} and {@code --flag} arguments; unknown names are an error so typos do not go unnoticed. */
final class Args {
    private final Map<String, String> values = new HashMap<>();
    private final List<String> known = new ArrayList<>();

    Args(String[] argv, String... knownNames) {
        known.addAll(List.of(knownNames));
        for (int i = 0; i < argv.length; i++) {
            String a = argv[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + a);
            }
            String name = a.substring(2);
            String value = "true";
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < argv.length && !argv[i + 1].startsWith("--")) {
                value = argv[++i];
            }
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name + "; known: --" + String.join(", --", known));
            }
            values.put(name, value);
        }
    }

    String string(String name, String def) {
        return values.getOrDefault(name, def);
    }

    int integer(String name, int def) {
        return values.containsKey(name) ? Integer.parseInt(values.get(name).replace("_", "").replace(",", "")) : def;
    }

    List<Integer> ints(String name, String def) {
        List<Integer> out = new ArrayList<>();
        for (String s : values.getOrDefault(name, def).split(",")) {
            if (!s.isBlank()) {
                out.add(Integer.parseInt(s.trim().replace("_", "")));
            }
        }
        return out;
    }

    List<String> strings(String name, String def) {
        List<String> out = new ArrayList<>();
        for (String s : values.getOrDefault(name, def).split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }
}
