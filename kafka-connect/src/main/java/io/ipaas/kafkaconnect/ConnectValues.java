package io.ipaas.kafkaconnect;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a record's fields into the values Connect carries without a schema (maps, lists, strings, booleans, longs,
 * doubles), which every converter writes: a JSON consumer reads what Business Central sent.
 */
final class ConnectValues {
    private ConnectValues() {}

    static Map<String, Object> of(Map<String, ?> fields) {
        Map<String, Object> out = new LinkedHashMap<>(fields.size() * 2);
        fields.forEach((key, value) -> out.put(key, value(value)));
        return out;
    }

    @SuppressWarnings("unchecked")
    static Object value(Object value) {
        if (value == null
                || value instanceof String
                || value instanceof Boolean
                || value instanceof Long
                || value instanceof Integer
                || value instanceof Double) {
            return value;
        }
        if (value instanceof BigDecimal decimal) {
            // a decimal whose shortest double reads back the same is written as that number (12.99 stays 12.99);
            // one a double cannot hold keeps every digit as text instead of losing some silently
            double asDouble = decimal.doubleValue();
            return Double.isFinite(asDouble) && BigDecimal.valueOf(asDouble).compareTo(decimal) == 0
                    ? (Object) asDouble
                    : decimal.toPlainString();
        }
        if (value instanceof BigInteger big) {
            return big.bitLength() < 64 ? (Object) big.longValue() : big.toString();
        }
        if (value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return Double.valueOf(Float.toString(f));
        }
        if (value instanceof Map<?, ?> map) {
            return of((Map<String, ?>) map);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(value(v)));
            return out;
        }
        if (value instanceof TemporalAccessor || value instanceof java.util.UUID) {
            return value.toString();
        }
        return value.toString();
    }
}
