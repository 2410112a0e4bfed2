package io.ipaas.connector.dynamics365.odata;

import java.util.Arrays;

/**
 * The property names of parsed entities, in the order they came. The entities of one page have the same names in
 * the same order, so they share one instance: each entity then holds only its values, and a name is found through
 * one small hash table built once for the page instead of a scan per lookup (measured: scanning was a sixth of the
 * mapping thread's CPU). Grows only while one entity owns it; {@link #seal()} makes it read-only and shareable.
 */
final class FieldNames {
    /** Below this many names a scan is as fast as hashing. */
    private static final int SCAN_LIMIT = 8;

    private String[] names;
    /** The names' hash codes (cached by each String), compared before any characters are. */
    private int[] hashes;

    private int count;
    /** Open addressing by hash code: index + 1 of a name, 0 for an empty slot; built when sealed. */
    private int[] table;

    private boolean sealed;

    FieldNames(int capacity) {
        names = new String[Math.max(4, capacity)];
        hashes = new int[names.length];
    }

    private FieldNames(String[] names, int[] hashes, int count) {
        this.names = names;
        this.hashes = hashes;
        this.count = count;
    }

    int count() {
        return count;
    }

    String name(int index) {
        return names[index];
    }

    /** The first {@code count} names as a new, growable instance. */
    FieldNames prefix(int count, int capacity) {
        int length = Math.max(Math.max(4, capacity), count);
        return new FieldNames(Arrays.copyOf(names, length), Arrays.copyOf(hashes, length), count);
    }

    void add(String name) {
        if (sealed) {
            throw new IllegalStateException("sealed names are shared and never change");
        }
        if (count == names.length) {
            names = Arrays.copyOf(names, count * 2);
            hashes = Arrays.copyOf(hashes, count * 2);
        }
        names[count] = name;
        hashes[count] = name.hashCode();
        count++;
    }

    boolean sealed() {
        return sealed;
    }

    /** No more names: builds the lookup table. Call before other threads see the names. */
    void seal() {
        if (sealed) {
            return;
        }
        sealed = true;
        if (count <= SCAN_LIMIT) {
            return;
        }
        int[] slots = new int[Integer.highestOneBit(count * 2 - 1) << 1];
        int mask = slots.length - 1;
        for (int i = 0; i < count; i++) {
            int slot = spread(hashes[i]) & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = i + 1;
        }
        table = slots;
    }

    /** Where the name is among the first {@code limit} names, or -1. */
    int indexOf(Object name, int limit) {
        if (!(name instanceof String text)) {
            return -1;
        }
        int[] slots = table;
        if (slots == null) {
            return scan(text, limit);
        }
        int hash = text.hashCode();
        int mask = slots.length - 1;
        for (int slot = spread(hash) & mask; slots[slot] != 0; slot = (slot + 1) & mask) {
            int index = slots[slot] - 1;
            // interned names (the parser's and the mappings') meet by identity; anything else by equality
            if (names[index] == text || (hashes[index] == hash && text.equals(names[index]))) {
                return index < limit ? index : -1;
            }
        }
        return -1;
    }

    private int scan(String name, int limit) {
        for (int i = 0; i < limit; i++) {
            if (names[i] == name) {
                return i;
            }
        }
        int hash = name.hashCode();
        for (int i = 0; i < limit; i++) {
            if (hashes[i] == hash && name.equals(names[i])) {
                return i;
            }
        }
        return -1;
    }

    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }
}
