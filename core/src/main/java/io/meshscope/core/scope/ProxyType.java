package io.meshscope.core.scope;

/** istiod's proxy types that matter here: sidecars use Sidecar resources, routers (gateways) never do. */
public enum ProxyType {
    SIDECAR("sidecar"), ROUTER("router");

    private final String wireName;

    ProxyType(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in node ids and JSON ({@code sidecar}, {@code router}). */
    public String wireName() {
        return wireName;
    }

    /** Parses {@code sidecar}/{@code router} (case-insensitive); null when unknown. */
    public static ProxyType parse(String s) {
        for (ProxyType t : values()) {
            if (t.wireName.equalsIgnoreCase(s)) {
                return t;
            }
        }
        return null;
    }
}
