package io.ipaas.connector.api.entity;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.Map;
import java.util.Set;

/**
 * A read-only view of a field map that its builder handed over to a {@link Record} and no longer touches, so the
 * record keeps it instead of copying it (see {@link Record#handOver}).
 */
final class HandedOverFields extends AbstractMap<String, Object> {
    private final Map<String, Object> fields;
    private final Set<Entry<String, Object>> entries;

    HandedOverFields(Map<String, Object> fields) {
        this.fields = fields;
        this.entries = Collections.unmodifiableMap(fields).entrySet();
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return entries;
    }

    @Override
    public Object get(Object key) {
        return fields.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return fields.containsKey(key);
    }

    @Override
    public int size() {
        return fields.size();
    }
}
