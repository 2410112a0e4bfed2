package io.ipaas.harness.store;

import java.util.Map;

/**
 * A mapped record as the platform stored it.
 *
 * @param collection the mapping collection that produced it
 * @param key the source record's key
 * @param target the platform record type
 * @param fields the mapped fields
 */
public record StoredRecord(String collection, String key, String target, Map<String, Object> fields) {}
