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
        Integer[] order = new Integer[paths.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i; // small objects' indexes are cached Integers: no allocation
        }
        Arrays.sort(order, (a, b) -> {
            int byPath = paths[a].compareTo(paths[b]);
            return byPath != 0 ? byPath : Integer.compare(a, b);
        });
        String[] sortedPaths = new String[paths.length];
        long[] sortedPlaces = new long[paths.length];
        int n = 0;
        for (int i = 0; i < order.length; i++) {
            if (i + 1 < order.length && paths[order[i + 1]].equals(paths[order[i]])) {
                continue; // a path given twice: the later place wins, as in a map
            }
            sortedPaths[n] = paths[order[i]];
            sortedPlaces[n++] = places[order[i]];
        }
        return new FieldLocationMap(file, n == paths.length ? sortedPaths : Arrays.copyOf(sortedPaths, n),
                n == paths.length ? sortedPlaces : Arrays.copyOf(sortedPlaces, n));
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
