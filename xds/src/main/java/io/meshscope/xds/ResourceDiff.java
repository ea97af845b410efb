package io.meshscope.xds;

import java.util.List;

/**
 * What changed between two name-sorted resource lists, found by one merge walk. Resources carried over from
 * snapshot to snapshot keep their instances ({@link XdsSnapshot#withEndpoints}), so most pairs are settled by a
 * reference comparison; otherwise the content versions decide.
 */
public final class ResourceDiff {
    private ResourceDiff() {
    }

    /** Receives one difference: added ({@code before} null), removed ({@code after} null) or changed. */
    @FunctionalInterface
    public interface Visitor {
        void difference(String name, NamedResource before, NamedResource after);
    }

    /** Calls {@code visitor} for every name added, removed or changed from {@code before} to {@code after}. */
    public static void walk(List<NamedResource> before, List<NamedResource> after, Visitor visitor) {
        if (before == after) {
            return;
        }
        int i = 0;
        int j = 0;
        while (i < before.size() || j < after.size()) {
            NamedResource a = i < before.size() ? before.get(i) : null;
            NamedResource b = j < after.size() ? after.get(j) : null;
            if (a == b) { // carried over unchanged: the common case, settled without comparing names
                i++;
                j++;
                continue;
            }
            int order = a == null ? 1 : b == null ? -1 : a.name().compareTo(b.name());
            if (order < 0) {
                visitor.difference(a.name(), a, null);
                i++;
            } else if (order > 0) {
                visitor.difference(b.name(), null, b);
                j++;
            } else {
                if (!a.version().equals(b.version())) {
                    visitor.difference(a.name(), a, b);
                }
                i++;
                j++;
            }
        }
    }
}
