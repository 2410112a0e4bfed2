package io.ipaas.bcsandbox;

import static io.ipaas.bcsandbox.SandboxClient.assertBcError;
import static io.ipaas.bcsandbox.SandboxClient.encode;
import static io.ipaas.bcsandbox.SandboxClient.get;
import static io.ipaas.bcsandbox.SandboxClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ipaas.bcsandbox.data.Item;
import io.ipaas.bcsandbox.odata.ODataTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FilterTest {
    private static BcSandbox sandbox;
    private static SandboxClient client;
    private static String token;
    private static List<Item> items;

    @BeforeAll
    static void start() {
        sandbox = BcSandbox.builder().seed(11).items(400).build().start();
        client = new SandboxClient(sandbox);
        token = client.accessToken();
        items = sandbox.dataset().items(BcSandbox.CRONUS_USA).toList();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static Set<String> ids(String filter) {
        JsonNode page = json(get(client.items(BcSandbox.CRONUS_USA) + "?$select=id&$filter=" + encode(filter), token));
        assertTrue(page.has("value"), page.toString());
        Set<String> ids = new HashSet<>();
        page.get("value").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    private static Set<String> expected(Predicate<Item> predicate) {
        return items.stream()
                .filter(predicate)
                .map(item -> item.id().toString())
                .collect(Collectors.toSet());
    }

    @Test
    void lastModifiedOperatorsHonourTheExactMillisecond() {
        Instant pivot = items.get(137).lastModifiedDateTime();
        String at = ODataTime.format(pivot);
        assertEquals(expected(i -> i.lastModifiedDateTime().isAfter(pivot)), ids("lastModifiedDateTime gt " + at));
        assertEquals(expected(i -> !i.lastModifiedDateTime().isBefore(pivot)), ids("lastModifiedDateTime ge " + at));
        assertEquals(expected(i -> i.lastModifiedDateTime().isBefore(pivot)), ids("lastModifiedDateTime lt " + at));
        assertEquals(expected(i -> !i.lastModifiedDateTime().isAfter(pivot)), ids("lastModifiedDateTime le " + at));

        Set<String> sameMillisecond = ids("lastModifiedDateTime ge " + at + " and lastModifiedDateTime lt "
                + ODataTime.format(pivot.plusMillis(1)));
        assertTrue(sameMillisecond.contains(items.get(137).id().toString()));
        assertEquals(expected(i -> i.lastModifiedDateTime().equals(pivot)), sameMillisecond);
        assertEquals(
                ids("lastModifiedDateTime gt " + at),
                ids("lastModifiedDateTime ge " + ODataTime.format(pivot.plusMillis(1))),
                "gt t is ge t+1ms");
    }

    @Test
    void datetimeLiteralsMayCarryMorePrecisionOrAnOffset() {
        Instant pivot = items.get(3).lastModifiedDateTime();
        String sevenDigits = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS'Z'")
                .withZone(ZoneOffset.UTC)
                .format(pivot);
        String shifted = pivot.atOffset(ZoneOffset.ofHours(-5)).toString();
        Set<String> reference = ids("lastModifiedDateTime ge " + ODataTime.format(pivot));
        assertEquals(reference, ids("lastModifiedDateTime ge " + sevenDigits));
        assertEquals(reference, ids("lastModifiedDateTime ge " + shifted));
    }

    @Test
    void equalityOnKeysNumbersEnumsAndBooleans() {
        Item item = items.get(42);
        assertEquals(Set.of(item.id().toString()), ids("id eq " + item.id()));
        assertEquals(Set.of(item.id().toString()), ids("number eq '" + item.number() + "'"));
        assertEquals(expected(i -> i.type().equals("Non_x002D_Inventory")), ids("type eq 'Non_x002D_Inventory'"));
        assertTrue(!ids("type eq 'Non_x002D_Inventory'").isEmpty(), "the seed produces some non-inventory items");
        assertEquals(expected(Item::blocked), ids("blocked eq true"));
        assertEquals(expected(i -> i.unitPrice().doubleValue() > 500), ids("unitPrice gt 500"));
        assertEquals(
                expected(i -> i.number().equals(items.get(1).number())
                        || i.number().equals(items.get(2).number())),
                ids("number in ('" + items.get(1).number() + "','"
                        + items.get(2).number() + "')"));
        assertEquals(expected(i -> i.gtin().isEmpty()), ids("gtin eq ''"));
    }

    @Test
    void stringLiteralsWithQuotesAndTextFunctions() {
        assertEquals(
                expected(i -> i.displayName().contains("Children's Chair")),
                ids("contains(displayName,'Children''s Chair')"));
        assertTrue(!ids("contains(displayName,'Children''s Chair')").isEmpty(), "the catalog has that product");
        assertEquals(expected(i -> i.displayName().startsWith("ATHENS")), ids("startswith(displayName,'ATHENS')"));
        assertTrue(ids("startswith(displayName,'athens')").isEmpty(), "text comparisons are case-sensitive");
    }

    @Test
    void orOnTheSameFieldWorksOrAcrossFieldsIsBcs501() {
        Item a = items.get(5);
        Item b = items.get(6);
        assertEquals(
                Set.of(a.id().toString(), b.id().toString()),
                ids("(number eq '" + a.number() + "') or (number eq '" + b.number() + "')"));
        assertBcError(
                get(
                        client.items(BcSandbox.CRONUS_USA) + "?$filter="
                                + encode("number eq '" + a.number() + "' or displayName eq 'x'"),
                        token),
                501,
                "BadRequest_MethodNotImplemented");
    }

    @Test
    void malformedOrUnsupportedFiltersAreBcs400() {
        for (String filter : List.of(
                "lastModifiedDateTime gt",
                "lastModifiedDateTime gt 2026-13-45T00:00:00Z",
                "lastModifiedDateTime gtx 2026-03-09T00:00:00Z",
                "number eq 'open",
                "(number eq '1000-S'",
                "number eq '1000-S' and",
                "not blocked",
                "length(displayName) gt 3",
                "number eq 1000-S")) {
            var error = assertBcError(
                    get(client.items(BcSandbox.CRONUS_USA) + "?$filter=" + encode(filter), token),
                    400,
                    "BadRequest_NotFound");
            assertTrue(
                    error.get("message").asText().startsWith("Bad Request - Error in query syntax.")
                            || error.get("message").asText().startsWith("A binary operator with incompatible types")
                            || error.get("message").asText().startsWith("Could not find a property"),
                    filter + ": " + error);
        }
        var unknown = assertBcError(
                get(client.items(BcSandbox.CRONUS_USA) + "?$filter=" + encode("colour eq 'red'"), token),
                400,
                "BadRequest_NotFound");
        assertTrue(unknown.get("message")
                .asText()
                .startsWith("Could not find a property named 'colour' on type 'Microsoft.NAV.item'."));
        var quotedDate = assertBcError(
                get(
                        client.items(BcSandbox.CRONUS_USA) + "?$filter="
                                + encode("lastModifiedDateTime gt '2026-03-09T00:00:00Z'"),
                        token),
                400,
                "BadRequest_NotFound");
        assertTrue(
                quotedDate
                        .get("message")
                        .asText()
                        .startsWith("A binary operator with incompatible types was"
                                + " detected. Found operand types 'Edm.DateTimeOffset' and 'Edm.String' for operator kind"
                                + " 'GreaterThan'."),
                quotedDate.toString());
    }

    @Test
    void variantsFilterByItemIdAndTimestamp() {
        Item item = items.get(5);
        JsonNode page = json(get(
                client.root() + "/companies(" + BcSandbox.CRONUS_USA + ")/itemVariants?$filter="
                        + encode("itemId eq " + item.id()),
                token));
        assertEquals(2, page.get("value").size(), "item 5 has 5 % 3 = 2 variants");
        page.get("value")
                .forEach(v -> assertEquals(item.id().toString(), v.get("itemId").asText()));
    }
}
