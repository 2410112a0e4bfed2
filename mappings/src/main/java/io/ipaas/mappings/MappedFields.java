package io.ipaas.mappings;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * One mapped record: its values in an array laid out by the level's {@link TargetShape}, instead of a hash map entry
 * per field (measured: those entries were a sixth of all a pull allocated). Iterates in the mapping's field order,
 * which is the order the engine writes them in, as a {@link LinkedHashMap} would; a name the mapping does not write
 * goes after them, in the order it was put. Entries cannot be removed.
 */
final class MappedFields extends AbstractMap<String, Object> {
    /** Stands for a null value, so that an empty slot (null) means "never written". */
    private static final Object NULL = new Object();

    private final TargetShape shape;
    private final Object[] values;
    private int written;
    private int nextSlot;
    private Map<String, Object> others;

    MappedFields(TargetShape shape) {
        this.shape = shape;
        this.values = new Object[shape.size()];
    }

    @Override
    public Object put(String name, Object value) {
        Objects.requireNonNull(name, "name");
        int slot = shape.slot(name, nextSlot);
        if (slot < 0) {
            if (others == null) {
                others = new LinkedHashMap<>();
            }
            return others.put(name, value);
        }
        nextSlot = slot + 1;
        Object previous = values[slot];
        if (previous == null) {
            written++;
        }
        values[slot] = value == null ? NULL : value;
        return unmasked(previous);
    }

    @Override
    public Object get(Object name) {
        int slot = shape.slot(name, nextSlot);
        if (slot >= 0) {
            return unmasked(values[slot]);
        }
        return others == null ? null : others.get(name);
    }

    @Override
    public boolean containsKey(Object name) {
        int slot = shape.slot(name, nextSlot);
        if (slot >= 0) {
            return values[slot] != null;
        }
        return others != null && others.containsKey(name);
    }

    @Override
    public int size() {
        return written + (others == null ? 0 : others.size());
    }

    /** Without an entry object per field: the store's JSON writer walks every mapped record this way. */
    @Override
    public void forEach(BiConsumer<? super String, ? super Object> action) {
        for (int slot = 0; slot < values.length; slot++) {
            if (values[slot] != null) {
                action.accept(shape.name(slot), unmasked(values[slot]));
            }
        }
        if (others != null) {
            others.forEach(action);
        }
    }

    private static Object unmasked(Object value) {
        return value == NULL ? null : value;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                Iterator<Entry<String, Object>> rest =
                        others == null ? null : others.entrySet().iterator();
                return new Iterator<>() {
                    private int slot = nextWritten(0);

                    @Override
                    public boolean hasNext() {
                        return slot < values.length || (rest != null && rest.hasNext());
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (slot < values.length) {
                            Entry<String, Object> entry =
                                    new SimpleImmutableEntry<>(shape.name(slot), unmasked(values[slot]));
                            slot = nextWritten(slot + 1);
                            return entry;
                        }
                        if (rest == null) {
                            throw new NoSuchElementException();
                        }
                        return rest.next();
                    }
                };
            }

            @Override
            public int size() {
                return MappedFields.this.size();
            }
        };
    }

    private int nextWritten(int from) {
        int slot = from;
        while (slot < values.length && values[slot] == null) {
            slot++;
        }
        return slot;
    }
}
