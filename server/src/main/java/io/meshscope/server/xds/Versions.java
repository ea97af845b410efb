package io.meshscope.server.xds;

import io.meshscope.xds.NamedResource;

/**
 * The version_info of a response: a 64-bit sum over the (name, content version) pairs the client holds, so it
 * depends on content only, and a push that changes one resource out of thousands updates it in O(1) instead of
 * re-hashing the whole set. Each pair is mixed first (SplitMix64's finaliser), so sums do not cancel by accident.
 */
final class Versions {
    private Versions() {
    }

    /** What one resource adds to the sum. */
    static long of(NamedResource r) {
        return of(r.name(), r.version());
    }

    static long of(String name, String version) {
        long h = name.hashCode() * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < version.length(); i++) {
            h = h * 31 + version.charAt(i); // any string: delta clients declare versions of their own
        }
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }

    /** The version_info for a sum. */
    static String render(long sum) {
        String hex = Long.toHexString(sum);
        return "0".repeat(16 - hex.length()) + hex;
    }
}
