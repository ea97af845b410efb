package io.meshscope.core.validate;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Remembers validation results between successive inputs, so a control plane re-validating a thousand unchanged
 * Sidecars after one endpoint moved does the work once. Objects are compared by value (records, positions
 * included); results of objects absent from the newest input are forgotten. Not thread-safe: one owner.
 *
 * <p>An object the previous input held as the very same instance (the server's decode cache hands back the
 * objects of unchanged files) is found by identity, without hashing it: a record's hash walks all its fields, and
 * doing that for every object of the mesh was a fifth of an endpoint change's cost. Each object's hash is computed
 * once, when it is first seen, and carried from input to input with it.
 */
public final class ValidationMemo {
    private Map<Object, Entry> previousSame = new IdentityHashMap<>();
    private Map<Object, Entry> currentSame = new IdentityHashMap<>();
    private Map<Key, ValidationResult> previous = new HashMap<>();
    private Map<Key, ValidationResult> current = new HashMap<>();

    /** An object with its hash computed once; equal when the objects are. */
    private record Key(Object object, int hash) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && k.object.equals(object);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private record Entry(Key key, ValidationResult result) {
    }

    ValidationResult get(Object object, Supplier<ValidationResult> compute) {
        Entry e = previousSame.get(object);
        if (e == null) {
            e = currentSame.get(object);
        }
        if (e == null) {
            Key key = new Key(object, object.hashCode());
            ValidationResult r = previous.get(key);
            if (r == null) {
                r = current.get(key);
            }
            e = new Entry(key, r != null ? r : compute.get());
        }
        currentSame.put(object, e);
        current.put(e.key(), e.result());
        return e.result();
    }

    /** Ends one input: what it validated becomes what the next input may reuse. */
    void roll() {
        previousSame = currentSame;
        currentSame = new IdentityHashMap<>();
        previous = current;
        current = new HashMap<>();
    }
}
