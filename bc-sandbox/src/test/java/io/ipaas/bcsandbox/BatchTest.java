package io.ipaas.bcsandbox;

import static io.ipaas.bcsandbox.SalesOrderWritesTest.callAs;
import static io.ipaas.bcsandbox.SalesOrderWritesTest.fields;
import static io.ipaas.bcsandbox.SalesOrderWritesTest.fixture;
import static io.ipaas.bcsandbox.SalesOrderWritesTest.message;
import static io.ipaas.bcsandbox.SandboxClient.assertBcError;
import static io.ipaas.bcsandbox.SandboxClient.get;
import static io.ipaas.bcsandbox.SandboxClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ipaas.bcsandbox.data.ChangeFeed;
import io.ipaas.bcsandbox.data.Item;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code $batch} in BC's JSON format (facts §4): a reply per request in order, each failing alone, at most 100, one
 * request for the counters, and {@code Isolation: snapshot} rolling every write back when one request fails.
 */
class BatchTest {
    private static BcSandbox sandbox;
    private static String token;
    private static String batchUrl;
    private static String company;
    private static String customerNumber;
    private static Item sellable;
    private static final List<ChangeFeed.Change> changes = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        sandbox = BcSandbox.builder()
                .items(50)
                .customers(10)
                .contacts(10)
                .salesOrders(5)
                .build()
                .start();
        token = new SandboxClient(sandbox).accessToken();
        batchUrl = sandbox.apiRoot() + "/$batch";
        company = "companies(" + BcSandbox.CRONUS_USA + ")";
        customerNumber = (String)
                sandbox.dataset().rows(BcSandbox.CRONUS_USA, "customers").row(0).get("number");
        sellable = sandbox.dataset()
                .items(BcSandbox.CRONUS_USA)
                .filter(item -> !item.blocked() && item.type().equals("Inventory"))
                .findFirst()
                .orElseThrow();
        sandbox.dataset().changes().listen(changes::add);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @AfterEach
    void clearFaults() {
        sandbox.faults().clear();
    }

    private static String batch(List<String> requests) {
        return "{\"requests\":[" + String.join(",", requests) + "]}";
    }

    private static String request(String id, String method, String url, String ifMatch, String body) {
        return "{\"id\":\"" + id + "\",\"method\":\"" + method + "\",\"url\":\"" + url + "\",\"headers\":{"
                + "\"Content-Type\":\"application/json\"" + (ifMatch == null ? "" : ",\"If-Match\":\"" + ifMatch + "\"")
                + "}" + (body == null ? "" : ",\"body\":" + body) + "}";
    }

    private static String postOrder(String id, String externalNumber) {
        return request(
                id,
                "POST",
                company + "/salesOrders",
                null,
                SalesOrderWritesTest.order(externalNumber, customerNumber, sellable));
    }

    private static JsonNode responses(HttpResponse<String> answer) {
        assertEquals(200, answer.statusCode(), answer.body());
        return json(answer).get("responses");
    }

    private static List<Integer> statuses(JsonNode responses) {
        List<Integer> statuses = new ArrayList<>();
        responses.forEach(response -> statuses.add(response.get("status").asInt()));
        return statuses;
    }

    private static int ordersFound(String externalNumber) {
        return json(get(
                        sandbox.apiRoot() + "/" + company + "/salesOrders?$filter="
                                + SandboxClient.encode("externalDocumentNumber eq '" + externalNumber + "'"),
                        token))
                .get("value")
                .size();
    }

    private static boolean changed(UUID id) {
        return changes.stream().anyMatch(change -> change.id().equals(id));
    }

