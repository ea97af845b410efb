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
    /**
     * The last request known to name exactly this set, in its order, as this set's own strings (null: none). Often
     * the very array {@link #sorted}, when the client asks in name order.
     */
    private String[] lastRequest;

    boolean contains(String name) {
        return Arrays.binarySearch(sorted, name) >= 0;
    }

    /**
     * True when {@code requested} (ignoring {@code *}) names exactly this set, each name once. A client repeats its
     * last request in every ACK, in the same order: that is recognised by comparing the names in order with the
     * last request (String.equals, no hashing, no allocation); anything else is checked name by name.
     */
    boolean sameAs(List<String> requested) {
        String[] last = lastRequest;
        if (last != null && last.length == requested.size()) {
            int i = 0;
            while (i < last.length && last[i].equals(requested.get(i))) {
                i++;
            }
            if (i == last.length) {
                return true;
            }
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
        remember(requested);
        return true;
    }

    /** Records {@code requested}, which names exactly this set, as the last request. */
    private void remember(List<String> requested) {
        String[] order = new String[requested.size()];
        boolean inNameOrder = order.length == sorted.length;
        for (int i = 0; i < order.length; i++) {
            String n = requested.get(i);
            int at = Arrays.binarySearch(sorted, n);
            order[i] = at >= 0 ? sorted[at] : n;
            inNameOrder &= at == i;
        }
        lastRequest = inNameOrder ? sorted : order;
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
        if (names instanceof List<String> list && list.size() == array.length) {
            remember(list);
        } else {
            lastRequest = null; // duplicates or a wildcard in the request: the next ACK takes the slow check once
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
        lastRequest = null;
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
        lastRequest = null;
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
