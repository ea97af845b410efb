package io.meshscope.core.model;

/**
 * A Sidecar listener port as written. {@code number} is a long because the CRD admits 0..4294967295 and
 * validation, not decoding, rejects out-of-range values; any field may be null when absent.
 */
public record PortSpec(Long number, String protocol, String name, Long targetPort) {
    public long numberOrZero() {
        return number == null ? 0 : number;
    }

    public String protocolOrEmpty() {
        return protocol == null ? "" : protocol;
    }

    public String nameOrEmpty() {
        return name == null ? "" : name;
    }
}
