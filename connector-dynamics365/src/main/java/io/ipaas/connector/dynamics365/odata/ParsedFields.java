package io.ipaas.connector.dynamics365.odata;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * The properties of one parsed entity, in the order they came: its values in an array and its names in a
 * {@link FieldNames} shared with the entities before it on the page while they agree (measured: hash map entries
 * were the largest allocation of a pull). A repeated name keeps its first place and its last value, as
 * {@link java.util.LinkedHashMap} does.
 */
final class ParsedFields extends AbstractMap<String, Object> {
    private FieldNames names;
    private Object[] values;
    private int size;

    /** An entity expected to have about this many properties, sharing no names. */
    ParsedFields(int expectedSize) {
        names = new FieldNames(expectedSize);
        values = new Object[Math.max(4, expectedSize)];
    }

    /**
     * An entity expected to have the names of {@code template} (those of the page's previous entity) in their
     * order: it shares them for as long as its own names agree, and copies the agreed ones when they part.
     */
    ParsedFields(FieldNames template) {
        if (!template.sealed()) {
            throw new IllegalArgumentException("only sealed names are shared");
        }
        names = template;
        values = new Object[Math.max(4, template.count())];
    }

    /** The names for the next entity of the page to share; no more puts are expected after this. */
    FieldNames seal() {
        names.seal();
        return names;
    }

    @Override
    public Object put(String name, Object value) {
        Objects.requireNonNull(name, "name");
        if (names.sealed()) {
            // the next name of a shared shape: no lookup, no copy
            if (size < names.count() && names.name(size) == name) {
                append(value);
                return null;
            }
            names = names.prefix(size, values.length);
        }
        int index = names.indexOf(name, size);
        if (index >= 0) {
            Object previous = values[index];
            values[index] = value;
            return previous;
        }
        names.add(name);
        append(value);
        return null;
    }

    private void append(Object value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    @Override
    public Object get(Object name) {
        int index = names.indexOf(name, size);
        return index >= 0 ? values[index] : null;
    }

    @Override
    public boolean containsKey(Object name) {
        return names.indexOf(name, size) >= 0;
    }

    @Override
    public int size() {
        return size;
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
                        return new SimpleImmutableEntry<>(names.name(index), values[index]);
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
