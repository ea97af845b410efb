package io.meshscope.core.model;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An immutable field path → location map for one object, stored compactly: sorted paths (shared between objects
 * by the reader) and packed line/column numbers in one file. A 50,000-service mesh has about five million field
 * locations; as {@link SourceLocation} records in a hash map they took over 500 MB of heap, this takes a tenth.
 * {@link SourceLocation}s are created when asked for.
 */
public final class FieldLocationMap extends AbstractMap<String, SourceLocation> {
    private final String file;
    private final String[] paths;
    private final long[] places;

    private FieldLocationMap(String file, String[] paths, long[] places) {
        this.file = file;
        this.paths = paths;
        this.places = places;
    }

    /**
     * A compact copy of {@code locations}, or null when they do not all name the same file (the caller then
     * keeps an ordinary map).
     */
    public static FieldLocationMap copyOf(Map<String, SourceLocation> locations) {
        String file = null;
        String[] paths = locations.keySet().toArray(new String[0]);
        Arrays.sort(paths);
        long[] places = new long[paths.length];
        for (int i = 0; i < paths.length; i++) {
            SourceLocation at = locations.get(paths[i]);
            if (file == null) {
                file = at.file();
            } else if (!file.equals(at.file())) {
                return null;
            }
            places[i] = place(at.line(), at.column());
        }
        return new FieldLocationMap(file == null ? "" : file, paths, places);
    }

    /**
     * The map of {@code paths[i]} → {@code places[i]} (line in the high 32 bits, column in the low) in {@code file},
     * without building a map first. A path given twice keeps its later place, as a map would.
     */
    public static FieldLocationMap ofUnsorted(String file, String[] paths, long[] places) {
        return Layout.of(paths, paths.length).place(file, places);
    }

    /**
     * The sorted order of one sequence of paths. Objects of one shape (every Service written alike) list the same
     * paths in the same order: a reader that keeps the layout sorts once per shape instead of once per object, and
     * their maps share one path array.
     */
    public static final class Layout {
        private final String[] given;
        private final String[] sortedPaths;
        /** For each sorted index, the index in the given sequence whose place it takes. */
        private final int[] order;

        private Layout(String[] given, String[] sortedPaths, int[] order) {
            this.given = given;
            this.sortedPaths = sortedPaths;
            this.order = order;
        }

        /** The layout of the first {@code size} of {@code paths} (copied). */
        public static Layout of(String[] paths, int size) {
            String[] given = Arrays.copyOf(paths, size);
            Integer[] byPath = new Integer[size];
            for (int i = 0; i < size; i++) {
                byPath[i] = i;
            }
            Arrays.sort(byPath, (a, b) -> {
                int c = given[a].compareTo(given[b]);
                return c != 0 ? c : Integer.compare(a, b);
            });
            String[] sorted = new String[size];
            int[] order = new int[size];
            int n = 0;
            for (int i = 0; i < size; i++) {
                if (i + 1 < size && given[byPath[i + 1]].equals(given[byPath[i]])) {
                    continue; // a path given twice: the later place wins, as in a map
                }
                sorted[n] = given[byPath[i]];
                order[n++] = byPath[i];
            }
            return new Layout(given, n == size ? sorted : Arrays.copyOf(sorted, n),
                    n == size ? order : Arrays.copyOf(order, n));
        }

        /** Whether this is the layout of the first {@code size} of {@code paths}. */
        public boolean fits(String[] paths, int size) {
            return given.length == size && Arrays.equals(given, 0, size, paths, 0, size);
        }

        /** The map of this layout's paths to {@code places}, given in the layout's path order. */
        public FieldLocationMap place(String file, long[] places) {
            long[] sortedPlaces = new long[order.length];
            for (int i = 0; i < order.length; i++) {
                sortedPlaces[i] = places[order[i]];
            }
            return new FieldLocationMap(file, sortedPaths, sortedPlaces);
        }
    }

    /** A place for {@link #ofUnsorted}: a 1-based line and column packed in one long. */
    public static long place(int line, int column) {
        return ((long) line << 32) | (column & 0xffffffffL);
    }

    @Override
    public SourceLocation get(Object key) {
        int i = key instanceof String s ? Arrays.binarySearch(paths, s) : -1;
        return i < 0 ? null : at(i);
    }

    @Override
    public boolean containsKey(Object key) {
        return key instanceof String s && Arrays.binarySearch(paths, s) >= 0;
    }

    @Override
    public int size() {
        return paths.length;
    }

    private SourceLocation at(int i) {
        return new SourceLocation(file, (int) (places[i] >>> 32), (int) places[i]);
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof FieldLocationMap m) {
            return file.equals(m.file) && Arrays.equals(paths, m.paths) && Arrays.equals(places, m.places);
        }
        return super.equals(o);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }

    @Override
    public Set<Entry<String, SourceLocation>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, SourceLocation>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < paths.length;
                    }

                    @Override
                    public Entry<String, SourceLocation> next() {
                        if (next >= paths.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(paths[i], at(i));
                    }
                };
            }

            @Override
            public int size() {
                return paths.length;
            }
        };
    }
}
