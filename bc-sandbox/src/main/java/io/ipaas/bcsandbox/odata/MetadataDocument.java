package io.ipaas.bcsandbox.odata;

import java.util.List;
import java.util.Map;

/**
 * Renders the CSDL ({@code $metadata}) of the emulated entity sets, in BC's {@code Microsoft.NAV} namespace,
 * so generic OData clients can discover the service. Only what the sandbox serves is declared.
 */
public final class MetadataDocument {
    /** A collection-valued navigation property to another entity type. */
    /** A navigation property: a collection (a part listing children) or a single record (a generated link). */
    public record Navigation(String name, String targetType, boolean collection) {
        public Navigation(String name, String targetType) {
            this(name, targetType, true);
        }
    }

    /** An entity type with the navigations the sandbox serves from it. */
    public record TypeEntry(EntityType<?> type, List<Navigation> navigations) {}

    private MetadataDocument() {}

    /**
     * @param types      the entity types
     * @param enums      enum type name → member names (escaped as BC escapes them)
     * @param entitySets entity set name → unqualified entity type name, in service-document order
     */
    public static String render(
            List<TypeEntry> types, Map<String, List<String>> enums, Map<String, String> entitySets) {
        StringBuilder xml = new StringBuilder(4096);
        xml.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
                .append("<edmx:Edmx Version=\"4.0\" xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\">\n")
                .append("  <edmx:DataServices>\n")
                .append("    <Schema Namespace=\"")
                .append(EntityType.NAMESPACE)
                .append("\" xmlns=\"http://docs.oasis-open.org/odata/ns/edm\">\n");
        enums.forEach((name, members) -> {
            xml.append("      <EnumType Name=\"").append(name).append("\">\n");
            for (int i = 0; i < members.size(); i++) {
                xml.append("        <Member Name=\"")
                        .append(members.get(i))
                        .append("\" Value=\"")
                        .append(i)
                        .append("\" />\n");
            }
            xml.append("      </EnumType>\n");
        });
        for (TypeEntry entry : types) {
            EntityType<?> type = entry.type();
            xml.append("      <EntityType Name=\"")
                    .append(type.name())
                    .append("\">\n")
                    .append("        <Key>\n          <PropertyRef Name=\"")
                    .append(type.key().name())
                    .append("\" />\n        </Key>\n");
            for (Property<?> property : type.properties()) {
                String edmType = property.type() == EdmType.ENUM
                        ? EntityType.NAMESPACE + "." + property.enumType()
                        : property.type().edmName();
                xml.append("        <Property Name=\"")
                        .append(property.name())
                        .append("\" Type=\"")
                        .append(edmType)
                        .append('"');
                if (property == type.key()) {
                    xml.append(" Nullable=\"false\"");
                }
                if (property.type() == EdmType.DECIMAL) {
                    xml.append(" Scale=\"Variable\"");
                }
                xml.append(" />\n");
            }
            for (Navigation navigation : entry.navigations()) {
                xml.append("        <NavigationProperty Name=\"")
                        .append(navigation.name())
                        .append("\" Type=\"")
                        .append(navigation.collection() ? "Collection(" : "")
                        .append(EntityType.NAMESPACE)
                        .append('.')
                        .append(navigation.targetType())
                        .append(navigation.collection() ? ")" : "")
                        .append("\" ContainsTarget=\"true\" />\n");
            }
            xml.append("      </EntityType>\n");
        }
        xml.append("      <EntityContainer Name=\"NAV\">\n");
        entitySets.forEach((set, type) -> xml.append("        <EntitySet Name=\"")
                .append(set)
                .append("\" EntityType=\"")
                .append(EntityType.NAMESPACE)
                .append('.')
                .append(type)
                .append("\" />\n"));
        xml.append("      </EntityContainer>\n")
                .append("    </Schema>\n")
                .append("  </edmx:DataServices>\n")
                .append("</edmx:Edmx>\n");
        return xml.toString();
    }
}
