package io.meshscope.core.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** One {@code spec.egress[]} entry: an optional port, bind and capture mode, and the hosts it imports. */
public record EgressListener(PortSpec port, String bind, CaptureMode captureMode, List<String> hosts) {
    public EgressListener {
        // hosts may legitimately hold nulls as written (`- ~`); keep them for validation.
        hosts = hosts == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(hosts));
        captureMode = captureMode == null ? CaptureMode.DEFAULT : captureMode;
        bind = bind == null ? "" : bind;
    }

    /** The listener Istio adds when a Sidecar has no egress: every service exported to the namespace. */
    public static EgressListener catchAllImportEverything() {
        return new EgressListener(null, "", CaptureMode.DEFAULT, List.of("*/*"));
    }

    /** True for the port-less (catch-all) listener. */
    public boolean isCatchAll() {
        return port == null;
    }

    /**
     * The port this listener filters services (and routes) by, or null: no port, a UDS listener (port 0) or an
     * HTTP_PROXY listener (sidecar-semantics.md §4.5).
     */
    public Integer matchPort() {
        if (port == null || port.numberOrZero() == 0
                || port.protocolOrEmpty().toUpperCase(Locale.ROOT).equals("HTTP_PROXY")) {
            return null;
        }
        return (int) port.numberOrZero();
    }
}
