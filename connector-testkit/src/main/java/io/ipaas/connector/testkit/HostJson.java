package io.ipaas.connector.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.ipaas.connector.api.poll.Checkpoint;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * The host's JSON round trip, configured as the harness store is: what a connector gets back is what it would get
 * after a restart. Integers that fit come back as {@link Integer} (a {@code 5L} returns as {@code 5}), larger ones
 * as {@link Long} or {@link BigInteger}, decimals as {@link BigDecimal}; anything else must already be JSON.
 */
public final class HostJson {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private HostJson() {}

    /**
     * The checkpoint as the host reads it back after storing it.
     *
     * @throws AssertionError naming the first value that is not JSON
     */
    public static Checkpoint roundTrip(Checkpoint checkpoint, String what) {
        requireJson(checkpoint.values(), what + ".values");
        return new Checkpoint(checkpoint.format(), roundTrip(checkpoint.values()));
    }

    /** The map as the host reads it back after storing it; call {@link #requireJson} first for a clear message. */
    public static Map<String, Object> roundTrip(Map<String, Object> values) {
        try {
            return JSON.readValue(JSON.writeValueAsString(values), MAP);
        } catch (JsonProcessingException e) {
            throw new AssertionError("the host cannot store " + values + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Fails unless {@code value} is made only of null, Boolean, String, a finite number, List and Map with String
     * keys: the types a JSON store gives back.
     *
     * @param path names the value in the failure message, e.g. {@code "checkpoint.values"}
     * @throws AssertionError naming the offending path and type
     */
    public static void requireJson(Object value, String path) {
        if (value == null || value instanceof String || value instanceof Boolean) {
            return;
        }
        if (value instanceof Integer
                || value instanceof Long
                || value instanceof Short
                || value instanceof BigInteger
                || value instanceof BigDecimal) {
            return;
        }
        if (value instanceof Double d) {
            if (!Double.isFinite(d)) {
                throw new AssertionError(path + " holds " + d + ", which JSON cannot represent");
            }
            return;
        }
        if (value instanceof Float f) {
            if (!Float.isFinite(f)) {
                throw new AssertionError(path + " holds " + f + ", which JSON cannot represent");
            }
            return;
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                requireJson(list.get(i), path + "[" + i + "]");
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    throw new AssertionError(path + " has a non-string key " + entry.getKey());
                }
                requireJson(entry.getValue(), path + "." + key);
            }
            return;
        }
        throw new AssertionError(path + " holds a " + value.getClass().getName()
                + ", which a JSON store cannot give back; store it as a string or number");
    }
}
