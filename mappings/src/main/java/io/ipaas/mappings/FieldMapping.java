package io.ipaas.mappings;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** One rule that fills one target field. */
public sealed interface FieldMapping {

    /** Where the value goes in the output. */
    FieldPath target();

    /**
     * Copies a source field.
     *
     * @param required whether a missing or null source fails the record (otherwise the default, or null, is written)
     * @param defaultValue written when the source is missing or null
     */
    record Copy(FieldPath target, FieldPath source, boolean required, Optional<Object> defaultValue)
            implements FieldMapping {
        public Copy {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(defaultValue, "defaultValue");
        }
    }

    /** Writes a fixed value. */
    record Static(FieldPath target, Object value) implements FieldMapping {
        public Static {
            Objects.requireNonNull(target, "target");
        }
    }

    /**
     * Translates a source value through a table (keys compared as text).
     *
     * @param defaultValue used for values the table lacks; without it such a value fails the record
     */
    record Lookup(FieldPath target, FieldPath source, Map<String, Object> table, Optional<Object> defaultValue)
            implements FieldMapping {
        public Lookup {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(source, "source");
            table = Collections.unmodifiableMap(new LinkedHashMap<>(table));
            Objects.requireNonNull(defaultValue, "defaultValue");
        }
    }

    /**
     * Computes a value with a JSONata expression (format version 2): totals, concatenations, conditions, dates.
     *
     * @param required whether a null result fails the record (otherwise the default, or null, is written)
     * @param defaultValue written when the expression yields nothing
     */
    record Formula(FieldPath target, Expression expression, boolean required, Optional<Object> defaultValue)
            implements FieldMapping {
        public Formula {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(expression, "expression");
            Objects.requireNonNull(defaultValue, "defaultValue");
        }
    }

    /**
     * Maps each element of a source array (for example an item's variants) with its own field mappings.
     *
     * @param keyField path of each child's id, used in error messages
     * @param skipWhen elements for which this expression is true are left out before they are mapped (format
     *     version 2), for example order lines of excluded items
     */
    record Children(
            FieldPath target,
            FieldPath source,
            FieldPath keyField,
            List<FieldMapping> fields,
            Optional<Expression> skipWhen)
            implements FieldMapping {
        public Children {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(keyField, "keyField");
            fields = List.copyOf(fields);
            Objects.requireNonNull(skipWhen, "skipWhen");
        }

        public Children(FieldPath target, FieldPath source, FieldPath keyField, List<FieldMapping> fields) {
            this(target, source, keyField, fields, Optional.empty());
        }
    }
}
