package io.ipaas.mappings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Applies a mapping collection to one record. Stateless and thread-safe. */
public final class MappingEngine {
    private MappingEngine() {}

    /**
     * Maps a record.
     *
     * @return the target record, fields in mapping order
     * @throws MappingException naming the collection, the target field and the record id
     */
    public static Map<String, Object> apply(MappingCollection collection, Map<String, ?> record) {
        return map(collection.name(), collection.fields(), record, recordId(collection, record), "");
    }

    /** The record's id as the collection's key field gives it, or {@code ?} when missing. */
    public static String recordId(MappingCollection collection, Map<String, ?> record) {
        Object id = collection.keyField().read(record);
        return id == null ? "?" : String.valueOf(id);
    }

    private static Map<String, Object> map(
            String collection, List<FieldMapping> fields, Map<String, ?> record, String recordId, String prefix) {
        // sized for its fields up front: growing a map per record was a visible share of mapping
        Map<String, Object> out = new LinkedHashMap<>(fields.size() * 4 / 3 + 1);
        for (FieldMapping field : fields) {
            Object value;
            if (field instanceof FieldMapping.Copy copy) {
                value = copy(collection, copy, record, recordId, prefix);
            } else if (field instanceof FieldMapping.Static fixed) {
                value = fixed.value();
            } else if (field instanceof FieldMapping.Lookup lookup) {
                value = lookup(collection, lookup, record, recordId, prefix);
            } else {
                value = children(collection, (FieldMapping.Children) field, record, recordId, prefix);
            }
            field.target().write(out, value);
        }
        return out;
    }

    private static Object copy(
            String collection, FieldMapping.Copy copy, Map<String, ?> record, String recordId, String prefix) {
        Object value = copy.source().read(record);
        if (value != null) {
            return value;
        }
        if (copy.defaultValue().isPresent()) {
            return copy.defaultValue().get();
        }
        if (copy.required()) {
            throw new MappingException(
                    collection,
                    prefix + copy.target(),
                    recordId,
                    "source '" + copy.source()
                            + "' is missing and the field is required; map another source field or give a default");
        }
        return null;
    }

    private static Object lookup(
            String collection, FieldMapping.Lookup lookup, Map<String, ?> record, String recordId, String prefix) {
        Object value = lookup.source().read(record);
        if (value == null) {
            return lookup.defaultValue().orElse(null);
        }
        String key = String.valueOf(value);
        if (lookup.table().containsKey(key)) {
            return lookup.table().get(key);
        }
        if (lookup.defaultValue().isPresent()) {
            return lookup.defaultValue().get();
        }
        throw new MappingException(
                collection,
                prefix + lookup.target(),
                recordId,
                "value '" + key + "' of source '"
                        + lookup.source() + "' is not in the lookup table (known: "
                        + String.join(", ", lookup.table().keySet())
                        + "); add it to the table or give the lookup a default");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> children(
            String collection, FieldMapping.Children children, Map<String, ?> record, String recordId, String prefix) {
        Object value = children.source().read(record);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new MappingException(
                    collection,
                    prefix + children.target(),
                    recordId,
                    "source '" + children.source() + "' is not a list; map a list field as children");
        }
        List<Object> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            String path = prefix + children.target() + "[" + i + "].";
            if (!(list.get(i) instanceof Map<?, ?> child)) {
                throw new MappingException(
                        collection, prefix + children.target() + "[" + i + "]", recordId, "element is not an object");
            }
            Object childId = children.keyField().read((Map<String, ?>) child);
            String childRecord = recordId + " / " + (childId == null ? "?" : childId);
            out.add(map(collection, children.fields(), (Map<String, ?>) child, childRecord, path));
        }
        return out;
    }
}
