package io.ipaas.connector.dynamics365.push;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What is sent to BC for a mapped record: fields a mapping left empty are not sent, so BC applies its defaults. */
final class Payloads {
    private Payloads() {}

    /** The fields without null values, at every level (lines too). */
    static Map<String, Object> withoutNulls(Map<String, ?> fields) {
        Map<String, Object> out = new LinkedHashMap<>();
        fields.forEach((name, value) -> {
            if (value != null) {
                out.put(name, clean(value));
            }
        });
        return out;
    }

    private static Object clean(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((name, element) -> {
                if (element != null) {
                    out.put(String.valueOf(name), clean(element));
                }
            });
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(element -> out.add(clean(element)));
            return out;
        }
        return value;
    }
}
