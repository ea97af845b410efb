package io.meshscope.core.generate;

import java.util.List;
import java.util.Objects;

/**
 * Options of {@code meshscope generate}: the layout strategy, hosts every generated Sidecar keeps
 * ({@code --always}, e.g. {@code istio-system/*}), {@code merge}: keep the input's Sidecars and only add
 * what they lack (never removing a host) instead of replacing them, and what to do with workloads the evidence
 * does not cover ({@code --no-evidence}).
 */
public record GenerateOptions(Strategy strategy, List<String> always, boolean merge, NoEvidence noEvidence) {
    public GenerateOptions {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(noEvidence, "noEvidence");
        always = List.copyOf(always);
    }

    /** With the default for workloads without evidence: {@link NoEvidence#SKIP}. */
    public GenerateOptions(Strategy strategy, List<String> always, boolean merge) {
        this(strategy, always, merge, NoEvidence.SKIP);
    }
}
