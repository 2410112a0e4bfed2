package io.ipaas.mappings;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The source fields a set of inbound collections reads, as dotted paths: what a host can ask a connector for
 * (a projection) instead of every field. A child collection's fields are prefixed with its source
 * ({@code itemVariants.code}); the key fields are included. An expression may read any field, so a collection
 * with one asks for every field: the set is then empty.
 */
public final class SourceFields {
    private SourceFields() {}

    public static Set<String> of(List<MappingCollection> collections) {
        Set<String> paths = new LinkedHashSet<>();
        for (MappingCollection collection : collections) {
            if (readsAnyField(collection.fields())) {
                return Set.of();
            }
            paths.add(collection.keyField().toString());
            collect(collection.fields(), "", paths);
        }
        return paths;
    }

    private static boolean readsAnyField(List<FieldMapping> fields) {
        for (FieldMapping field : fields) {
            if (field instanceof FieldMapping.Formula) {
                return true;
            }
            if (field instanceof FieldMapping.Children children
                    && (children.skipWhen().isPresent() || readsAnyField(children.fields()))) {
                return true;
            }
        }
        return false;
    }

    private static void collect(List<FieldMapping> fields, String prefix, Set<String> paths) {
        for (FieldMapping field : fields) {
            if (field instanceof FieldMapping.Copy copy) {
                paths.add(prefix + copy.source());
            } else if (field instanceof FieldMapping.Lookup lookup) {
                paths.add(prefix + lookup.source());
            } else if (field instanceof FieldMapping.Children children) {
                String parent = prefix + children.source();
                paths.add(parent + "." + children.keyField());
                collect(children.fields(), parent + ".", paths);
            }
            // a static value reads nothing
        }
    }
}
