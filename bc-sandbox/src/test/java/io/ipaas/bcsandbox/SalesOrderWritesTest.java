package io.ipaas.bcsandbox;

import static io.ipaas.bcsandbox.SandboxClient.assertBcError;
import static io.ipaas.bcsandbox.SandboxClient.get;
import static io.ipaas.bcsandbox.SandboxClient.json;
import static io.ipaas.bcsandbox.SandboxClient.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ipaas.bcsandbox.data.Item;
import io.ipaas.bcsandbox.data.SalesDocuments;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sales orders written as BC writes them (facts §2.7, §3.3): a deep insert numbered by BC whose lines come back only
 * with {@code $expand}, BC's validation errors, If-Match on PATCH and DELETE. Batches: {@link BatchTest}; write
 * faults: {@link WriteFaultsTest}.
 */
class SalesOrderWritesTest {
    private static BcSandbox sandbox;
    private static String token;
    private static String orders;
    private static Map<String, Object> customer;
    private static String customerNumber;
    private static Item sellable;
    private static Item blocked;

    @BeforeAll
    static void start() {
        sandbox = BcSandbox.builder()
                .items(400)
                .customers(10)
                .salesOrders(5)
                .build()
                .start();
        token = new SandboxClient(sandbox).accessToken();
        orders = sandbox.apiRoot() + "/companies(" + BcSandbox.CRONUS_USA + ")/salesOrders";
        customer = sandbox.dataset().rows(BcSandbox.CRONUS_USA, "customers").row(0);
        customerNumber = (String) customer.get("number");
        sellable = sandbox.dataset()
                .items(BcSandbox.CRONUS_USA)
                .filter(item -> !item.blocked() && item.type().equals("Inventory"))
                .findFirst()
                .orElseThrow();
        blocked = sandbox.dataset()
                .items(BcSandbox.CRONUS_USA)
                .filter(Item::blocked)
                .findFirst()
                .orElseThrow(() -> new AssertionError("400 items hold no blocked one; pick another seed"));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @AfterEach
    void clearFaults() {
        sandbox.faults().clear();
    }

    static HttpResponse<String> callAs(String token, String method, String url, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    private static HttpResponse<String> call(String method, String url, String body, String... headers) {
        return callAs(token, method, url, body, headers);
    }

    /** An order of two item lines (by number and by id) and a comment, for the customer and item given. */
    static String order(String externalNumber, String customerNumber, Item item) {
        return "{\"externalDocumentNumber\":\"" + externalNumber + "\",\"customerNumber\":\"" + customerNumber
                + "\",\"shipToName\":\"Adatum Corporation - Receiving\",\"salesOrderLines\":["
                + "{\"lineType\":\"Item\",\"lineObjectNumber\":\"" + item.number() + "\",\"quantity\":2,"
                + "\"unitPrice\":949.5,\"description\":\"ATHENS Desk, black oak\"},"
                + "{\"itemId\":\"" + item.id() + "\",\"quantity\":6,\"discountPercent\":5},"
                + "{\"lineType\":\"Comment\",\"description\":\"Deliver to loading dock B\"}]}";
    }

    private static String order(String externalNumber) {
        return order(externalNumber, customerNumber, sellable);
    }

    static JsonNode fixture(String file) throws IOException {
        try (InputStream in = SalesOrderWritesTest.class.getResourceAsStream("/fixtures/" + file)) {
            return SandboxClient.MAPPER.readTree(in);
        }
    }

    static List<String> fields(JsonNode entity) {
        List<String> fields = new ArrayList<>();
        entity.fieldNames().forEachRemaining(fields::add);
        return fields;
    }

    /** BC's message without its trailing correlation id. */
    static String message(JsonNode error) {
        return error.get("message").asText().replaceFirst("  CorrelationId:  [0-9a-f-]{36}\\.$", "");
    }

    private static JsonNode byExternalNumber(String externalNumber) {
        return json(get(
                orders + "?$filter=" + SandboxClient.encode("externalDocumentNumber eq '" + externalNumber + "'")
                        + "&$expand=salesOrderLines",
                token));
    }

    @Test
    void aDeepInsertIsNumberedByBcAndAnsweredInTheFixturesShapeWithItsLinesOnlyWhenExpanded() throws IOException {
        HttpResponse<String> created = call("POST", orders + "?$expand=salesOrderLines", order("WEB-1"));
        assertEquals(201, created.statusCode(), created.body());
        JsonNode order = json(created);
        JsonNode expected = fixture("salesOrder_created_response.json");
        assertEquals(fields(expected), fields(order), "the order's properties, in the page's order");
        assertEquals(
                fields(expected.get("salesOrderLines").get(0)),
                fields(order.get("salesOrderLines").get(0)),
                "a line's properties, in the page's order");
        assertTrue(order.get("@odata.context").asText().endsWith("/salesOrders(salesOrderLines())/$entity"));
        assertTrue(
                order.get("number").asText().matches("S-ORD\\d{6}"),
                order.get("number").asText());
        assertEquals("Draft", order.get("status").asText());
        assertEquals(customerNumber, order.get("customerNumber").asText());
        assertEquals(customer.get("id").toString(), order.get("customerId").asText());
        assertEquals(customer.get("displayName"), order.get("customerName").asText(), "BC fills the name in");
        assertEquals(customer.get("displayName"), order.get("billToName").asText());
        assertEquals(
                customer.get("addressLine1"), order.get("billToAddressLine1").asText());
        assertEquals(customer.get("city"), order.get("sellToCity").asText());
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertTrue(
                Set.of(today.toString(), today.minusDays(1).toString())
                        .contains(order.get("orderDate").asText()),
                "orderDate defaults to the sandbox's today");
        assertEquals(order.get("orderDate").asText(), order.get("postingDate").asText());
        assertEquals(
                order.get("@odata.etag").asText(),
                created.headers().firstValue("ETag").orElseThrow());
        assertEquals(
                orders + "(" + order.get("id").asText() + ")",
                created.headers().firstValue("Location").orElseThrow());
        JsonNode lines = order.get("salesOrderLines");
        assertEquals(3, lines.size());
        assertEquals(
                List.of(10000, 20000, 30000),
                List.of(
                        lines.get(0).get("sequence").asInt(),
                        lines.get(1).get("sequence").asInt(),
                        lines.get(2).get("sequence").asInt()));
        for (JsonNode line : lines) {
            assertEquals(order.get("id").asText(), line.get("documentId").asText());
        }
        assertEquals(1899.0, lines.get(0).get("amountExcludingTax").asDouble(), 1e-9);
        assertEquals(7, lines.get(0).get("taxPercent").asInt());
        assertEquals(132.93, lines.get(0).get("totalTaxAmount").asDouble(), 1e-9, "7 % of 1899.00, to the cent");
        assertEquals(2031.93, lines.get(0).get("amountIncludingTax").asDouble(), 1e-9);
        JsonNode byId = lines.get(1);
        assertEquals(sellable.number(), byId.get("lineObjectNumber").asText(), "the number from the itemId");
        assertEquals(sellable.displayName(), byId.get("description").asText(), "the item's description");
        assertEquals(
                sellable.baseUnitOfMeasureCode(), byId.get("unitOfMeasureCode").asText());
        double gross = 6 * sellable.unitPrice().doubleValue();
        double net = Math.round((gross - Math.round(gross * 5) / 100.0) * 100) / 100.0;
        assertEquals(net, byId.get("amountExcludingTax").asDouble(), 1e-9, "6 at the item's price, less 5 %");
        JsonNode comment = lines.get(2);
        assertEquals("Comment", comment.get("lineType").asText());
        assertEquals(new UUID(0, 0).toString(), comment.get("itemId").asText(), "a comment has no item");
        assertEquals("", comment.get("lineObjectNumber").asText());
        assertEquals(0, comment.get("amountExcludingTax").asDouble(), 1e-9);
        double exclusive = lines.get(0).get("amountExcludingTax").asDouble()
                + byId.get("amountExcludingTax").asDouble();
        double tax = lines.get(0).get("totalTaxAmount").asDouble()
                + byId.get("totalTaxAmount").asDouble();
        assertEquals(exclusive, order.get("totalAmountExcludingTax").asDouble(), 1e-9);
        assertEquals(tax, order.get("totalTaxAmount").asDouble(), 1e-9);
        assertEquals(exclusive + tax, order.get("totalAmountIncludingTax").asDouble(), 1e-9);

        HttpResponse<String> plainAnswer = call("POST", orders, order("WEB-2"));
        assertEquals(201, plainAnswer.statusCode(), plainAnswer.body());
        JsonNode plain = json(plainAnswer);
        assertFalse(plain.has("salesOrderLines"), "without $expand the lines are not in the answer");
        assertTrue(plain.get("@odata.context").asText().endsWith("/salesOrders/$entity"));
        assertEquals(fields(expected).subList(0, fields(expected).size() - 1), fields(plain));
        assertNotEquals(order.get("number").asText(), plain.get("number").asText());

        JsonNode found = byExternalNumber("WEB-1");
        assertEquals(1, found.get("value").size(), "found by the external document number after the POST");
        assertEquals(
                order.get("id").asText(), found.get("value").get(0).get("id").asText());
        assertEquals(3, found.get("value").get(0).get("salesOrderLines").size());
        String one = orders + "(" + order.get("id").asText() + ")";
        JsonNode read = json(get(one, token));
        assertEquals(order.get("number").asText(), read.get("number").asText());
        assertEquals(order.get("@odata.etag").asText(), read.get("@odata.etag").asText());
        JsonNode navigated = json(get(one + "/salesOrderLines", token)).get("value");
        assertEquals(3, navigated.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(
                    lines.get(i).get("id").asText(), navigated.get(i).get("id").asText());
        }
        long duplicates = sandbox.duplicateSalesOrders();
        call("POST", orders, order("WEB-2"));
        assertEquals(duplicates + 1, sandbox.duplicateSalesOrders(), "a second order with the same number counts");
    }

    @Test
    void theRequestFixtureIsStoredWithTheValuesItGives() throws IOException {
        ObjectNode request = (ObjectNode) fixture("salesOrder_create_request.json");
        request.put("customerNumber", customerNumber);
        ((ObjectNode) request.get("salesOrderLines").get(0)).put("lineObjectNumber", sellable.number());
        ((ObjectNode) request.get("salesOrderLines").get(1))
                .put("itemId", sellable.id().toString());
        HttpResponse<String> created = call("POST", orders + "?$expand=salesOrderLines", request.toString());
        assertEquals(201, created.statusCode(), created.body());
        JsonNode order = json(created);
        for (String given : List.of(
                "externalDocumentNumber",
                "orderDate",
                "currencyCode",
                "requestedDeliveryDate",
                "shipToName",
                "shipToAddressLine1",
                "shipToCity",
                "shipToState",
                "shipToCountry",
                "shipToPostCode",
                "email")) {
            assertEquals(request.get(given).asText(), order.get(given).asText(), given);
        }
        JsonNode first = order.get("salesOrderLines").get(0);
        assertEquals("PCS", first.get("unitOfMeasureCode").asText());
        assertEquals(
                request.get("salesOrderLines").get(0).get("itemVariantId").asText(),
                first.get("itemVariantId").asText());
        assertEquals(1899.0, first.get("netAmount").asDouble(), 1e-9);
        assertEquals(2, first.get("shipQuantity").asInt(), "all of it to ship");
    }

    @Test
    void bcsNumberSeriesContinuesAfterTheHighestOrderAndNeverGivesANumberTwice() {
        JsonNode highest = json(get(
                        orders + "?$orderby=" + SandboxClient.encode("number desc") + "&$top=1&$select=number", token))
                .get("value")
                .get(0);
        int last = Integer.parseInt(highest.get("number").asText().substring("S-ORD".length()));
        JsonNode next = json(call("POST", orders, order("SERIES-0")));
        assertEquals(String.format("S-ORD%06d", last + 1), next.get("number").asText());

        List<CompletableFuture<HttpResponse<String>>> posts = IntStream.range(1, 17)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> call("POST", orders, order("SERIES-" + i))))
                .toList();
        Set<String> numbers = new TreeSet<>();
        for (CompletableFuture<HttpResponse<String>> post : posts) {
            HttpResponse<String> answer = post.join();
            assertEquals(201, answer.statusCode(), answer.body());
            numbers.add(json(answer).get("number").asText());
        }
        Set<String> expected = new TreeSet<>();
        IntStream.rangeClosed(last + 2, last + 17).forEach(n -> expected.add(String.format("S-ORD%06d", n)));
        assertEquals(expected, numbers, "16 orders at once: 16 numbers, each once, none skipped");
    }

