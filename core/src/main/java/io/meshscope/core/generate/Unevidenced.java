package io.meshscope.core.generate;

import io.meshscope.core.deps.Caller;

/**
 * A sidecar workload the evidence does not speak for and what generate did with it: {@code skipped} (its
 * current scope kept: {@code sidecar} is the Sidecar that keeps applying to it, null when none does) or isolated
 * ({@code --no-evidence isolate}: a Sidecar importing nothing but {@code --always} hosts). {@code why} says so.
 */
public record Unevidenced(Caller caller, boolean skipped, String sidecar, String why) {
}
