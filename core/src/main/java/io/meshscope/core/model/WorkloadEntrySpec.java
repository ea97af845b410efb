package io.meshscope.core.model;

import java.util.Map;

/**
 * A WorkloadEntry's {@code spec} fields as written, kept for validation ({@code ValidateWorkloadEntry}):
 * {@code address} and {@code network} are "" when absent; {@code ports} holds each port number as written (uint32,
 * so numbers out of the 1..65535 range are kept for validation to reject); {@code weight} is null when absent.
 */
public record WorkloadEntrySpec(String address, Map<String, Long> ports, Map<String, String> labels, String network,
                                String locality, Long weight, String serviceAccount) {
    public WorkloadEntrySpec {
        address = address == null ? "" : address;
        ports = ports == null ? Map.of() : Map.copyOf(ports);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        network = network == null ? "" : network;
        locality = locality == null ? "" : locality;
        serviceAccount = serviceAccount == null ? "" : serviceAccount;
    }
}
