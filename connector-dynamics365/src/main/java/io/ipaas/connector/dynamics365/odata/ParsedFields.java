package io.ipaas.connector.dynamics365.odata;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * The properties of one parsed entity, in the order they came: two arrays instead of a hash map. An entity has a
 * few dozen properties whose names the parser interns, so finding one by identity in a short array is as fast as
 * hashing, and a page of them costs a fraction of the memory (measured: hash map entries were the largest
 * allocation of a pull). A repeated name keeps its first place and its last value, as {@link java.util.LinkedHashMap}
 * does.
 */
final class ParsedFields extends AbstractMap<String, Object> {
    private String[] names;
    /** The names' hash codes (cached by each String), compared before any characters are. */
    private int[] hashes;

    private Object[] values;
    private int size;

    ParsedFields(int expectedSize) {
        int capacity = Math.max(4, expectedSize);
        names = new String[capacity];
        hashes = new int[capacity];
        values = new Object[capacity];
    }

    @Override
    public Object put(String name, Object value) {
        Objects.requireNonNull(name, "name");
        // one pass by equality: a name not there yet (the usual case) would fail the identity pass too
        int index = indexOfEqual(name);
        if (index >= 0) {
            Object previous = values[index];
            values[index] = value;
            return previous;
        }
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
            hashes = Arrays.copyOf(hashes, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        names[size] = name;
        hashes[size] = name.hashCode();
        values[size] = value;
        size++;
        return null;
    }

    @Override
    public Object get(Object name) {
        int index = indexOf(name);
        return index >= 0 ? values[index] : null;
    }

    @Override
    public boolean containsKey(Object name) {
        return indexOf(name) >= 0;
    }

    @Override
    public int size() {
        return size;
    }

    private int indexOf(Object name) {
        // interned names (the parser's and the mappings') meet by identity; anything else by equality
        for (int i = 0; i < size; i++) {
            if (names[i] == name) {
                return i;
            }
        }
        return name instanceof String text ? indexOfEqual(text) : -1;
    }

    private int indexOfEqual(String name) {
        int hash = name.hashCode();
        for (int i = 0; i < size; i++) {
            if (hashes[i] == hash && name.equals(names[i])) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        int index = next++;
                        return new SimpleImmutableEntry<>(names[index], values[index]);
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }
}
