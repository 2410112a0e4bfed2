package io.ipaas.bcsandbox;

import static io.ipaas.bcsandbox.SandboxClient.allPages;
import static io.ipaas.bcsandbox.SandboxClient.assertBcError;
import static io.ipaas.bcsandbox.SandboxClient.encode;
import static io.ipaas.bcsandbox.SandboxClient.get;
import static io.ipaas.bcsandbox.SandboxClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ipaas.bcsandbox.data.MasterData;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Customers, contacts and reference data, served as BC's API v2.0 pages serve them. */
class MasterDataTest {
    private static final UUID USA = BcSandbox.CRONUS_USA;
    private static final Map<String, Integer> COUNTS = Map.of(
            "customers", 23,
            "contacts", 31,
            "paymentTerms", 7,
            "currencies", 5,
            "unitsOfMeasure", 7,
            "itemCategories", 6,
            "locations", 4,
            "shipmentMethods", 4);

    private static BcSandbox sandbox;
    private static SandboxClient client;
    private static String token;

    @BeforeAll
    static void start() {
        sandbox =
                BcSandbox.builder().items(5).customers(23).contacts(31).build().start();
        client = new SandboxClient(sandbox);
        token = client.accessToken();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static String set(String entitySet) {
        return set(USA, entitySet);
    }

    private static String set(UUID company, String entitySet) {
        return client.root() + "/companies(" + company + ")/" + entitySet;
    }

    private static List<String> fixtureFields(String file) throws IOException {
        try (InputStream in = MasterDataTest.class.getResourceAsStream("/fixtures/" + file)) {
            List<String> fields = new ArrayList<>();
            SandboxClient.MAPPER.readTree(in).get("value").get(0).fieldNames().forEachRemaining(fields::add);
            return fields;
        }
    }

    private static List<String> fields(JsonNode entity) {
        List<String> fields = new ArrayList<>();
        entity.fieldNames().forEachRemaining(fields::add);
        return fields;
    }

    @ParameterizedTest
    @ValueSource(strings = {"customers", "contacts"})
    void propertiesAreTheFixturesNamesInTheirOrder(String entitySet) throws IOException {
        JsonNode page = json(get(set(entitySet) + "?$top=3", token));
        for (JsonNode entity : page.get("value")) {
            assertEquals(fixtureFields(entitySet + ".json"), fields(entity), entitySet);
        }
    }

    @Test
    void valuesFollowBcsConventions() {
        JsonNode customers = json(get(set("customers"), token)).get("value");
        Set<String> blocked = new HashSet<>();
        boolean neverModified = false;
        for (JsonNode customer : customers) {
            blocked.add(customer.get("blocked").asText());
            if (customer.get("currencyId").asText().equals("00000000-0000-0000-0000-000000000000")) {
                assertEquals("USD", customer.get("currencyCode").asText(), "LCY customers show the local code");
            }
            // milliseconds when there are any, as BC writes SystemModifiedAt; a never-modified record has none
            assertTrue(customer.get("lastModifiedDateTime")
                    .asText()
                    .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,3})?Z"));
            neverModified |= customer.get("lastModifiedDateTime").asText().equals("0001-01-01T00:00:00Z");
        }
        assertTrue(neverModified, "a customer migrated in and never modified: 0001-01-01T00:00:00Z");
        assertTrue(blocked.contains("_x0020_"), blocked.toString());
        JsonNode contacts = json(get(set("contacts"), token)).get("value");
        boolean emptyDate = false;
        for (JsonNode contact : contacts) {
            emptyDate |= contact.get("lastInteractionDate").asText().equals("0001-01-01");
        }
        assertTrue(emptyDate, "some contacts never interacted: 0001-01-01");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "customers",
                "contacts",
                "paymentTerms",
                "currencies",
                "unitsOfMeasure",
                "itemCategories",
                "locations",
                "shipmentMethods"
            })
    void everySetPagesThroughAbsoluteNextLinksToItsCount(String entitySet) {
        List<JsonNode> pages = allPages(set(entitySet), token, "Prefer", "odata.maxpagesize=4");
        Set<String> ids = new HashSet<>();
        int records = 0;
        for (JsonNode page : pages) {
            if (page.has("@odata.nextLink")) {
                assertTrue(page.get("@odata.nextLink").asText().startsWith(client.root()), "absolute");
            }
            for (JsonNode entity : page.get("value")) {
                ids.add(entity.get("id").asText());
                assertTrue(entity.get("@odata.etag").asText().startsWith("W/\""));
                records++;
            }
        }
        assertEquals(COUNTS.get(entitySet), records);
        assertEquals(records, ids.size(), "no duplicates");
        assertEquals(Set.copyOf(sandbox.dataset().rows(USA, entitySet).ids()), ids);
    }

    @Test
    void aLastModifiedFilterReturnsOnlyTheNewerRows() {
        List<JsonNode> all = new ArrayList<>();
        json(get(set("customers"), token)).get("value").forEach(all::add);
        List<Instant> times = all.stream()
                .map(c -> Instant.parse(c.get("lastModifiedDateTime").asText()))
                .sorted()
                .toList();
        Instant middle = times.get(times.size() / 2);
        JsonNode newer = json(get(set("customers") + "?$filter=" + encode("lastModifiedDateTime ge " + middle), token));
        long expected = times.stream().filter(t -> !t.isBefore(middle)).count();
        assertEquals(expected, newer.get("value").size());
    }

    @Test
    void oneRecordByIdAndBcsNotFoundForAnUnknownId() {
        String id = sandbox.dataset().rows(USA, "customers").ids().get(0);
        JsonNode customer = json(get(set("customers") + "(" + id + ")", token));
        assertEquals(id, customer.get("id").asText());
        assertTrue(customer.get("@odata.context").asText().endsWith("/customers/$entity"));
        HttpResponse<String> missing = get(set("customers") + "(" + new UUID(1, 2) + ")", token);
        JsonNode error = assertBcError(missing, 404, "BadRequest_NotFound");
        assertTrue(error.get("message").asText().startsWith("The Customer does not exist."), missing.body());
    }

    /** Changes records, so it works on CRONUS Canada, which the counting tests do not read. */
    @Test
    void touchCreateAndDeleteAreSeenByTheNextRead() {
        UUID companyContacts = BcSandbox.CRONUS_CANADA;
        List<String> before =
                sandbox.dataset().rows(companyContacts, "contacts").ids();
        Instant touchedAt = sandbox.touch(companyContacts, "contacts", UUID.fromString(before.get(3)));
        UUID created = sandbox.create(companyContacts, "contacts");
        sandbox.delete(companyContacts, "contacts", UUID.fromString(before.get(5)));

        JsonNode changed = json(get(
                set(companyContacts, "contacts") + "?$filter=" + encode("lastModifiedDateTime ge " + touchedAt),
                token));
        Set<String> changedIds = new HashSet<>();
        changed.get("value").forEach(c -> changedIds.add(c.get("id").asText()));
        assertTrue(changedIds.contains(before.get(3)), changedIds.toString());
        assertTrue(changedIds.contains(created.toString()), changedIds.toString());
        assertFalse(changedIds.contains(before.get(5)));
        assertEquals(
                404,
                get(set(companyContacts, "contacts") + "(" + before.get(5) + ")", token)
                        .statusCode());
        assertEquals(
                before.size(),
                sandbox.dataset().rows(companyContacts, "contacts").ids().size());
        // a created customer carries every property of the page
        UUID customer = sandbox.create(companyContacts, "customers");
        JsonNode read = json(get(set(companyContacts, "customers") + "(" + customer + ")", token));
        assertEquals(28, fields(read).size() - 1, "27 properties besides @odata.context: " + fields(read));
    }

    @Test
    void theServiceDocumentAndMetadataNameTheNewSets() {
        String service = get(client.root() + "/", token).body();
        String metadata = get(client.root() + "/$metadata", token).body();
        for (String entitySet : MasterData.ENTITY_SETS) {
            assertTrue(service.contains("\"name\":\"" + entitySet + "\""), entitySet);
            assertTrue(metadata.contains("Name=\"" + entitySet + "\""), entitySet);
        }
        for (String type : List.of(
                "customer",
                "contact",
                "paymentTerm",
                "currency",
                "unitOfMeasure",
                "itemCategory",
                "location",
                "shipmentMethod")) {
            assertTrue(metadata.contains("<EntityType Name=\"" + type + "\">"), type);
        }
        assertTrue(metadata.contains("Name=\"lastInteractionDate\" Type=\"Edm.Date\""), "contacts' date is Edm.Date");
    }

    /** Microsoft's pages 30025, 30076 and 30024 (BCApps src/Apps/W1/APIV2/app/src/pages), field by field. */
    @Test
    void referenceSetsCarryTheAlPagesFieldsAndTheIdsItemsPointAt() {
        Map<String, List<String>> pages = Map.of(
                "itemCategories", List.of("id", "code", "displayName", "lastModifiedDateTime"),
                "shipmentMethods", List.of("id", "code", "displayName", "lastModifiedDateTime"),
                "locations",
                        List.of(
                                "id",
                                "code",
                                "displayName",
                                "contact",
                                "addressLine1",
                                "addressLine2",
                                "city",
                                "state",
                                "country",
                                "postalCode",
                                "phoneNumber",
                                "email",
                                "website",
                                "lastModifiedDateTime"));
        pages.forEach((entitySet, expected) -> {
            JsonNode first =
                    json(get(set(entitySet) + "?$top=1", token)).get("value").get(0);
            List<String> actual = fields(first);
            assertEquals("@odata.etag", actual.get(0));
            assertEquals(expected, actual.subList(1, actual.size()), entitySet);
        });
        Set<String> categoryIds =
                new HashSet<>(sandbox.dataset().rows(USA, "itemCategories").ids());
        Set<String> unitIds =
                new HashSet<>(sandbox.dataset().rows(USA, "unitsOfMeasure").ids());
        sandbox.dataset().items(USA).forEach(item -> {
            assertTrue(categoryIds.contains(item.itemCategoryId().toString()), item.itemCategoryCode());
            assertTrue(unitIds.contains(item.baseUnitOfMeasureId().toString()), item.baseUnitOfMeasureCode());
        });
    }

    @Test
    void companiesDifferInTheirRows() {
        List<String> usa = sandbox.dataset().rows(USA, "customers").ids();
        List<String> canada =
                sandbox.dataset().rows(BcSandbox.CRONUS_CANADA, "customers").ids();
        assertFalse(usa.stream().anyMatch(canada::contains), "ids are per company");
        JsonNode canadian =
                json(get(client.root() + "/companies(" + BcSandbox.CRONUS_CANADA + ")/customers?$top=1", token));
        assertEquals("CA", canadian.get("value").get(0).get("country").asText());
    }
}