    @Test
    void twoOrdersBuiltAtTheSameTimeAreStoredUnderTwoNumbers() {
        SalesDocuments documents = sandbox.dataset().salesDocuments(BcSandbox.CRONUS_USA);
        Instant now = Instant.now();
        // the interleaving of two concurrent POSTs: both headers are built before either is stored
        Map<String, Object> first = documents.orderHeader(UUID.randomUUID(), customer, Map.of(), List.of(), now);
        Map<String, Object> second = documents.orderHeader(UUID.randomUUID(), customer, Map.of(), List.of(), now);
        Object one = documents.addOrder(first, List.of()).get("number");
        Object two = documents.addOrder(second, List.of()).get("number");
        assertNotEquals(one, two, "the number is drawn when the order is stored");
    }

    @Test
    void bcsValidationRefusesTheWholeOrderWithOneError() {
        long before = sandbox.salesOrdersCreated();
        Map<String, Object> other =
                sandbox.dataset().rows(BcSandbox.CRONUS_USA, "customers").row(1);
        String firstLine = "\"lineObjectNumber\":\"" + sellable.number();
        refused(
                "{\"externalDocumentNumber\":\"X\"}",
                400,
                "Application_DialogException",
                "A \"customerNumber\" or a \"customerId\" must be provided.");
        refused(
                order("X").replace(customerNumber, "99999"),
                400,
                "Internal_InvalidTableRelation",
                "The field Sell-to Customer No. of table Sales Header contains a value (99999) that cannot be found in"
                        + " the related table (Customer).");
        refused(
                order("X")
                        .replace("\"customerNumber\"", "\"customerId\":\"" + other.get("id") + "\",\"customerNumber\""),
                400,
                "Application_DialogException",
                "The sell-to customer values do not match to a specific Customer.");
        refused(
                order("X").replace(firstLine, "\"lineObjectNumber\":\"NO-SUCH"),
                400,
                "Internal_InvalidTableRelation",
                "The field No. of table Sales Line contains a value (NO-SUCH) that cannot be found in the related"
                        + " table (Item).");
        UUID nowhere = UUID.randomUUID();
        refused(
                order("X").replace("\"itemId\":\"" + sellable.id(), "\"itemId\":\"" + nowhere),
                400,
                "Internal_InvalidTableRelation",
                "The field No. of table Sales Line contains a value (" + nowhere
                        + ") that cannot be found in the related table (Item).");
        refused(
                order("X").replace(firstLine, "\"lineObjectNumber\":\"" + blocked.number()),
                400,
                "Application_FieldValidationException",
                "Blocked must be equal to 'No'  in Item: No.=" + blocked.number() + ". Current value is 'Yes'.");
        refused(
                order("X")
                        .replace(
                                "\"itemId\":\"" + sellable.id() + "\"",
                                "\"itemId\":\"" + sellable.id() + "\",\"lineObjectNumber\":\"" + blocked.number()
                                        + "\""),
                400,
                "Application_DialogException",
                "The value for \"lineObjectNumber\" cannot be modified.");
        String tooLong = "x".repeat(36);
        refused(
                order(tooLong),
                400,
                "Application_StringExceededLength",
                "The length of the string is 36, but it must be less than or equal to 35 characters. Value: "
                        + tooLong);
        String name = "n".repeat(101);
        refused(
                order("X").replace("Adatum Corporation - Receiving", name),
                400,
                "Application_StringExceededLength",
                "The length of the string is 101, but it must be less than or equal to 100 characters. Value: " + name);
        String city = "Llanfairpwllgwyngyllgogerychwyrn";
        refused(
                order("X").replace("\"shipToName\"", "\"shipToCity\":\"" + city + "\",\"shipToName\""),
                400,
                "Application_StringExceededLength",
                "The length of the string is 32, but it must be less than or equal to 30 characters. Value: " + city);
        String description = "d".repeat(101);
        refused(
                order("X").replace("Deliver to loading dock B", description),
                400,
                "Application_StringExceededLength",
                "The length of the string is 101, but it must be less than or equal to 100 characters. Value: "
                        + description);
        for (String readOnly : List.of(
                "\"number\":\"S-1\"",
                "\"status\":\"Open\"",
                "\"totalAmountIncludingTax\":1",
                "\"customerName\":\"Someone\"",
                "\"billToCity\":\"Atlanta\"",
                "\"lastModifiedDateTime\":\"2026-03-10T09:14:02.407Z\"")) {
            String property = readOnly.substring(1, readOnly.indexOf('"', 1));
            refused(
                    "{\"customerNumber\":\"" + customerNumber + "\"," + readOnly + "}",
                    400,
                    "BadRequest_InvalidOperation",
                    "The property '" + property + "' is read-only and cannot be set.");
        }
        refused(
                order("X").replace("\"quantity\":6", "\"quantity\":6,\"amountExcludingTax\":1"),
                400,
                "BadRequest_InvalidOperation",
                "The property 'amountExcludingTax' is read-only and cannot be set.");
        refused(
                "{\"customerNumber\":\"" + customerNumber + "\",\"colour\":\"red\"}",
                400,
                "BadRequest",
                "The property 'colour' does not exist on type 'Microsoft.NAV.salesOrder'. Make sure to only use"
                        + " property names that are defined by the type.");
        refused(
                order("X").replace("\"quantity\":6", "\"quantity\":6,\"colour\":\"red\""),
                400,
                "BadRequest",
                "The property 'colour' does not exist on type 'Microsoft.NAV.salesOrderLine'. Make sure to only use"
                        + " property names that are defined by the type.");
        refused(
                order("X").replace("\"quantity\":2", "\"quantity\":\"two\""),
                400,
                "BadRequest",
                "Cannot convert the literal '\"two\"' to the expected type 'Edm.Decimal' of the property"
                        + " 'quantity'.");
        refused(
                "{\"customerNumber\":\"" + customerNumber + "\",\"salesOrderLines\":{}}",
                400,
                "BadRequest",
                "The property 'salesOrderLines' must be an array.");
        assertEquals(before, sandbox.salesOrdersCreated(), "nothing of a refused order is stored");
        assertEquals(0, byExternalNumber("X").get("value").size());
    }

