package io.ipaas.harness.store;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A mapped record ready for the store: its key and its fields as compact JSON in UTF-8. Built where the record is
 * mapped (possibly on another thread), so the writing thread only binds what is ready.
 *
 * @param key the source record's key
 * @param utf8Json the mapped fields as compact JSON, UTF-8 encoded (the bytes SQLite stores)
 */
public record RecordRow(String key, byte[] utf8Json) {

    public RecordRow(String key, String json) {
        this(key, json.getBytes(StandardCharsets.UTF_8));
    }

    public static RecordRow of(String key, Map<String, Object> fields) {
        return new RecordRow(key, RowJson.of(fields));
    }

    /** The fields as JSON text. */
    public String json() {
        return new String(utf8Json, StandardCharsets.UTF_8);
    }
}
