package io.meshscope.core.generate;

import java.util.List;
import java.util.Objects;

/**
 * Options of {@code meshscope generate}: the layout strategy, hosts every generated Sidecar keeps
 * ({@code --always}, e.g. {@code istio-system/*}), and {@code merge}: keep the input's Sidecars and only add
 * what they lack (never removing a host) instead of replacing them.
 */
public record GenerateOptions(Strategy strategy, List<String> always, boolean merge) {
    public GenerateOptions {
        Objects.requireNonNull(strategy, "strategy");
        always = List.copyOf(always);
    }
}
