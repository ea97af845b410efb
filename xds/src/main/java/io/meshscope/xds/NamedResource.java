package io.meshscope.xds;

import com.google.protobuf.Any;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.UnsafeByteOperations;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * One generated xDS resource: its name, a content version (the first 16 hex digits of the SHA-256 of its
 * deterministic serialization, so equal content always gets the equal version), the resource packed as the
 * {@code Any} a DiscoveryResponse carries, and that {@code Any}'s wire size.
 *
 * <p>The message is serialized exactly once, and only the bytes are kept: they give the version, they are the
 * packed value every proxy sharing the resource is sent, and {@link #resource()} parses them back on the rare
 * occasions something needs the message (config dumps, tests). A protobuf object tree is several times its wire
 * size; without Sidecars a mesh of 1,000 services holds tens of thousands of these, so keeping the bytes alone is
 * most of the control plane's heap saving.
 *
 * <p>The version is computed when first asked for: {@code report} and {@code describe} size tens of thousands of
 * resources and never send one, and SHA-256 was a quarter of a 5,000-workload report's CPU. Identity (equality,
 * and the snapshot's interning of equal resources) is by name and bytes, with a cheap hash of the bytes.
 */
public final class NamedResource {
    private final String name;
    /** The deterministic serialization, which {@link #packed} wraps without a copy. */
    private final byte[] bytes;
    private final int contentHash;
    /** Computed from the bytes when first asked for; racing threads compute the same string. */
    private volatile String version;
    private final int wireBytes;
    private final Any packed;
    private final Message prototype;
    private final int entries;

    private NamedResource(String name, byte[] bytes, Any packed, Message prototype, int entries) {
        this.name = name;
        this.bytes = bytes;
        this.contentHash = java.util.Arrays.hashCode(bytes);
        this.wireBytes = packed.getSerializedSize();
        this.packed = packed;
        this.prototype = prototype;
        this.entries = entries;
    }

    /** Wraps a resource, serializing it once for its version, its packed form and its wire size. */
    public static NamedResource of(String name, Message resource) {
        byte[] bytes = deterministicBytes(resource);
        Any packed = Any.newBuilder().setTypeUrl("type.googleapis.com/" + resource.getDescriptorForType().getFullName())
                .setValue(UnsafeByteOperations.unsafeWrap(bytes)).build(); // bytes is ours alone: no copy
        return new NamedResource(name, bytes, packed, resource.getDefaultInstanceForType(), entries(resource));
    }

    /** What {@link #entries()} counts for a message. */
    private static int entries(Message resource) {
        if (resource instanceof ClusterLoadAssignment cla) {
            int n = 0;
            for (LocalityLbEndpoints l : cla.getEndpointsList()) {
                n += l.getLbEndpointsCount();
            }
            return n;
        }
        if (resource instanceof RouteConfiguration rc) {
            return rc.getVirtualHostsCount();
        }
        return 0;
    }

    public String name() {
        return name;
    }

    /** The content version: equal content, equal version. */
    public String version() {
        String v = version;
        if (v == null) {
            v = hash(bytes);
            version = v;
        }
        return v;
    }

    /** Bytes of the packed {@code Any} as a response carries it. */
    public int wireBytes() {
        return wireBytes;
    }

    /** The resource packed as a DiscoveryResponse carries it (shared, never re-serialized). */
    public Any packed() {
        return packed;
    }

    /** The resource as a message, parsed from its bytes (each call parses; hot paths use {@link #packed()}). */
    public Message resource() {
        try {
            return prototype.getParserForType().parseFrom(packed.getValue());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("cannot re-read resource " + name + " that was serialized here", e);
        }
    }

    /** Load-balancing endpoints of a ClusterLoadAssignment, virtual hosts of a RouteConfiguration, else 0. */
    public int entries() {
        return entries;
    }

    /** Equal when name and content are (the content's hash first, the bytes settle it). */
    @Override
    public boolean equals(Object o) {
        return o instanceof NamedResource r && name.equals(r.name) && contentHash == r.contentHash
                && java.util.Arrays.equals(bytes, r.bytes);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + contentHash;
    }

    @Override
    public String toString() {
        return name + "@" + version();
    }

    /** Deterministic bytes of a message: map entries sorted, so equal messages hash equally. */
    static byte[] deterministicBytes(Message message) {
        byte[] out = new byte[message.getSerializedSize()];
        CodedOutputStream stream = CodedOutputStream.newInstance(out);
        stream.useDeterministicSerialization();
        try {
            message.writeTo(stream);
            stream.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen when writing to an array of the exact size
        }
        return out;
    }

    /** SHA-256 of some bytes, hex, first 16 characters. */
    static String hash(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            StringBuilder hex = new StringBuilder(16);
            for (int i = 0; i < 8; i++) {
                hex.append(Character.forDigit((digest[i] >> 4) & 0xf, 16)).append(Character.forDigit(digest[i] & 0xf, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /**
     * Sorted by name and immutable. Duplicate names are a generator bug (Envoy would reject the response), so
     * they fail loudly instead of being silently dropped.
     */
    static List<NamedResource> sorted(Collection<NamedResource> resources) {
        if (resources instanceof List<NamedResource> list && strictlySorted(list)) {
            // Keep the caller's instance when it is already immutable (List.copyOf returns it as is), so an
            // unchanged list stays recognisable by reference across snapshots.
            return List.copyOf(list);
        }
        List<NamedResource> out = new ArrayList<>(resources);
        out.sort(Comparator.comparing(NamedResource::name));
        for (int i = 1; i < out.size(); i++) {
            if (out.get(i).name().equals(out.get(i - 1).name())) {
                throw new IllegalStateException("duplicate xDS resource name: " + out.get(i).name());
            }
        }
        return List.copyOf(out);
    }

    private static boolean strictlySorted(List<NamedResource> list) {
        for (int i = 1; i < list.size(); i++) {
            if (list.get(i - 1).name().compareTo(list.get(i).name()) >= 0) {
                return false;
            }
        }
        return true;
    }
}
