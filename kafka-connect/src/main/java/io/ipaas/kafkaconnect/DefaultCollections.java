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

    static List<MappingCollection> of(ConnectorFactory factory, String entity, MappingDirection direction) {
        List<MappingCollection> found = new ArrayList<>();
        for (DefaultMapping mapping : factory.defaultMappings()) {
            for (MappingCollection collection :
                    MappingDocument.parse(mapping.json()).collections()) {
                if (collection.entity().equals(entity) && collection.direction() == direction) {
                    found.add(collection);
                }
            }
        }
        return found;
    }
}
