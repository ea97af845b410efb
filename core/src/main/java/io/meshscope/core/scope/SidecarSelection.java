package io.meshscope.core.scope;

import io.meshscope.core.model.Sidecar;
import java.util.List;

/** Which Sidecar applies to a proxy, how it was chosen, and which other candidates it shadowed and why. */
public record SidecarSelection(Sidecar sidecar, SelectedBy selectedBy, List<Shadowed> shadowed) {
    public SidecarSelection {
        shadowed = List.copyOf(shadowed);
    }

    /** A Sidecar that also applied to the proxy but lost, with the reason in words. */
    public record Shadowed(Sidecar sidecar, String reason) {
    }
}
