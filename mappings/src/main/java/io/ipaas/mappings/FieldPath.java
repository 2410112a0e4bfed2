package io.ipaas.mappings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A dotted path, split once when a document is parsed so applying a mapping does no string work per record.
 * Numeric segments index lists when reading ({@code lines.0.sku}).
 */
public final class FieldPath {
    private final String text;
    private final String[] segments;
    private final int[] indexes;

    private FieldPath(String text) {
        this.text = text;
        // interned like the field names Jackson's parser produces, so a lookup in a parsed record matches its key
        // by identity without comparing characters
        this.segments = Arrays.stream(text.split("\\.")).map(String::intern).toArray(String[]::new);
        this.indexes = new int[segments.length];
        for (int i = 0; i < segments.length; i++) {
            indexes[i] = segments[i].chars().allMatch(Character::isDigit) ? Integer.parseInt(segments[i]) : -1;
        }
    }

    public static FieldPath of(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty() || text.startsWith(".") || text.endsWith(".") || text.contains("..")) {
            throw new IllegalArgumentException("not a dotted path: '" + text + "'");
        }
        return new FieldPath(text);
    }

    /** The value at this path, or null when any step is missing. */
    public Object read(Map<String, ?> record) {
        Object current = record;
        for (int i = 0; i < segments.length; i++) {
            if (current instanceof Map<?, ?> map) {
                current = map.get(segments[i]);
            } else if (current instanceof List<?> list && indexes[i] >= 0) {
                current = indexes[i] < list.size() ? list.get(indexes[i]) : null;
            } else {
                return null;
            }
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    /** Writes a value, creating intermediate objects. */
    @SuppressWarnings("unchecked")
    public void write(Map<String, Object> target, Object value) {
        Map<String, Object> current = target;
        for (int i = 0; i < segments.length - 1; i++) {
            Object next = current.get(segments[i]);
            if (!(next instanceof Map<?, ?>)) {
                next = new LinkedHashMap<String, Object>();
                current.put(segments[i], next);
            }
            current = (Map<String, Object>) next;
        }
        current.put(segments[segments.length - 1], value);
    }

    /** The first segment, which names the top-level field. */
    public String head() {
        return segments[0];
    }

    /** Every proper prefix, e.g. {@code a} and {@code a.b} for {@code a.b.c}. */
    List<String> prefixes() {
        List<String> prefixes = new ArrayList<>();
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < segments.length - 1; i++) {
            if (i > 0) {
                prefix.append('.');
            }
            prefix.append(segments[i]);
            prefixes.add(prefix.toString());
        }
        return prefixes;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FieldPath path && path.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
