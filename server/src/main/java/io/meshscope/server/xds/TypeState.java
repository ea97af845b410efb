package io.meshscope.server.xds;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One resource type's state on one stream: what the client subscribed to, what it was last sent (names and
 * content versions), and whether it acked or nacked that. Touched only from the stream's serial executor.
 */
final class TypeState {
    /** Wildcard: every resource of the type (LDS/CDS with no names, or {@code *}). */
    boolean wildcard;
    final Set<String> names = new LinkedHashSet<>();
    /** Resources the client has, name → content version (what we sent, or what it declared on reconnect). */
    final Map<String, String> clientVersions = new HashMap<>();
    String lastNonce;
    String sentVersion;
    String ackedVersion;
    String nackedVersion;
    String nackError;
    int responses;
    int nacks;

    /** True when a resource of this name is part of the subscription. */
    boolean wants(String name) {
        return wildcard || names.contains(name);
    }
}
