package io.ipaas.mappings;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Applies a mapping collection to records. Stateless and thread-safe. */
public final class MappingEngine {
    private MappingEngine() {}

    /**
     * Maps one record. To map many records with one collection, {@link #prepare} it once and apply that.
     *
     * @return the target record, fields in mapping order
     * @throws MappingException naming the collection, the target field and the record id
     */
    public static Map<String, Object> apply(MappingCollection collection, Map<String, ?> record) {
        return prepare(collection).apply(record);
    }

    /** The collection ready to map many records. */
    public static PreparedMapping prepare(MappingCollection collection) {
        return new PreparedMapping(collection, Map.of());
    }

    /**
     * The collection ready to map many records, its expressions seeing {@code variables} by name (the host binds
     * {@code settings}: the subscription's settings without secrets).
     */
    public static PreparedMapping prepare(MappingCollection collection, Map<String, ?> variables) {
        return new PreparedMapping(collection, variables);
    }

    /** The record's id as the collection's key field gives it, or {@code ?} when missing. */
    public static String recordId(MappingCollection collection, Map<String, ?> record) {
        Object id = collection.keyField().read(record);
        return id == null ? "?" : String.valueOf(id);
    }

    static Map<String, Object> map(
            MappingCollection collection,
            PreparedMapping.Level level,
            Map<String, ?> record,
            Where where,
            Map<String, Object> variables) {
        Map<String, Object> out = new MappedFields(level.shape());
        List<FieldMapping> fields = level.fields();
        for (int i = 0; i < fields.size(); i++) {
            FieldMapping field = fields.get(i);
            Object value;
            if (field instanceof FieldMapping.Copy copy) {
                value = copy(collection, copy, record, where);
            } else if (field instanceof FieldMapping.Static fixed) {
                value = fixed.value();
            } else if (field instanceof FieldMapping.Lookup lookup) {
                value = lookup(collection, lookup, record, where);
            } else if (field instanceof FieldMapping.Formula formula) {
                value = formula(collection, formula, record, where, variables);
            } else {
                value = children(
                        collection, (FieldMapping.Children) field, level.children()[i], record, where, variables);
            }
            field.target().write(out, value);
        }
        return out;
    }

    private static Object copy(
            MappingCollection collection, FieldMapping.Copy copy, Map<String, ?> record, Where where) {
        Object value = copy.source().read(record);
        if (value != null) {
            return value;
        }
        if (copy.defaultValue().isPresent()) {
            return copy.defaultValue().get();
        }
        if (copy.required()) {
            throw new MappingException(
                    collection.name(),
                    where.prefix() + copy.target(),
                    where.recordId(),
                    "source '" + copy.source()
                            + "' is missing and the field is required; map another source field or give a default");
        }
        return null;
    }

    private static Object lookup(
            MappingCollection collection, FieldMapping.Lookup lookup, Map<String, ?> record, Where where) {
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
                collection.name(),
                where.prefix() + lookup.target(),
                where.recordId(),
                "value '" + key + "' of source '"
                        + lookup.source() + "' is not in the lookup table (known: "
                        + String.join(", ", lookup.table().keySet())
                        + "); add it to the table or give the lookup a default");
    }

    private static Object formula(
            MappingCollection collection,
            FieldMapping.Formula formula,
            Map<String, ?> record,
            Where where,
            Map<String, Object> variables) {
        Object value = evaluate(collection, formula.target(), formula.expression(), record, where, variables);
        if (value != null) {
            return value;
        }
        if (formula.defaultValue().isPresent()) {
            return formula.defaultValue().get();
        }
        if (formula.required()) {
            throw new MappingException(
                    collection.name(),
                    where.prefix() + formula.target(),
                    where.recordId(),
                    "expression '" + formula.expression()
                            + "' yields nothing and the field is required; check the fields it reads or give a"
                            + " default");
        }
        return null;
    }

    /** Evaluates with {@code $record} bound to the whole record; an expression's own error names where it failed. */
    private static Object evaluate(
            MappingCollection collection,
            FieldPath target,
            Expression expression,
            Map<String, ?> input,
            Where where,
            Map<String, Object> variables) {
        try {
            return expression.evaluate(input, where.variables(variables));
        } catch (IllegalArgumentException e) {
            throw new MappingException(
                    collection.name(),
                    where.prefix() + target,
                    where.recordId(),
                    "expression '" + expression + "' failed: " + e.getMessage() + "; fix the expression or the record");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object> children(
            MappingCollection collection,
            FieldMapping.Children children,
            PreparedMapping.Level level,
            Map<String, ?> record,
            Where where,
            Map<String, Object> variables) {
        Object value = children.source().read(record);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new MappingException(
                    collection.name(),
                    where.prefix() + children.target(),
                    where.recordId(),
                    "source '" + children.source() + "' is not a list; map a list field as children");
        }
        List<Object> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> child)) {
                throw new MappingException(
                        collection.name(),
                        where.prefix() + children.target() + "[" + i + "]",
                        where.recordId(),
                        "element is not an object");
            }
            Map<String, ?> element = (Map<String, ?>) child;
            Where at = where.child(children, i, element);
            if (children.skipWhen().isPresent()
                    && Boolean.TRUE.equals(evaluate(
                            collection, children.target(), children.skipWhen().get(), element, at, variables))) {
                continue;
            }
            out.add(map(collection, level, element, at, variables));
        }
        return out;
    }

    /**
     * Where in a record the engine is, for an error to name: the record's id and the path of the child being mapped.
     * Both are spelled out only when an error needs them, not for every child of every record.
     */
    static final class Where {
        private final Where parent;
        private final MappingCollection collection;
        private final FieldMapping.Children children;
        private final int index;
        private final Map<String, ?> element;

        private Where(
                Where parent,
                MappingCollection collection,
                FieldMapping.Children children,
                int index,
                Map<String, ?> element) {
            this.parent = parent;
            this.collection = collection;
            this.children = children;
            this.index = index;
            this.element = element;
        }

        static Where root(MappingCollection collection, Map<String, ?> record) {
            return new Where(null, collection, null, -1, record);
        }

        Where child(FieldMapping.Children children, int index, Map<String, ?> element) {
            return new Where(this, collection, children, index, element);
        }

        /** The record's id, then each child's id: {@code item-1 / variant-2}. */
        String recordId() {
            if (parent == null) {
                return MappingEngine.recordId(collection, element);
            }
            Object childId = children.keyField().read(element);
            return parent.recordId() + " / " + (childId == null ? "?" : childId);
        }

        /** The variables an expression sees here: the mapping's, and {@code record}, the whole record. */
        Map<String, Object> variables(Map<String, Object> bound) {
            Where top = this;
            while (top.parent != null) {
                top = top.parent;
            }
            Map<String, Object> all = new HashMap<>(bound);
            all.put("record", top.element);
            return all;
        }

        /** The path of the child's fields: {@code variants[2].}; empty at the record itself. */
        String prefix() {
            return parent == null ? "" : parent.prefix() + children.target() + "[" + index + "].";
        }
    }
}
