package io.ipaas.connector.dynamics365.odata;

import io.ipaas.connector.api.error.ConnectorException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The parts of an OData CSDL ({@code $metadata}) document a connector needs to read an entity set it was not built
 * for: each entity set's key, properties with their EDM types, and navigation properties. Read with the JDK's StAX
 * parser, with DTDs and external entities off (the document comes from the network).
 */
public final class CsdlDocument {
    /** One entity set as its entity type declares it. */
    public record EntitySet(
            String name, String typeName, List<String> key, Map<String, String> properties, List<String> navigations) {
        public EntitySet {
            key = List.copyOf(key);
            properties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(properties));
            navigations = List.copyOf(navigations);
        }
    }

    private final Map<String, EntitySet> entitySets;

    private CsdlDocument(Map<String, EntitySet> entitySets) {
        this.entitySets = entitySets;
    }

    public Optional<EntitySet> entitySet(String name) {
        return Optional.ofNullable(entitySets.get(name));
    }

    public List<String> entitySetNames() {
        return List.copyOf(entitySets.keySet());
    }

    /** @param where names the document in errors, e.g. its URL path */
    public static CsdlDocument parse(String xml, String where) {
        Map<String, List<String>> keys = new HashMap<>();
        Map<String, Map<String, String>> properties = new HashMap<>();
        Map<String, List<String>> navigations = new HashMap<>();
        Map<String, String> setTypes = new LinkedHashMap<>();
        try {
            XMLInputFactory factory = XMLInputFactory.newFactory();
            factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            XMLStreamReader reader = factory.createXMLStreamReader(new StringReader(xml));
            String type = null;
            boolean inKey = false;
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    switch (reader.getLocalName()) {
                        case "EntityType" -> {
                            type = reader.getAttributeValue(null, "Name");
                            keys.put(type, new ArrayList<>());
                            properties.put(type, new LinkedHashMap<>());
                            navigations.put(type, new ArrayList<>());
                        }
                        case "Key" -> inKey = true;
                        case "PropertyRef" -> {
                            if (inKey && type != null) {
                                keys.get(type).add(reader.getAttributeValue(null, "Name"));
                            }
                        }
                        case "Property" -> {
                            if (type != null) {
                                properties
                                        .get(type)
                                        .put(
                                                reader.getAttributeValue(null, "Name"),
                                                reader.getAttributeValue(null, "Type"));
                            }
                        }
                        case "NavigationProperty" -> {
                            if (type != null) {
                                navigations.get(type).add(reader.getAttributeValue(null, "Name"));
                            }
                        }
                        case "EntitySet" ->
                            setTypes.put(
                                    reader.getAttributeValue(null, "Name"),
                                    reader.getAttributeValue(null, "EntityType"));
                        default -> {
                            // other CSDL elements (enums, annotations, actions) say nothing a reader needs
                        }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    switch (reader.getLocalName()) {
                        case "EntityType" -> type = null;
                        case "Key" -> inKey = false;
                        default -> {
                            // nothing to close
                        }
                    }
                }
            }
        } catch (XMLStreamException e) {
            throw ConnectorException.remote(
                    "Business Central's " + where + " is not a readable $metadata document: " + e.getMessage(), e);
        }
        Map<String, EntitySet> sets = new LinkedHashMap<>();
        setTypes.forEach((name, qualified) -> {
            String typeName = qualified == null ? "" : qualified.substring(qualified.lastIndexOf('.') + 1);
            if (properties.containsKey(typeName)) {
                sets.put(
                        name,
                        new EntitySet(
                                name,
                                typeName,
                                keys.get(typeName),
                                properties.get(typeName),
                                navigations.get(typeName)));
            }
        });
        return new CsdlDocument(sets);
    }
}