    private static void refused(String body, int status, String code, String message) {
        JsonNode error = assertBcError(call("POST", orders, body), status, code);
        assertEquals(message, message(error));
    }

    @Test
    void anOrderIsUpdatedWithItsETagButNotDeeplyAndDeletedWithIt() {
        JsonNode order = json(call("POST", orders, order("WEB-PATCH")));
        String one = orders + "(" + order.get("id").asText() + ")";
        String etag = order.get("@odata.etag").asText();
        assertBcError(call("PATCH", one, "{\"shipToName\":\"Dock C\"}"), 400, "BadRequest_InvalidToken");
        assertBcError(
                call("PATCH", one, "{\"number\":\"S-ORD999999\"}", "If-Match", etag),
                400,
                "BadRequest_InvalidOperation");
        HttpResponse<String> updated = call("PATCH", one, "{\"shipToName\":\"Dock C\"}", "If-Match", etag);
        assertEquals(200, updated.statusCode(), updated.body());
        JsonNode patched = json(updated);
        assertEquals("Dock C", patched.get("shipToName").asText());
        assertEquals(order.get("number").asText(), patched.get("number").asText());
        assertNotEquals(etag, patched.get("@odata.etag").asText(), "a new version, a new ETag");
        assertBcError(
                call("PATCH", one, "{\"shipToName\":\"Dock D\"}", "If-Match", etag), 409, "Request_EntityChanged");
        JsonNode deep =
                assertBcError(call("PATCH", one, "{\"salesOrderLines\":[]}", "If-Match", "*"), 400, "BadRequest");
        assertTrue(message(deep).startsWith("Deep update is not supported."), message(deep));
        HttpResponse<String> star = call("PATCH", one, "{\"shipToContact\":\"Robert Townes\"}", "If-Match", "*");
        assertEquals(200, star.statusCode(), "* matches any version");

        assertBcError(call("DELETE", one, null), 400, "BadRequest_InvalidToken");
        assertBcError(call("DELETE", one, null, "If-Match", etag), 409, "Request_EntityChanged");
        assertEquals(200, get(one, token).statusCode(), "a refused delete deletes nothing");
        String current = json(star).get("@odata.etag").asText();
        assertEquals(204, call("DELETE", one, null, "If-Match", current).statusCode());
        assertEquals(404, get(one, token).statusCode());
        assertEquals(404, get(one + "/salesOrderLines", token).statusCode(), "its lines went with it");
        assertEquals(0, byExternalNumber("WEB-PATCH").get("value").size());
    }

