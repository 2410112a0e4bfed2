package io.ipaas.kafkaconnect;

import io.ipaas.connector.api.ConnectorFactory;
import io.ipaas.connector.api.DefaultMapping;
import io.ipaas.mappings.MappingCollection;
import io.ipaas.mappings.MappingDirection;
import io.ipaas.mappings.MappingDocument;
import java.util.ArrayList;
import java.util.List;

/** The mapping collections a connector ships for one entity and direction: what a subscription installs by default. */
final class DefaultCollections {
    private DefaultCollections() {}

    /** Every collection of the connector's default mapping documents, each document parsed once. */
    static List<MappingCollection> all(ConnectorFactory factory) {
        List<MappingCollection> all = new ArrayList<>();
        for (DefaultMapping mapping : factory.defaultMappings()) {
            all.addAll(MappingDocument.parse(mapping.json()).collections());
        }
        return all;
    }

    /** Those of {@code collections} that map the entity in the direction. */
    static List<MappingCollection> of(List<MappingCollection> collections, String entity, MappingDirection direction) {
        return collections.stream()
                .filter(c -> c.entity().equals(entity) && c.direction() == direction)
                .toList();
    }

    static List<MappingCollection> of(ConnectorFactory factory, String entity, MappingDirection direction) {
        return of(all(factory), entity, direction);
    }
}
