package io.ipaas.bcsandbox;

import static io.ipaas.bcsandbox.SandboxClient.assertBcError;
import static io.ipaas.bcsandbox.SandboxClient.get;
import static io.ipaas.bcsandbox.SandboxClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ipaas.bcsandbox.data.Item;
import io.ipaas.bcsandbox.data.ItemVariant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SelectExpandTopTest {
    private static final List<String> ITEM_FIELDS = List.of(
            "@odata.etag",
            "id",
            "number",
            "displayName",
            "displayName2",
            "type",
            "itemCategoryId",
            "itemCategoryCode",
            "blocked",
            "gtin",
            "inventory",
            "unitPrice",
            "priceIncludesTax",
            "unitCost",
            "taxGroupId",
            "taxGroupCode",
            "baseUnitOfMeasureId",
            "baseUnitOfMeasureCode",
            "generalProductPostingGroupId",
            "generalProductPostingGroupCode",
            "inventoryPostingGroupId",
            "inventoryPostingGroupCode",
            "lastModifiedDateTime");
    private static final List<String> VARIANT_FIELDS =
            List.of("@odata.etag", "id", "itemId", "itemNumber", "code", "description", "lastModifiedDateTime");

    private static BcSandbox sandbox;
    private static SandboxClient client;
    private static String token;

    @BeforeAll
    static void start() {
        sandbox = BcSandbox.builder().items(30).variantsPerItem(2).build().start();
        client = new SandboxClient(sandbox);
        token = client.accessToken();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void itemsCarryBcsFieldsInBcsOrderAndValueShapes() {
        JsonNode page = json(get(client.items(BcSandbox.CRONUS_USA), token));
        assertEquals(
                client.root() + "/$metadata#companies(" + BcSandbox.CRONUS_USA + ")/items",
                page.get("@odata.context").asText());
        for (JsonNode item : page.get("value")) {
            assertEquals(ITEM_FIELDS, fields(item), "fixture items_page1.json");
            assertTrue(item.get("@odata.etag").asText().matches("W/\"JzQ0O[A-Za-z0-9+/=]+\""), item.toString());
            assertTrue(List.of("Inventory", "Service", "Non_x002D_Inventory")
                    .contains(item.get("type").asText()));
            assertTrue(item.get("lastModifiedDateTime")
                    .asText()
                    .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?Z"));
            assertTrue(item.get("unitPrice").isNumber()
                    && item.get("unitPrice").decimalValue().scale() <= 2);
            assertTrue(item.get("inventory").isNumber() && item.get("blocked").isBoolean());
            assertTrue(item.get("gtin").asText().isEmpty()
                    || item.get("gtin").asText().matches("\\d{13}"));
        }
        Item first = sandbox.dataset().items(BcSandbox.CRONUS_USA).findFirst().orElseThrow();
        assertEquals(first.number(), page.get("value").get(0).get("number").asText());
        assertEquals(
                first.unitPrice()
                        .compareTo(page.get("value").get(0).get("unitPrice").decimalValue()),
                0);
    }

    @Test
    void topCapsThePageWithoutANextLink() {
        JsonNode page = json(get(client.items(BcSandbox.CRONUS_USA) + "?$top=2", token));
        assertEquals(2, page.get("value").size());
        assertNull(page.get("@odata.nextLink"), "BC gives no nextLink when $top is within the page");
        assertEquals(
                0,
                json(get(client.items(BcSandbox.CRONUS_USA) + "?$top=0", token))
                        .get("value")
                        .size());
        assertBcError(get(client.items(BcSandbox.CRONUS_USA) + "?$top=-1", token), 400, "BadRequest_NotFound");
    }

    @Test
    void selectReturnsOnlyThoseFieldsPlusTheEtag() {
        JsonNode page = json(get(client.items(BcSandbox.CRONUS_USA) + "?$select=number,id", token));
        assertEquals(
                client.root() + "/$metadata#companies(" + BcSandbox.CRONUS_USA + ")/items(id,number)",
                page.get("@odata.context").asText());
        page.get("value").forEach(item -> assertEquals(List.of("@odata.etag", "id", "number"), fields(item)));
        var error = assertBcError(
                get(client.items(BcSandbox.CRONUS_USA) + "?$select=id,colour", token), 400, "BadRequest_NotFound");
        assertTrue(error.get("message")
                .asText()
                .startsWith("Could not find a property named 'colour' on type 'Microsoft.NAV.item'."));
    }

    @Test
    void expandItemVariantsNestsThemUnderTheItem() {
        JsonNode page = json(get(client.items(BcSandbox.CRONUS_USA) + "?$expand=itemVariants", token));
        assertTrue(page.get("@odata.context").asText().endsWith("/items(itemVariants())"));
        long variants = 0;
        for (JsonNode item : page.get("value")) {
            assertEquals("itemVariants", fields(item).get(fields(item).size() - 1));
            for (JsonNode variant : item.get("itemVariants")) {
                assertEquals(VARIANT_FIELDS, fields(variant), "fixture item_with_variants.json");
                assertEquals(item.get("id").asText(), variant.get("itemId").asText());
                assertEquals(
                        item.get("number").asText(), variant.get("itemNumber").asText());
                variants++;
            }
        }
        assertEquals(sandbox.dataset().variantCount(BcSandbox.CRONUS_USA), variants);

        JsonNode narrowed = json(
                get(client.items(BcSandbox.CRONUS_USA) + "?$select=number&$expand=itemVariants($select=code)", token));
        assertTrue(narrowed.get("@odata.context").asText().endsWith("/items(number,itemVariants(code))"));
        assertEquals(
                List.of("@odata.etag", "number", "itemVariants"),
                fields(narrowed.get("value").get(2)));
        assertEquals(
                List.of("@odata.etag", "code"),
                fields(narrowed.get("value").get(2).get("itemVariants").get(0)));

        assertBcError(get(client.items(BcSandbox.CRONUS_USA) + "?$expand=colours", token), 400, "BadRequest_NotFound");
    }

    @Test
    void singleItemWithVariantsAndTheNestedCollections() {
        Item item = sandbox.dataset()
                .items(BcSandbox.CRONUS_USA)
                .skip(5)
                .findFirst()
                .orElseThrow();
        List<ItemVariant> variants = sandbox.dataset().variantsOf(BcSandbox.CRONUS_USA, item.id());
        assertEquals(2, variants.size());
        String url = client.items(BcSandbox.CRONUS_USA) + "(" + item.id() + ")";

        JsonNode single = json(get(url + "?$expand=itemVariants", token));
        assertEquals(
                client.root() + "/$metadata#companies(" + BcSandbox.CRONUS_USA + ")/items(itemVariants())/$entity",
                single.get("@odata.context").asText());
        assertEquals(item.id().toString(), single.get("id").asText());
        assertEquals(2, single.get("itemVariants").size());

        JsonNode nested = json(get(url + "/itemVariants", token));
        assertEquals(
                client.root() + "/$metadata#companies(" + BcSandbox.CRONUS_USA + ")/items(" + item.id()
                        + ")/itemVariants",
                nested.get("@odata.context").asText());
        assertEquals(
                variants.stream().map(v -> v.id().toString()).toList(),
                List.of(
                        nested.get("value").get(0).get("id").asText(),
                        nested.get("value").get(1).get("id").asText()));

        JsonNode oneVariant = json(get(url + "/itemVariants(" + variants.get(1).id() + ")", token));
        assertEquals(variants.get(1).code(), oneVariant.get("code").asText());
        JsonNode companyVariant = json(get(
                client.root() + "/companies(" + BcSandbox.CRONUS_USA + ")/itemVariants("
                        + variants.get(0).id() + ")",
                token));
        assertEquals(
                variants.get(0).description(), companyVariant.get("description").asText());
        assertTrue(companyVariant.get("@odata.context").asText().endsWith("/itemVariants/$entity"));
    }

    @Test
    void metadataAndServiceDocumentDescribeTheSets() {
        var metadata = get(client.root() + "/$metadata", token);
        assertEquals(200, metadata.statusCode());
        assertTrue(metadata.headers().firstValue("Content-Type").orElseThrow().startsWith("application/xml"));
        assertTrue(metadata.body().contains("<EntityType Name=\"item\">"));
        assertTrue(metadata.body().contains("<Property Name=\"lastModifiedDateTime\" Type=\"Edm.DateTimeOffset\" />"));
        assertTrue(metadata.body()
                .contains("<EntitySet Name=\"itemVariants\" EntityType=\"Microsoft.NAV.itemVariant\" />"));
        JsonNode service = json(get(client.root() + "/", token));
        assertEquals(client.root() + "/$metadata", service.get("@odata.context").asText());
        assertEquals("companies", service.get("value").get(0).get("name").asText());
    }
}