    @Test
    void withoutACustomerTemplateAnOrderForAnApiCreatedCustomerFailsOnItsPostingGroup() {
        String customers = sandbox.apiRoot() + "/companies(" + BcSandbox.CRONUS_USA + ")/customers";
        sandbox.customerTemplates(false);
        try {
            JsonNode bare = json(call("POST", customers, "{\"displayName\":\"No Template Ltd\"}"));
            String number = bare.get("number").asText();
            JsonNode refused = assertBcError(
                    call("POST", orders, order("PG-1").replace(customerNumber, number)),
                    400,
                    "Application_FieldValidationException");
            assertEquals(
                    "Gen. Bus. Posting Group must have a value in Customer: No.=" + number
                            + ". It cannot be zero or empty.",
                    message(refused));
        } finally {
            sandbox.customerTemplates(true);
        }
        JsonNode templated = json(call("POST", customers, "{\"displayName\":\"Template Ltd\"}"));
        HttpResponse<String> accepted = call(
                "POST",
                orders,
                order("PG-2").replace(customerNumber, templated.get("number").asText()));
        assertEquals(201, accepted.statusCode(), accepted.body());
    }

    @Test
    void customerAndContactWritesKeepBcsLengths() {
        String company = sandbox.apiRoot() + "/companies(" + BcSandbox.CRONUS_USA + ")";
        String phone = "+1 (555) 0178 ext. 4471 / switchboard after hours";
        JsonNode length = assertBcError(
                call(
                        "POST",
                        company + "/customers",
                        "{\"displayName\":\"Fabrikam\",\"phoneNumber\":\"" + phone + "\"}"),
                400,
                "Application_StringExceededLength");
        assertEquals(
                "The length of the string is 49, but it must be less than or equal to 30 characters. Value: " + phone,
                message(length),
                "the fixture batch_response.json's words");
        String customerId = customer.get("id").toString();
        for (String[] field : List.of(
                new String[] {"displayName", "D".repeat(101), "100"},
                new String[] {"email", "e".repeat(75) + "@x.com", "80"},
                new String[] {"addressLine1", "A".repeat(101), "100"},
                new String[] {"city", "C".repeat(31), "30"},
                new String[] {"postalCode", "9".repeat(21), "20"},
                new String[] {"number", "N".repeat(21), "20"})) {
            JsonNode error = assertBcError(
                    call(
                            "PATCH",
                            company + "/customers(" + customerId + ")",
                            "{\"" + field[0] + "\":\"" + field[1] + "\"}",
                            "If-Match",
                            "*"),
                    400,
                    "Application_StringExceededLength");
            assertTrue(
                    message(error).contains("must be less than or equal to " + field[2] + " characters"),
                    field[0] + ": " + message(error));
        }
        assertEquals(
                customer.get("displayName"),
                json(get(company + "/customers(" + customerId + ")", token))
                        .get("displayName")
                        .asText(),
                "nothing of a refused update is stored");
        assertBcError(
                call(
                        "POST",
                        company + "/contacts",
                        "{\"displayName\":\"Robert Townes\",\"jobTitle\":\"" + "J".repeat(31) + "\"}"),
                400,
                "Application_StringExceededLength");
        assertEquals(
                201,
                call("POST", company + "/contacts", "{\"displayName\":\"Robert Townes\",\"jobTitle\":\"Buyer\"}")
                        .statusCode());
    }
}