    @Test
    void aBatchAnswersEachRequestOnItsOwnInOrderAndCountsAsOneRequest() throws IOException {
        SandboxStats stats = sandbox.stats();
        long requests = stats.apiRequests();
        long writes = stats.writes();
        long batches = stats.batches();
        String get = request(
                "g",
                "GET",
                company + "/salesOrders?$filter=externalDocumentNumber eq 'B-1'&$select=id,number",
                null,
                null);
        JsonNode responses = responses(callAs(
                token,
                "POST",
                batchUrl,
                batch(List.of(
                        postOrder("a", "B-1"),
                        postOrder("b", "B-2").replace(customerNumber, "99999"),
                        get,
                        request("n", "GET", company + "/widgets", null, null)))));
        assertEquals(
                List.of("a", "b", "g", "n"),
                List.of(
                        responses.get(0).get("id").asText(),
                        responses.get(1).get("id").asText(),
                        responses.get(2).get("id").asText(),
                        responses.get(3).get("id").asText()));
        assertEquals(List.of(201, 400, 200, 404), statuses(responses), "a bad request fails alone");
        JsonNode created = responses.get(0);
        assertTrue(created.get("headers").get("location").asText().contains("/salesOrders("));
        assertTrue(created.get("body").get("number").asText().startsWith("S-ORD"));
        JsonNode expected = fixture("batch_response.json").get("responses");
        assertEquals(
                fields(expected.get(0).get("headers")),
                fields(created.get("headers")),
                "a created record's headers as the fixture's: content-type, odata-version, location");
        assertEquals(
                expected.get(0).get("headers").get("content-type").asText(),
                created.get("headers").get("content-type").asText());
        assertEquals(
                fields(expected.get(2).get("headers")), fields(responses.get(1).get("headers")));
        assertEquals(
                "Internal_InvalidTableRelation",
                responses.get(1).get("body").get("error").get("code").asText());
        assertTrue(responses
                .get(1)
                .get("body")
                .get("error")
                .get("message")
                .asText()
                .matches("(?s).*  CorrelationId:  [0-9a-f-]{36}\\."));
        assertEquals(
                1, responses.get(2).get("body").get("value").size(), "the order created earlier in the same batch");
        assertEquals(requests + 1, stats.apiRequests(), "a batch is one request");
        assertEquals(batches + 1, stats.batches());
        assertEquals(writes + 2, stats.writes(), "its two POSTs are two writes");
        assertEquals(1, ordersFound("B-1"));
        assertEquals(0, ordersFound("B-2"));
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
        JsonNode responses = responses(callAs(token, "POST", batchUrl, request.toString()));
        assertEquals(4, responses.size());
        assertEquals(
                201, responses.get(0).get("status").asInt(), responses.get(0).toString());
        assertEquals(404, responses.get(1).get("status").asInt(), "the fixture's item id is not in the sandbox");
        assertEquals(404, responses.get(2).get("status").asInt(), "nor its customer id");
        assertEquals(200, responses.get(3).get("status").asInt());
    }

