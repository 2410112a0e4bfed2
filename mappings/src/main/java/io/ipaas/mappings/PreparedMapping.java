package io.ipaas.mappings;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A mapping collection ready to map many records: the key set of each level is worked out once here instead of once
 * per record. Immutable and thread-safe; {@link MappingEngine#prepare} makes one.
 */
public final class PreparedMapping {
    private final MappingCollection collection;
    private final Level root;
    private final Map<String, Object> variables;

    PreparedMapping(MappingCollection collection, Map<String, ?> variables) {
        this.collection = Objects.requireNonNull(collection, "collection");
        this.root = Level.of(collection.fields());
        this.variables = Collections.unmodifiableMap(new HashMap<>(variables));
    }

    public MappingCollection collection() {
        return collection;
    }

    /**
     * Maps a record.
     *
     * @return the target record, fields in mapping order
     * @throws MappingException naming the collection, the target field and the record id
     */
    public Map<String, Object> apply(Map<String, ?> record) {
        return MappingEngine.map(collection, root, record, MappingEngine.Where.root(collection, record), variables);
    }

    /** One level of the mapping (the record, or the elements of a children mapping) and the levels below it. */
    record Level(List<FieldMapping> fields, TargetShape shape, Level[] children) {
        static Level of(List<FieldMapping> fields) {
            Level[] children = new Level[fields.size()];
            for (int i = 0; i < fields.size(); i++) {
                if (fields.get(i) instanceof FieldMapping.Children nested) {
                    children[i] = of(nested.fields());
                }
            }
            return new Level(fields, TargetShape.of(fields), children);
        }
    }
}
