package io.meshscope.core.whatif;

/** What happens to a call its proxy's scope does not route. */
public enum Outcome {
    /**
     * {@code REGISTRY_ONLY}: the call goes to {@code BlackHoleCluster} — TCP connections are reset and HTTP gets
     * the {@code block_all} virtual host's direct 502 (the seed's "503 errors after adding Sidecar").
     */
    BLACKHOLE("BlackHole"),
    /**
     * {@code ALLOW_ANY}: the call leaves through {@code PassthroughCluster} — it may still connect, but without
     * mTLS, the service's DestinationRule, retries or authorization policy.
     */
    PASSTHROUGH("Passthrough");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
