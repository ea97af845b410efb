package io.meshscope.core.model;

/** Message levels, ordered as istioctl orders them for {@code --failure-threshold}. */
public enum Severity {
    INFO("Info"), WARNING("Warning"), ERROR("Error");

    private final String label;

    Severity(String label) {
        this.label = label;
    }

    /** The level as istioctl prints it: {@code Info}, {@code Warning}, {@code Error}. */
    public String label() {
        return label;
    }

    /** Parses {@code Info|Warning|Error} case-insensitively; null when unknown. */
    public static Severity parse(String s) {
        for (Severity v : values()) {
            if (v.label.equalsIgnoreCase(s) || v.name().equalsIgnoreCase(s)) {
                return v;
            }
        }
        return null;
    }
}
