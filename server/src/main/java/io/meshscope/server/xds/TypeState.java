package io.meshscope.server.xds;

import io.meshscope.xds.NamedResource;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One resource type's state on one stream: what the client subscribed to, what it was last sent and whether it
 * acked or nacked that. Touched only from the stream's serial executor.
 *
 * <p>What was sent is remembered as the proxy's whole resource list of the type at that push ({@link #sentFrom},
 * shared with every proxy of the scope) rather than as a name → version map per stream: the next push finds
 * its changes by walking that list against the new one, and an unchanged type costs one reference comparison.
 */
final class TypeState {
    /** Wildcard: every resource of the type (LDS/CDS with no names, or {@code *}). */
    boolean wildcard;
    final SubscribedNames names = new SubscribedNames();
    /** The proxy's resources of the type when it was last pushed (null: never pushed). */
    List<NamedResource> sentFrom;
    /** {@link Versions} sum of what the client holds; its rendering is the version_info. */
    long versionSum;
    /** Delta only: the resources the client has, name → version (what we sent, or what it declared). */
    final Map<String, String> clientVersions = new HashMap<>();
    /** Delta only: subscribed names already answered as absent, so absence is said once, not on every push. */
    final Set<String> announcedAbsent = new HashSet<>();
    String lastNonce;
    String sentVersion;
    String ackedVersion;
    String nackedVersion;
    String nackError;
    int responses;
    /** When the last response of this type was sent (null: none yet): the web view's "last push". */
    java.time.Instant lastSent;
    int nacks;

    /** The client accepted {@code version}: any earlier NACK is over. */
    void acked(String version) {
        ackedVersion = version;
        nackedVersion = null;
        nackError = null;
    }

    /** True when a resource of this name is part of the subscription. */
    boolean wants(String name) {
        return wildcard || names.contains(name);
    }
}
