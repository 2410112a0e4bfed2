package io.ipaas.bcsandbox.api;

import io.ipaas.bcsandbox.odata.EntityType;
import io.ipaas.bcsandbox.odata.Expansion;
import io.ipaas.bcsandbox.odata.Table;
import java.util.Map;

/** What a request URL addresses below {@code api/v2.0}, once resolved against the data. */
public sealed interface ApiResource {

    /** The last segment's name: what BC's 405 text names and what request counters count by. */
    String segment();

    /** {@code api/v2.0/} or {@code ODataV4/}: the service document listing these entity sets. */
    record ServiceDocument(java.util.List<String> entitySets) implements ApiResource {
        @Override
        public String segment() {
            return "";
        }
    }

    /** {@code api/v2.0/$metadata} or {@code ODataV4/$metadata}: this CSDL document. */
    record Metadata(String xml) implements ApiResource {
        @Override
        public String segment() {
            return "$metadata";
        }
    }

    /**
     * A collection.
     *
     * @param contextPath the context URL fragment after {@code $metadata#}, e.g. {@code companies(<id>)/items}
     * @param expandable  navigation properties the sandbox can expand, with their target types
     */
    record Collection<R>(
            String segment,
            Table<R> table,
            String contextPath,
            Map<String, EntityType<?>> expandable,
            Map<String, Expansion<R>> expansions)
            implements ApiResource {}

    /** One entity, e.g. {@code companies(<id>)/items(<id>)}. */
    record Entity<R>(
            String segment,
            EntityType<R> type,
            R record,
            String contextPath,
            Map<String, EntityType<?>> expandable,
            Map<String, Expansion<R>> expansions)
            implements ApiResource {}
}
