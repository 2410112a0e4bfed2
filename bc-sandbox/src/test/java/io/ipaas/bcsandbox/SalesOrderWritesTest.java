package io.ipaas.bcsandbox;

import static io.ipaas.bcsandbox.SandboxClient.assertBcError;
import static io.ipaas.bcsandbox.SandboxClient.get;
import static io.ipaas.bcsandbox.SandboxClient.json;
import static io.ipaas.bcsandbox.SandboxClient.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ipaas.bcsandbox.data.Item;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sales orders written as BC writes them (facts §2.7, §3.3, §4): a deep insert numbered by BC whose lines come back
 * only with {@code $expand}, BC's validation errors, If-Match on PATCH and DELETE, {@code $batch} with a reply per
 * request, and the write faults a pushing client must survive.
 */
class SalesOrderWritesTest {
    private static BcSandbox sandbox;
    private static String token;
    private static String orders;
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
        customerNumber = (String)
                sandbox.dataset().rows(BcSandbox.CRONUS_USA, "customers").row(0).get("number");
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

    private static HttpResponse<String> call(String method, String url, String body, String... headers) {
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

    private static String order(String externalNumber) {
        return "{\"externalDocumentNumber\":\"" + externalNumber + "\",\"customerNumber\":\"" + customerNumber
                + "\",\"shipToName\":\"Adatum Corporation - Receiving\",\"salesOrderLines\":["
                + "{\"lineType\":\"Item\",\"lineObjectNumber\":\"" + sellable.number() + "\",\"quantity\":2,"
                + "\"unitPrice\":949.5,\"description\":\"ATHENS Desk, black oak\"},"
                + "{\"itemId\":\"" + sellable.id() + "\",\"quantity\":6,\"discountPercent\":5},"
                + "{\"lineType\":\"Comment\",\"description\":\"Deliver to loading dock B\"}]}";
    }

    private static JsonNode fixture(String file) throws IOException {
        try (InputStream in = SalesOrderWritesTest.class.getResourceAsStream("/fixtures/" + file)) {
            return SandboxClient.MAPPER.readTree(in);
        }
    }

    private static List<String> fields(JsonNode entity) {
        List<String> fields = new ArrayList<>();
        entity.fieldNames().forEachRemaining(fields::add);
        return fields;
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
        assertEquals(1899.0, lines.get(0).get("amountExcludingTax").asDouble(), 1e-9);
        assertEquals(sellable.number(), lines.get(1).get("lineObjectNumber").asText(), "the number from the itemId");
        assertEquals("Comment", lines.get(2).get("lineType").asText());
        double net = lines.get(0).get("amountExcludingTax").asDouble()
                + lines.get(1).get("amountExcludingTax").asDouble();
        assertEquals(net, order.get("totalAmountExcludingTax").asDouble(), 1e-9);

        JsonNode plain = json(call("POST", orders, order("WEB-2")));
        assertFalse(plain.has("salesOrderLines"), "without $expand the lines are not in the answer");
        assertTrue(plain.get("@odata.context").asText().endsWith("/salesOrders/$entity"));
        assertNotEquals(order.get("number").asText(), plain.get("number").asText());

        JsonNode found = json(get(
                orders + "?$filter=" + SandboxClient.encode("externalDocumentNumber eq 'WEB-1'")
                        + "&$expand=salesOrderLines",
                token));
        assertEquals(1, found.get("value").size());
        assertEquals(3, found.get("value").get(0).get("salesOrderLines").size());
        long duplicates = sandbox.duplicateSalesOrders();
        call("POST", orders, order("WEB-2"));
        assertEquals(duplicates + 1, sandbox.duplicateSalesOrders(), "a second order with the same number counts");
    }

    @Test
    void bcsValidationRefusesTheWholeOrderWithOneError() {
        long before = sandbox.salesOrdersCreated();
        JsonNode none = assertBcError(call("POST", orders, "{\"externalDocumentNumber\":\"X\"}"), 400, "BadRequest");
        assertTrue(
                none.get("message").asText().startsWith("A \"customerNumber\" or a \"customerId\" must be provided."));
        JsonNode customer = assertBcError(
                call("POST", orders, order("X").replace(customerNumber, "99999")),
                400,
                "Internal_InvalidTableRelation");
        assertTrue(customer.get("message")
                .asText()
                .contains("(99999) that cannot be found in the related table (Customer)"));
        JsonNode item = assertBcError(
                call(
                        "POST",
                        orders,
                        order("X")
                                .replace(
                                        "\"lineObjectNumber\":\"" + sellable.number(),
                                        "\"lineObjectNumber\":\"NO-SUCH")),
                400,
                "Internal_InvalidTableRelation");
        assertTrue(item.get("message").asText().contains("(NO-SUCH) that cannot be found in the related table (Item)"));
        JsonNode isBlocked = assertBcError(
                call(
                        "POST",
                        orders,
                        order("X")
                                .replace(
                                        "\"lineObjectNumber\":\"" + sellable.number(),
                                        "\"lineObjectNumber\":\"" + blocked.number())),
                400,
                "Application_TestFieldException");
        assertTrue(isBlocked
                .get("message")
                .asText()
                .startsWith("Blocked must be equal to 'No'  in Item: No.=" + blocked.number()
                        + ". Current value is 'Yes'."));
        String tooLong = "x".repeat(36);
        JsonNode length = assertBcError(call("POST", orders, order(tooLong)), 400, "Application_StringExceededLength");
        assertTrue(length.get("message")
                .asText()
                .startsWith(
                        "The length of the string is 36, but it must be less than or equal to 35 characters. Value: "
                                + tooLong));
        assertBcError(
                call("POST", orders, "{\"customerNumber\":\"" + customerNumber + "\",\"number\":\"S-1\"}"),
                400,
                "BadRequest_InvalidOperation");
        assertBcError(
                call("POST", orders, "{\"customerNumber\":\"" + customerNumber + "\",\"colour\":\"red\"}"),
                400,
                "BadRequest");
        assertEquals(before, sandbox.salesOrdersCreated(), "nothing of a refused order is stored");
    }

    @Test
    void anOrderIsUpdatedWithItsETagButNotDeeplyAndDeleted() {
        JsonNode order = json(call("POST", orders, order("WEB-PATCH")));
        String one = orders + "(" + order.get("id").asText() + ")";
        String etag = order.get("@odata.etag").asText();
        assertBcError(call("PATCH", one, "{\"shipToName\":\"Dock C\"}"), 400, "BadRequest_InvalidToken");
        HttpResponse<String> updated = call("PATCH", one, "{\"shipToName\":\"Dock C\"}", "If-Match", etag);
        assertEquals(200, updated.statusCode(), updated.body());
        assertEquals("Dock C", json(updated).get("shipToName").asText());
        assertBcError(
                call("PATCH", one, "{\"shipToName\":\"Dock D\"}", "If-Match", etag), 409, "Request_EntityChanged");
        assertBcError(call("PATCH", one, "{\"salesOrderLines\":[]}", "If-Match", "*"), 400, "BadRequest");
        assertEquals(204, call("DELETE", one, null, "If-Match", "*").statusCode());
        assertEquals(404, get(one, token).statusCode());
    }

    private static String batch(List<String> requests) {
        return "{\"requests\":[" + String.join(",", requests) + "]}";
    }

    private static String post(String id, String body) {
        return "{\"id\":\"" + id + "\",\"method\":\"POST\",\"url\":\"companies(" + BcSandbox.CRONUS_USA
                + ")/salesOrders\",\"headers\":{\"Content-Type\":\"application/json\"},\"body\":" + body + "}";
    }

    @Test
    void aBatchAnswersEachRequestOnItsOwnInOrderAndCountsAsOneRequest() {
        long requests = sandbox.stats().apiRequests();
        String get = "{\"id\":\"g\",\"method\":\"GET\",\"url\":\"companies(" + BcSandbox.CRONUS_USA
                + ")/salesOrders?$filter=externalDocumentNumber eq 'B-1'&$select=id,number\",\"headers\":{}}";
        HttpResponse<String> answer = call(
                "POST",
                sandbox.apiRoot() + "/$batch",
                batch(List.of(post("a", order("B-1")), post("b", order("B-2").replace(customerNumber, "99999")), get)));
        assertEquals(200, answer.statusCode(), answer.body());
        JsonNode responses = json(answer).get("responses");
        assertEquals(
                List.of("a", "b", "g"),
                List.of(
                        responses.get(0).get("id").asText(),
                        responses.get(1).get("id").asText(),
                        responses.get(2).get("id").asText()));
        assertEquals(201, responses.get(0).get("status").asInt());
        assertTrue(responses.get(0).get("headers").get("location").asText().contains("/salesOrders("));
        assertTrue(responses.get(0).get("body").get("number").asText().startsWith("S-ORD"));
        assertEquals(400, responses.get(1).get("status").asInt(), "a bad order fails alone");
        assertEquals(
                "Internal_InvalidTableRelation",
                responses.get(1).get("body").get("error").get("code").asText());
        assertEquals(200, responses.get(2).get("status").asInt());
        assertEquals(1, responses.get(2).get("body").get("value").size(), "the order created earlier in the batch");
        assertEquals(requests + 1, sandbox.stats().apiRequests(), "a batch is one request");
    }

    @Test
    void theFixturesBatchIsAnsweredWithAStatusPerRequest() throws IOException {
        ObjectNode request = (ObjectNode) fixture("batch_request.json");
        for (JsonNode inner : request.get("requests")) {
            ((ObjectNode) inner)
                    .put(
                            "url",
                            inner.get("url")
                                    .asText()
                                    .replace("4c1b9e2a-7d35-f011-a5f1-6045bd7e02c4", BcSandbox.CRONUS_USA.toString()));
        }
        HttpResponse<String> answer = call("POST", sandbox.apiRoot() + "/$batch", request.toString());
        assertEquals(200, answer.statusCode(), answer.body());
        JsonNode responses = json(answer).get("responses");
        assertEquals(4, responses.size());
        assertEquals(
                201, responses.get(0).get("status").asInt(), responses.get(0).toString());
        assertEquals(404, responses.get(1).get("status").asInt(), "the fixture's item id is not in the sandbox");
        assertEquals(404, responses.get(2).get("status").asInt(), "nor its customer id");
        assertEquals(200, responses.get(3).get("status").asInt());
    }

    @Test
    void aBatchOfMoreThanAHundredRequestsAndASnapshotBatchAreRefused() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            many.add(post("r" + i, order("M-" + i)));
        }
        long before = sandbox.salesOrdersCreated();
        JsonNode tooMany = assertBcError(call("POST", sandbox.apiRoot() + "/$batch", batch(many)), 400, "BadRequest");
        assertTrue(tooMany.get("message").asText().contains("at most 100"));
        assertBcError(
                call(
                        "POST",
                        sandbox.apiRoot() + "/$batch",
                        batch(List.of(post("a", order("S-1")))),
                        "Isolation",
                        "snapshot"),
                400,
                "BadRequest_NotFound");
        assertBcError(call("POST", sandbox.apiRoot() + "/$batch", "{\"requests\":"), 400, "BadRequest");
        assertEquals(before, sandbox.salesOrdersCreated());
    }

    @Test
    void aDeadlockOrA5xxStoresNothingAndATimeoutAfterCreateStoresButNeverAnswers() {
        long before = sandbox.salesOrdersCreated();
        sandbox.faults().deadlockNext(1);
        JsonNode deadlock = assertBcError(call("POST", orders, order("F-1")), 409, "Internal_LockTimeout");
        assertTrue(deadlock.get("message").asText().contains("another session"));
        sandbox.faults().failWritesNext(1, 503);
        HttpResponse<String> unavailable = call("POST", orders, order("F-1"));
        assertEquals(503, unavailable.statusCode());
        assertEquals(before, sandbox.salesOrdersCreated(), "nothing stored by refused writes");

        sandbox.faults().deadlockNext(1);
        JsonNode responses = json(call(
                        "POST",
                        sandbox.apiRoot() + "/$batch",
                        batch(List.of(post("a", order("F-2")), post("b", order("F-3"))))))
                .get("responses");
        assertEquals(409, responses.get(0).get("status").asInt(), "a deadlock fails one request of a batch");
        assertEquals(201, responses.get(1).get("status").asInt());

        sandbox.faults().timeoutAfterCreateNext(1);
        HttpRequest timedOut = HttpRequest.newBuilder(URI.create(orders))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(order("F-4")))
                .build();
        assertThrows(
                IOException.class,
                () -> HttpClient.newHttpClient().send(timedOut, HttpResponse.BodyHandlers.ofString()));
        JsonNode stored =
                json(get(orders + "?$filter=" + SandboxClient.encode("externalDocumentNumber eq 'F-4'"), token));
        assertEquals(1, stored.get("value").size(), "the order exists although no answer came");

        sandbox.faults().timeoutAfterCreateNext(1);
        HttpRequest batchTimedOut = HttpRequest.newBuilder(URI.create(sandbox.apiRoot() + "/$batch"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        batch(List.of(post("a", order("F-5")), post("b", order("F-6"))))))
                .build();
        assertThrows(
                IOException.class,
                () -> HttpClient.newHttpClient().send(batchTimedOut, HttpResponse.BodyHandlers.ofString()));
        assertEquals(before + 4, sandbox.salesOrdersCreated(), "F-3, F-4, F-5 and F-6");
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
                    "Application_TestFieldException");
            assertTrue(refused.get("message")
                    .asText()
                    .startsWith("Gen. Bus. Posting Group must have a value in Customer: No.=" + number + "."));
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
    void customerWritesKeepBcsLengths() {
        String customers = sandbox.apiRoot() + "/companies(" + BcSandbox.CRONUS_USA + ")/customers";
        JsonNode length = assertBcError(
                call(
                        "POST",
                        customers,
                        "{\"displayName\":\"Fabrikam\",\"phoneNumber\":\"+1 (555) 0178 ext. 4471 / switchboard after hours\"}"),
                400,
                "Application_StringExceededLength");
        assertTrue(
                length.get("message")
                        .asText()
                        .startsWith(
                                "The length of the string is 49, but it must be less than or equal to 30 characters. Value: +1 (555)"));
    }
}
