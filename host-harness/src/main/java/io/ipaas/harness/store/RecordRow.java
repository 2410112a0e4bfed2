package io.ipaas.harness.store;

import java.util.Map;

/**
 * A mapped record ready for the store: its key and its fields as compact JSON. Built where the record is mapped
 * (possibly on another thread), so the writing thread only binds strings.
 *
 * @param key the source record's key
 * @param json the mapped fields as compact JSON text
 */
public record RecordRow(String key, String json) {

    public static RecordRow of(String key, Map<String, Object> fields) {
        return new RecordRow(key, RowJson.of(fields));
    }
}
