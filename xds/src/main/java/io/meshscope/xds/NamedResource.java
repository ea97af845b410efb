package io.meshscope.xds;

import com.google.protobuf.Any;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Message;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * One generated xDS resource: its name, the Envoy message, a content version (the first 16 hex digits of the
 * SHA-256 of its deterministic serialization, so equal content always gets the equal version), the resource
 * packed as the {@code Any} a DiscoveryResponse carries, and that {@code Any}'s wire size.
 *
 * <p>The message is serialized exactly once: the deterministic bytes that give the version are also the packed
 * value, so every proxy that shares the resource shares those bytes and nothing is serialized again per push.
 */
public record NamedResource(String name, Message resource, String version, int wireBytes, Any packed) {

    /** Wraps a resource, serializing it once for its version, its packed form and its wire size. */
    public static NamedResource of(String name, Message resource) {
        byte[] bytes = deterministicBytes(resource);
        Any packed = Any.newBuilder().setTypeUrl("type.googleapis.com/" + resource.getDescriptorForType().getFullName())
                .setValue(com.google.protobuf.ByteString.copyFrom(bytes)).build();
        return new NamedResource(name, resource, hash(bytes), packed.getSerializedSize(), packed);
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

    /** The content version of a message: SHA-256 of its deterministic bytes, hex, first 16 characters. */
    static String version(Message message) {
        return hash(deterministicBytes(message));
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

    /** The versions of several resources combined, e.g. for a whole response. */
    static String combinedVersion(List<NamedResource> resources) {
        StringBuilder sb = new StringBuilder();
        resources.forEach(r -> sb.append(r.name()).append('=').append(r.version()).append('\n'));
        return hash(sb.toString().getBytes(StandardCharsets.UTF_8));
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
