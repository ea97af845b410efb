package io.meshscope.decode;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The entries of a YAML mapping, in written order, immutable: two arrays instead of a {@code LinkedHashMap}. A
 * 50,000-service mesh has millions of mappings, most with one to six keys; as linked hash maps (table, entry objects,
 * an unmodifiable wrapper, a wrapper per entry on every iteration) they were the largest share of what reading it
 * allocated. Small mappings are searched in order; larger ones get a hash index.
 */
final class YFields extends AbstractMap<String, YNode.Entry> {
    static final YFields EMPTY = new YFields(new String[0], new YNode.Entry[0], 0, null);
    /** Above this many keys a lookup goes through a hash index rather than comparing keys in order. */
    private static final int LINEAR_LIMIT = 8;

    private final String[] keys;
    private final YNode.Entry[] values;
    private final int size;
    private final Map<String, Integer> index;

    private YFields(String[] keys, YNode.Entry[] values, int size, Map<String, Integer> index) {
        this.keys = keys;
        this.values = values;
        this.size = size;
        this.index = index;
    }

    private static Map<String, Integer> indexOf(String[] keys, int size) {
        Map<String, Integer> index = new HashMap<>(size * 2);
        for (int i = 0; i < size; i++) {
            index.put(keys[i], i);
        }
        return index;
    }

    /** The key of the i-th entry in written order. */
    String key(int i) {
        return keys[i];
    }

    /** The i-th entry in written order. */
    YNode.Entry entry(int i) {
        return values[i];
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public YNode.Entry get(Object key) {
        int i = find(key);
        return i < 0 ? null : values[i];
    }

    @Override
    public boolean containsKey(Object key) {
        return find(key) >= 0;
    }

    private int find(Object key) {
        return find(keys, size, index, key);
    }

    /** The index of {@code key} among the first {@code size} keys, through {@code index} when there is one. */
    private static int find(String[] keys, int size, Map<String, Integer> index, Object key) {
        if (index != null) {
            Integer i = index.get(key);
            return i == null ? -1 : i;
        }
        for (int i = 0; i < size; i++) {
            if (keys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super YNode.Entry> action) {
        for (int i = 0; i < size; i++) {
            action.accept(keys[i], values[i]);
        }
    }

    @Override
    public Set<String> keySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<String> iterator() {
                return new Cursor<>() {
                    @Override
                    String at(int i) {
                        return keys[i];
                    }
                };
            }

            @Override
            public boolean contains(Object o) {
                return containsKey(o);
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    @Override
    public Set<Map.Entry<String, YNode.Entry>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, YNode.Entry>> iterator() {
                return new Cursor<>() {
                    @Override
                    Map.Entry<String, YNode.Entry> at(int i) {
                        return new SimpleImmutableEntry<>(keys[i], values[i]);
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    /** Walks the indexes in order; read-only. */
    private abstract class Cursor<T> implements Iterator<T> {
        private int next;

        abstract T at(int i);

        @Override
        public boolean hasNext() {
            return next < size;
        }

        @Override
        public T next() {
            if (next >= size) {
                throw new NoSuchElementException();
            }
            return at(next++);
        }
    }

    /** Collects entries in order; a key given again replaces its value and keeps its place, as a map would. */
    static final class Builder {
        private String[] keys = new String[4];
        private YNode.Entry[] values = new YNode.Entry[4];
        private int size;
        private Map<String, Integer> index;

        /** Adds or replaces; the previous entry of {@code key}, or null. */
        YNode.Entry put(String key, YNode.Entry value) {
            int i = find(key);
            if (i >= 0) {
                YNode.Entry previous = values[i];
                values[i] = value;
                return previous;
            }
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            keys[size] = key;
            values[size] = value;
            if (index != null) {
                index.put(key, size);
            } else if (size == LINEAR_LIMIT) {
                index = indexOf(keys, size + 1);
            }
            size++;
            return null;
        }

        /** The previous entry of {@code key}, or null. */
        YNode.Entry get(String key) {
            int i = find(key);
            return i < 0 ? null : values[i];
        }

        private int find(String key) {
            return YFields.find(keys, size, index, key);
        }

        /**
         * The mapping; the builder is not used again. The arrays are not trimmed: a mapping lives only while its
         * document is decoded (the model keeps none), so a copy would cost more than the slack.
         */
        YFields build() {
            return size == 0 ? EMPTY : new YFields(keys, values, size, index);
        }
    }
}
