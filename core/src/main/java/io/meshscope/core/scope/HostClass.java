package io.meshscope.core.scope;

import io.meshscope.core.registry.Hostnames;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The hosts one egress listener imports from one namespace key (istiod's {@code hostClassification}):
 * exact names for O(1) lookup, every inclusion for wildcard matching, and exclusions ({@code ~ns/host}).
 */
final class HostClass {
    final Set<String> exact = new HashSet<>();
    final List<String> all = new ArrayList<>();
    final List<String> excluded = new ArrayList<>();

    /** istiod's {@code Matches}: the exact set first; wildcard comparison only when one side is a wildcard. */
    boolean matches(String h) {
        if (exact.contains(h)) {
            return true;
        }
        boolean hWild = Hostnames.isWildcard(h);
        for (String imported : all) {
            if (!hWild && !Hostnames.isWildcard(imported)) {
                continue;
            }
            if (Hostnames.subsetOf(h, imported)) {
                return true;
            }
        }
        return false;
    }

    /** True when an exclusion covers the host. */
    boolean excludes(String h) {
        for (String e : excluded) {
            if (Hostnames.subsetOf(h, e)) {
                return true;
            }
        }
        return false;
    }

    /**
     * VirtualService host matching: exact first, then bidirectional {@code Matches} (or {@code SubsetOf} for
     * Gateway-API-converted routes) when either side is a wildcard.
     */
    boolean matchesVirtualServiceHost(String vh) {
        if (exact.contains(vh)) {
            return true;
        }
        boolean hWild = Hostnames.isWildcard(vh);
        for (String imported : all) {
            if (!hWild && !Hostnames.isWildcard(imported)) {
                continue;
            }
            if (Hostnames.matches(vh, imported)) {
                return true;
            }
        }
        return false;
    }

    boolean hasInclusions() {
        return !all.isEmpty();
    }
}
