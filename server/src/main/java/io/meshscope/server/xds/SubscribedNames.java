package io.meshscope.server.xds;

import io.meshscope.xds.NamedResource;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * The resource names a stream subscribed to by name, as a sorted array. An unscoped Envoy names about 1,300 EDS
 * clusters and repeats them in every ACK, so this is kept small and cheap to compare: the strings are the
 * resources' own name instances where one exists (not a copy per stream), membership is a binary search, and
 * an ACK naming the same set is recognised without building anything.
 */
final class SubscribedNames {
    private static final String[] NONE = new String[0];
    private String[] sorted = NONE;
    /** {@link #fingerprint} and size of the last request known to name exactly this set (0/-1: none). */
    private long lastRequest;
    private int lastRequestSize = -1;

    boolean contains(String name) {
        return Arrays.binarySearch(sorted, name) >= 0;
    }

    int size() {
        return sorted.length;
    }

    /**
     * True when {@code requested} (ignoring {@code *}) names exactly this set, each name once. A client repeats its
     * last request in every ACK, in the same order: that is recognised by a 64-bit fingerprint of the names in
     * order (one pass over their characters) instead of a lookup per name; anything else is checked name by name.
     */
    boolean sameAs(List<String> requested) {
        long fingerprint = fingerprint(requested);
        if (requested.size() == lastRequestSize && fingerprint == lastRequest) {
            return true;
        }
        int count = 0;
        for (String n : requested) {
            if (n.equals("*")) {
                continue;
            }
            if (!contains(n)) {
                return false;
            }
            count++;
        }
        if (count != sorted.length) {
            return false;
        }
        remember(requested, fingerprint);
        return true;
    }

    private void remember(List<String> requested, long fingerprint) {
        lastRequest = fingerprint;
        lastRequestSize = requested.size();
    }

    /** FNV-1a over the names' characters, with a separator between names. */
    private static long fingerprint(List<String> names) {
        long h = 0xcbf29ce484222325L;
        for (String n : names) {
            for (int i = 0; i < n.length(); i++) {
                h = (h ^ n.charAt(i)) * 0x100000001b3L;
            }
            h = (h ^ 0xffff) * 0x100000001b3L;
        }
        return h;
    }

    /**
     * Replaces the set with {@code names} (without {@code *}); returns whether it changed. {@code resources} is the
     * proxy's name-sorted list of the type, whose name strings are kept instead of the request's copies.
     */
    boolean set(Collection<String> names, List<NamedResource> resources) {
        TreeSet<String> next = new TreeSet<>();
        for (String n : names) {
            if (!n.equals("*")) {
                next.add(canonical(n, resources));
            }
        }
        String[] array = next.toArray(NONE);
        boolean changed = !Arrays.equals(array, sorted);
        sorted = array;
        if (names instanceof List<String> list) {
            remember(list, fingerprint(list));
        } else {
            lastRequestSize = -1;
        }
        return changed;
    }

    /** Adds one name; returns whether it was new. */
    boolean add(String name, List<NamedResource> resources) {
        int at = Arrays.binarySearch(sorted, name);
        if (at >= 0) {
            return false;
        }
        int insert = -at - 1;
        String[] next = new String[sorted.length + 1];
        System.arraycopy(sorted, 0, next, 0, insert);
        next[insert] = canonical(name, resources);
        lastRequestSize = -1;
        System.arraycopy(sorted, insert, next, insert + 1, sorted.length - insert);
        sorted = next;
        return true;
    }

    /** Removes one name; returns whether it was there. */
    boolean remove(String name) {
        int at = Arrays.binarySearch(sorted, name);
        if (at < 0) {
            return false;
        }
        lastRequestSize = -1;
        String[] next = new String[sorted.length - 1];
        System.arraycopy(sorted, 0, next, 0, at);
        System.arraycopy(sorted, at + 1, next, at, sorted.length - at - 1);
        sorted = next;
        return true;
    }

    List<String> toList() {
        return List.of(sorted);
    }

    /** The resource's own string for {@code name} when the proxy has such a resource, else {@code name}. */
    private static String canonical(String name, List<NamedResource> resources) {
        int lo = 0;
        int hi = resources.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = resources.get(mid).name().compareTo(name);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return resources.get(mid).name();
            }
        }
        return name;
    }
}
