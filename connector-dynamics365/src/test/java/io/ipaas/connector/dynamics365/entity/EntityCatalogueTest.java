package io.ipaas.connector.dynamics365.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ipaas.connector.api.DefaultMapping;
import io.ipaas.connector.api.settings.SettingDefinition;
import io.ipaas.connector.api.settings.SettingType;
import io.ipaas.connector.api.settings.Settings;
import io.ipaas.connector.dynamics365.Dynamics365ConnectorFactory;
import io.ipaas.connector.dynamics365.settings.BcSettings;
import io.ipaas.mappings.CanonicalModel;
import io.ipaas.mappings.MappingCollection;
import io.ipaas.mappings.MappingDocument;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EntityCatalogueTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theShippedCatalogueNamesTheEntitiesOfThisVersion() {
        assertEquals(
                List.of(
                        "companies",
                        "items",
                        "itemVariants",
                        "customers",
                        "contacts",
                        "paymentTerms",
                        "currencies",
                        "unitsOfMeasure",
                        "itemCategories",
                        "locations",
                        "shipmentMethods",
                        "salesOrders",
                        "salesInvoices",
                        "salesShipments",
                        "companyRelationships",
                        "companyHierarchy",
                        "customerPriceGroups",
                        "itemPrices"),
                BcEntities.ALL.stream().map(EntityDefinition::name).toList());
        EntityDefinition items = BcEntities.get("items");
        assertEquals(
                new Expansion("itemVariants", Optional.of(BcSettings.PULL_ITEM_VARIANTS), Optional.empty()),
                items.expand().orElseThrow());
        assertEquals(
                new Expansion(
                        "salesInvoiceLines",
                        Optional.of(BcSettings.PULL_SALES_INVOICE_LINES),
                        Optional.of("lineObjectNumber")),
                BcEntities.get("salesInvoices").expand().orElseThrow());
        assertEquals(
                Optional.empty(),
                BcEntities.get("salesOrders").expand().orElseThrow().setting(),
                "always");
        assertEquals(EntityKind.TRANSACTION, BcEntities.get("salesShipments").kind());
        assertFalse(BcEntities.get("companies").companyScoped(), "companies are the environment's");
        assertEquals("systemModifiedAt", BcEntities.get("companies").cursorField(), "companies have no lastModified");
        assertFalse(BcEntities.get("salesShipments").webhooks(), "shipments are not in BC's documented webhook list");
        assertEquals(EntityKind.MASTER, items.kind());
        assertEquals(EntityKind.REFERENCE, BcEntities.get("currencies").kind());
        assertTrue(BcEntities.get("customers").webhooks());
        assertFalse(BcEntities.get("contacts").webhooks(), "contacts are not in BC's documented webhook list");
        assertFalse(BcEntities.get("itemVariants").webhooks(), "item variants are not in BC's documented webhook list");
    }

    /** A setting the catalogue names must exist with the type it is read as, or a pull fails at run time. */
    @Test
    void everySettingTheCatalogueNamesExistsWithTheRightType() {
        for (EntityDefinition entity : BcEntities.ALL) {
            entity.enabledBy().ifPresent(key -> assertSetting(entity, key, SettingType.BOOLEAN));
            entity.expand()
                    .flatMap(Expansion::setting)
                    .ifPresent(setting -> assertSetting(entity, setting, SettingType.BOOLEAN));
            entity.entitySetSetting().ifPresent(key -> assertSetting(entity, key, SettingType.STRING));
        }
    }

    private static void assertSetting(EntityDefinition entity, String key, SettingType type) {
        SettingDefinition definition = BcSettings.spec()
                .definition(key)
                .orElseThrow(() -> new AssertionError(entity.name() + " names the unknown setting " + key));
        assertEquals(type, definition.type(), entity.name() + ": " + key);
    }

    /** Each entity comes with a default mapping named after it, valid against the schema and the canonical model. */
    @Test
    void everyEntityHasAValidDefaultMapping() {
        Map<String, DefaultMapping> mappings = new HashMap<>();
        new Dynamics365ConnectorFactory().defaultMappings().forEach(m -> mappings.put(m.name(), m));
        for (EntityDefinition entity : BcEntities.ALL) {
            DefaultMapping mapping = mappings.get("dynamics365-" + entity.name());
            assertTrue(mapping != null, "no default mapping for " + entity.name());
            MappingDocument document = MappingDocument.parse(mapping.json());
            for (MappingCollection collection : document.collections()) {
                assertEquals(entity.name(), collection.entity(), mapping.name());
                assertEquals(List.of(), CanonicalModel.check(collection), mapping.name());
            }
        }
    }

    @Test
    void settingsChooseTheContactsEntitySetAndWhetherVariantsAreRead() {
        Settings defaults = TestSettings.with(Map.of());
        Map<String, Object> raw = new HashMap<>();
        raw.put(BcSettings.PULL_ITEM_VARIANTS, false);
        raw.put(BcSettings.CONTACTS_ENDPOINT, "customers");
        Settings custom = TestSettings.with(raw);

        assertEquals("contacts", BcEntities.get("contacts").resolve(defaults).entitySet());
        assertEquals("customers", BcEntities.get("contacts").resolve(custom).entitySet());
        assertTrue(BcEntities.get("items").resolve(defaults).expand().isPresent());
        assertTrue(BcEntities.get("items").resolve(custom).expand().isEmpty());
        assertTrue(BcEntities.get("itemVariants").enabled(defaults));
        raw.put(BcSettings.PULL_SALES_SHIPMENT_LINES, false);
        assertTrue(BcEntities.get("salesShipments").resolve(defaults).expand().isPresent());
        assertTrue(BcEntities.get("salesShipments")
                .resolve(TestSettings.with(raw))
                .expand()
                .isEmpty());
        assertFalse(BcEntities.get("itemVariants").enabled(custom));
    }

    @Test
    void aBrokenCatalogueFailsNamingItsEntry() throws Exception {
        assertProblem(entry -> entry.put("colour", "red"), "entity catalogue entry 0: unknown field 'colour'");
        assertProblem(entry -> entry.put("kind", "ledger"), "(things): unknown kind 'ledger'");
        assertProblem(entry -> entry.putArray("directions").add("sideways"), "(things): unknown direction 'sideways'");
        assertProblem(
                entry -> entry.put("api", "contoso/sales/v1.0"), "(things): api 'contoso/sales/v1.0' is not served");
        assertProblem(entry -> entry.put("entitySet", "things?$top=1"), "(things): 'entitySet' is not a name");
        assertProblem(entry -> entry.remove("key"), "(things): 'key' must be a non-empty text");
        assertProblem(entry -> entry.put("scope", "tenant"), "(things): scope must be 'company' or 'environment'");
        assertProblem(
                entry -> entry.putObject("expand").put("navigation", "lines").put("colour", "red"),
                "(things): unknown field 'expand.colour'");
        var twice = JSON.createObjectNode().put("formatVersion", 1);
        twice.putArray("entities").add(entry()).add(entry());
        IllegalStateException duplicate = assertThrows(IllegalStateException.class, () -> EntityCatalogue.parse(twice));
        assertTrue(
                duplicate.getMessage().contains("entry 1: the entity 'things' is listed twice"),
                duplicate.getMessage());
    }

    private static void assertProblem(java.util.function.Consumer<ObjectNode> breakIt, String expected) {
        ObjectNode entry = entry();
        breakIt.accept(entry);
        ObjectNode root = JSON.createObjectNode().put("formatVersion", 1);
        root.putArray("entities").add(entry);
        IllegalStateException problem = assertThrows(IllegalStateException.class, () -> EntityCatalogue.parse(root));
        assertTrue(problem.getMessage().contains(expected), problem.getMessage());
    }

    private static ObjectNode entry() {
        ObjectNode entry = JSON.createObjectNode()
                .put("name", "things")
                .put("displayName", "Things")
                .put("api", "v2.0")
                .put("entitySet", "things")
                .put("key", "id")
                .put("cursor", "lastModifiedDateTime")
                .put("kind", "master")
                .put("webhooks", false);
        entry.putArray("directions").add("inbound");
        return entry;
    }
}