    @Test
    void aBatchOfMoreThanAHundredRequestsOrOfBadJsonIsRefusedWhole() {
        long before = sandbox.salesOrdersCreated();
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            many.add(postOrder("r" + i, "M-" + i));
        }
        JsonNode tooMany = assertBcError(callAs(token, "POST", batchUrl, batch(many)), 400, "BadRequest");
        assertEquals("The batch request has 101 operations; at most 100 are allowed in one batch.", message(tooMany));
        assertEquals(before, sandbox.salesOrdersCreated(), "nothing of a refused batch is served");
        assertEquals(0, ordersFound("M-0"));
        List<String> hundred = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            hundred.add(request("g" + i, "GET", company + "/salesOrders?$top=1", null, null));
        }
        assertEquals(
                100, responses(callAs(token, "POST", batchUrl, batch(hundred))).size(), "100 is allowed");
        assertBcError(callAs(token, "POST", batchUrl, "{\"requests\":"), 400, "BadRequest");
        assertBcError(callAs(token, "POST", batchUrl, "{\"requests\":{}}"), 400, "BadRequest");
        assertBcError(callAs(token, "GET", batchUrl, null), 405, "BadRequest_MethodNotAllowed");
    }

    @Test
    void aSnapshotBatchIsRolledBackWholeWhenOneOfItsRequestsFails() {
        RowSetView customers = new RowSetView("customers");
        RowSetView contacts = new RowSetView("contacts");
        String customerId = customers.id(2);
        String contactId = contacts.id(3);
        String customerUrl = sandbox.apiRoot() + "/" + company + "/customers(" + customerId + ")";
        String contactUrl = sandbox.apiRoot() + "/" + company + "/contacts(" + contactId + ")";
        JsonNode customerBefore = json(get(customerUrl, token));
        JsonNode contactBefore = json(get(contactUrl, token));
        JsonNode doomed = json(callAs(
                token,
                "POST",
                sandbox.apiRoot() + "/" + company + "/salesOrders",
                SalesOrderWritesTest.order("SNAP-KEEP", customerNumber, sellable)));
        String doomedUrl = sandbox.apiRoot() + "/" + company + "/salesOrders("
                + doomed.get("id").asText() + ")";
        int doomedLines =
                json(get(doomedUrl + "/salesOrderLines", token)).get("value").size();
        long created = sandbox.salesOrdersCreated();
        int changesBefore = changes.size();

        JsonNode responses = responses(callAs(
                token,
                "POST",
                batchUrl,
                batch(List.of(
                        request(
                                "1",
                                "PATCH",
                                company + "/customers(" + customerId + ")",
                                "*",
                                "{\"displayName\":\"Rolled Back Ltd\"}"),
                        request("2", "DELETE", company + "/contacts(" + contactId + ")", "*", null),
                        postOrder("3", "SNAP-1"),
                        request(
                                "4",
                                "GET",
                                company + "/salesOrders?$filter=externalDocumentNumber eq 'SNAP-1'",
                                null,
                                null),
                        request(
                                "5",
                                "DELETE",
                                company + "/salesOrders(" + doomed.get("id").asText() + ")",
                                "*",
                                null),
                        postOrder("6", "SNAP-2").replace(customerNumber, "NOBODY"))),
                "Isolation",
                "snapshot"));
        assertEquals(List.of(200, 204, 201, 200, 204, 400), statuses(responses), "each request's own status");
        assertEquals(1, responses.get(3).get("body").get("value").size(), "inside the batch its writes are seen");

        assertEquals(customerBefore, json(get(customerUrl, token)), "the update is undone, ETag and all");
        assertEquals(contactBefore, json(get(contactUrl, token)), "the deleted contact is back as it was");
        assertEquals(0, ordersFound("SNAP-1"), "the created order is gone");
        assertEquals(200, get(doomedUrl, token).statusCode(), "the deleted order is back");
        assertEquals(
                doomedLines,
                json(get(doomedUrl + "/salesOrderLines", token)).get("value").size(),
                "with its lines");
        assertEquals(created, sandbox.salesOrdersCreated(), "a rolled-back order is not counted");
        assertEquals(changesBefore, changes.size(), "no webhook hears of a change BC did not keep");
        assertFalse(changed(UUID.fromString(customerId)));
    }

    @Test
    void aSnapshotBatchThatSucceedsKeepsEveryWriteAndTellsTheChangeFeed() {
        String customerId = new RowSetView("customers").id(4);
        long created = sandbox.salesOrdersCreated();
        JsonNode responses = responses(callAs(
                token,
                "POST",
                batchUrl,
                batch(List.of(
                        request(
                                "1",
                                "PATCH",
                                company + "/customers(" + customerId + ")",
                                "*",
                                "{\"displayName\":\"Kept Ltd\"}"),
                        postOrder("2", "SNAP-OK"))),
                "Isolation",
                "snapshot"));
        assertEquals(List.of(200, 201), statuses(responses));
        assertEquals(
                "Kept Ltd",
                json(get(sandbox.apiRoot() + "/" + company + "/customers(" + customerId + ")", token))
                        .get("displayName")
                        .asText());
        assertEquals(1, ordersFound("SNAP-OK"));
        assertEquals(created + 1, sandbox.salesOrdersCreated());
        assertTrue(changed(UUID.fromString(customerId)), "the change feed hears of the kept update");
        assertTrue(
                changed(UUID.fromString(responses.get(1).get("body").get("id").asText())));
    }

    @Test
    void aDeadlockInASnapshotBatchRollsBackTheWritesBeforeIt() {
        long created = sandbox.salesOrdersCreated();
        sandbox.faults().deadlockNext(1);
        // the first write takes the deadlock; the next one succeeds, then is undone with the batch
        JsonNode responses = responses(callAs(
                token,
                "POST",
                batchUrl,
                batch(List.of(postOrder("1", "SNAP-D1"), postOrder("2", "SNAP-D2"))),
                "Isolation",
                "snapshot"));
        assertEquals(List.of(409, 201), statuses(responses));
        assertEquals(
                "Internal_LockTimeout",
                responses.get(0).get("body").get("error").get("code").asText());
        assertEquals(0, ordersFound("SNAP-D2"));
        assertEquals(created, sandbox.salesOrdersCreated());
    }

    /** Ids of a company's master data rows, by position. */
    private record RowSetView(String entitySet) {
        String id(int position) {
            return sandbox.dataset().rows(BcSandbox.CRONUS_USA, entitySet).ids().get(position);
        }
    }
}
