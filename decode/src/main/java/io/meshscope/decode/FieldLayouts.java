package io.meshscope.decode;

import io.meshscope.core.model.FieldLocationMap;

/**
 * The field layouts of the objects read lately from one file: objects written alike (a generated or templated
 * manifest, a chart's output) list the same paths in the same order, so their field maps are sorted once and share
 * one path array. A few layouts are kept, the oldest replaced first; a file of unlike objects only pays the checks.
 */
final class FieldLayouts {
    private static final int KEPT = 16;

    private final FieldLocationMap.Layout[] kept = new FieldLocationMap.Layout[KEPT];
    private int next;

    /** The layout of the first {@code size} of {@code paths}. */
    FieldLocationMap.Layout of(String[] paths, int size) {
        for (FieldLocationMap.Layout layout : kept) {
            if (layout != null && layout.fits(paths, size)) {
                return layout;
            }
        }
        FieldLocationMap.Layout layout = FieldLocationMap.Layout.of(paths, size);
        kept[next] = layout;
        next = (next + 1) % KEPT;
        return layout;
    }
}
