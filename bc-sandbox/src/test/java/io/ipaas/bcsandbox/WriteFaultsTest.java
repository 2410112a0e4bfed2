package io.ipaas.bcsandbox;

import static io.ipaas.bcsandbox.SalesOrderWritesTest.callAs;
import static io.ipaas.bcsandbox.SalesOrderWritesTest.message;
import static io.ipaas.bcsandbox.SandboxClient.assertBcError;
import static io.ipaas.bcsandbox.SandboxClient.get;
import static io.ipaas.bcsandbox.SandboxClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ipaas.bcsandbox.data.Item;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The write faults a pushing client must survive without losing or doubling an order: a lock held by another session
 * (409), a 5xx, and a create that is stored but never answered; set on {@code faults()}, the builder, the command line
 * and the console.
 */
class WriteFaultsTest {
    private static final String LOCK_MESSAGE = "We can't save your changes right now, because a record in table '%s'"
            + " is being updated in a transaction done by another session. Please wait a couple of minutes and try"
            + " again.";

    /** A running sandbox with a client's view of it. */
    private record Client(BcSandbox sandbox, String token, String orders, String customerNumber, Item item) {
        static Client of(BcSandbox sandbox) {
            Item item = sandbox.dataset()
                    .items(BcSandbox.CRONUS_USA)
                    .filter(candidate ->
                            !candidate.blocked() && candidate.type().equals("Inventory"))
                    .findFirst()
                    .orElseThrow();
            return new Client(
                    sandbox,
                    new SandboxClient(sandbox).accessToken(),
                    sandbox.apiRoot() + "/companies(" + BcSandbox.CRONUS_USA + ")/salesOrders",
                    (String) sandbox.dataset()
                            .rows(BcSandbox.CRONUS_USA, "customers")
                            .row(0)
                            .get("number"),
                    item);
        }

        String order(String externalNumber) {
            return SalesOrderWritesTest.order(externalNumber, customerNumber, item);
        }

        HttpResponse<String> post(String externalNumber) {
            return callAs(token, "POST", orders, order(externalNumber));
        }

        /** A $batch body creating one order per external document number. */
        String batchOf(String... externalNumbers) {
            List<String> requests = new ArrayList<>();
            for (String number : externalNumbers) {
                requests.add(
                        "{\"id\":\"" + number + "\",\"method\":\"POST\",\"url\":\"companies(" + BcSandbox.CRONUS_USA
                                + ")/salesOrders\",\"headers\":{\"Content-Type\":\"application/json\"},\"body\":"
                                + order(number) + "}");
            }
            return "{\"requests\":[" + String.join(",", requests) + "]}";
        }

        HttpResponse<String> batch(String body, String... headers) {
            return callAs(token, "POST", sandbox.apiRoot() + "/$batch", body, headers);
        }

        /** Posts with a client that waits at most 10 s; the sandbox closes the connection without an answer. */
        void postTimingOut(String url, String body) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            assertThrows(
                    IOException.class,
                    () -> HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()),
                    "no answer");
        }

        int found(String externalNumber) {
            return json(get(
                            orders + "?$filter="
                                    + SandboxClient.encode("externalDocumentNumber eq '" + externalNumber + "'"),
                            token))
                    .get("value")
                    .size();
        }

        /** The first three creates meet a deadlock, a 503 and a timeout; the fourth is answered. */
        void meetsDeadlockThen503ThenTimeout() {
            assertEquals(200, get(orders, token).statusCode(), "a read takes no write fault");
            assertBcError(post("S-1"), 409, "Internal_LockTimeout");
            assertBcError(post("S-2"), 503, "Internal_ServiceUnavailable");
            postTimingOut(orders, order("S-3"));
            assertEquals(201, post("S-4").statusCode());
            assertEquals(0, found("S-1") + found("S-2"));
            assertEquals(1, found("S-3"), "stored although never answered");
            assertEquals(2, sandbox.salesOrdersCreated());
        }
    }

    @Test
    void aDeadlockOrA5xxStoresNothingAndATimeoutAfterCreateStoresButNeverAnswers() {
        try (BcSandbox sandbox = BcSandbox.builder()
                .items(30)
                .customers(5)
                .salesOrders(2)
                .build()
                .start()) {
            Client client = Client.of(sandbox);
            long before = sandbox.salesOrdersCreated();
            String customers = sandbox.apiRoot() + "/companies(" + BcSandbox.CRONUS_USA + ")/customers";
            int customerCount = sandbox.dataset()
                    .rows(BcSandbox.CRONUS_USA, "customers")
                    .ids()
                    .size();

            sandbox.faults().deadlockNext(1);
            assertEquals(200, get(client.orders(), client.token()).statusCode(), "a read takes no write fault");
            JsonNode deadlock = assertBcError(client.post("F-1"), 409, "Internal_LockTimeout");
            assertEquals(String.format(LOCK_MESSAGE, "Sales Header"), message(deadlock));
            sandbox.faults().deadlockNext(2);
            JsonNode customerLock = assertBcError(
                    callAs(client.token(), "POST", customers, "{\"displayName\":\"Locked Ltd\"}"),
                    409,
                    "Internal_LockTimeout");
            assertEquals(String.format(LOCK_MESSAGE, "Customer"), message(customerLock), "the table written to");
            String customerId = sandbox.dataset()
                    .rows(BcSandbox.CRONUS_USA, "customers")
                    .ids()
                    .get(1);
            JsonNode customerBefore = json(get(customers + "(" + customerId + ")", client.token()));
            assertBcError(
                    callAs(
                            client.token(),
                            "PATCH",
                            customers + "(" + customerId + ")",
                            "{\"displayName\":\"Locked Ltd\"}",
                            "If-Match",
                            "*"),
                    409,
                    "Internal_LockTimeout");
            assertEquals(customerBefore, json(get(customers + "(" + customerId + ")", client.token())));
            assertEquals(
                    customerCount,
                    sandbox.dataset()
                            .rows(BcSandbox.CRONUS_USA, "customers")
                            .ids()
                            .size());

            sandbox.faults().retryAfterSeconds(0).failWritesNext(1, 503);
            HttpResponse<String> unavailable = client.post("F-1");
            assertBcError(unavailable, 503, "Internal_ServiceUnavailable");
            assertEquals("0", unavailable.headers().firstValue("Retry-After").orElseThrow(), "retry at once");
            assertEquals(before, sandbox.salesOrdersCreated(), "nothing stored by refused writes");
            assertEquals(0, client.found("F-1"));

            sandbox.faults().deadlockNext(1);
            HttpResponse<String> batch = client.batch(client.batchOf("F-2", "F-3"));
            assertEquals(200, batch.statusCode(), batch.body());
            JsonNode responses = json(batch).get("responses");
            assertEquals(409, responses.get(0).get("status").asInt(), "a deadlock fails one request of a batch");
            assertEquals(201, responses.get(1).get("status").asInt());
            assertEquals(0, client.found("F-2"));

            sandbox.faults().timeoutAfterCreateNext(1);
            client.postTimingOut(client.orders(), client.order("F-4"));
            assertEquals(1, client.found("F-4"), "the order exists although no answer came");
            assertEquals(201, client.post("F-4b").statusCode(), "the next create is answered");

            sandbox.faults().timeoutAfterCreateNext(1);
            HttpResponse<String> rolledBack = client.batch(
                    client.batchOf("F-5", "F-5x")
                            .replace(
                                    "\"F-5x\",\"customerNumber\":\"" + client.customerNumber(),
                                    "\"F-5x\",\"customerNumber\":\"NOBODY"),
                    "Isolation",
                    "snapshot");
            assertEquals(200, rolledBack.statusCode(), "a batch that kept no order is answered");
            assertEquals(0, client.found("F-5"));
            client.postTimingOut(sandbox.apiRoot() + "/$batch", client.batchOf("F-6", "F-7"));
            assertEquals(1, client.found("F-6"), "every write of the unanswered batch was done");
            assertEquals(1, client.found("F-7"));
            assertEquals(before + 5, sandbox.salesOrdersCreated(), "F-3, F-4, F-4b, F-6 and F-7");
            assertEquals(0, sandbox.duplicateSalesOrders());
        }
    }

    @Test
    void theBuilderSetsTheWriteFaults() {
        try (BcSandbox sandbox = BcSandbox.builder()
                .items(30)
                .customers(5)
                .salesOrders(0)
                .deadlockNext(1)
                .failWrites(1, 503)
                .timeoutAfterCreate(1)
                .build()
                .start()) {
            Client.of(sandbox).meetsDeadlockThen503ThenTimeout();
        }
        assertThrows(IllegalArgumentException.class, () -> BcSandbox.builder().failWrites(1, 404));
        assertThrows(IllegalArgumentException.class, () -> BcSandbox.builder().deadlockNext(-1));
        assertThrows(IllegalArgumentException.class, () -> BcSandbox.builder().timeoutAfterCreate(-1));
    }

    @Test
    void theCommandLineSetsTheWriteFaults() {
        try (BcSandbox sandbox = BcSandboxMain.launch(
                new String[] {
                    "--port",
                    "0",
                    "--items",
                    "30",
                    "--customers",
                    "5",
                    "--sales-orders",
                    "0",
                    "--deadlock-next",
                    "1",
                    "--fail-writes",
                    "503:1",
                    "--timeout-after-create",
                    "1"
                },
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
            Client.of(sandbox).meetsDeadlockThen503ThenTimeout();
        }
        for (String flag : List.of("--deadlock-next", "--fail-writes", "--timeout-after-create")) {
            assertTrue(BcSandboxMain.USAGE.contains("[" + flag + " "), "--help names " + flag);
        }
        for (String[] bad : List.of(
                new String[] {"--fail-writes", "404:1"},
                new String[] {"--fail-writes", "503"},
                new String[] {"--deadlock-next", "-1"},
                new String[] {"--timeout-after-create", "-1"})) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> BcSandboxMain.Options.parse(bad));
            assertTrue(e.getMessage().contains(bad[0]), e.getMessage());
        }
    }

    @Test
    void theConsoleSetsTheWriteFaultsAndPrintsTheCounts() {
        try (BcSandbox sandbox = BcSandbox.builder()
                .items(30)
                .customers(5)
                .salesOrders(0)
                .build()
                .start()) {
            SandboxConsole console = new SandboxConsole(sandbox);
            for (String command : List.of("deadlock COUNT", "fail-writes STATUS COUNT", "timeout-after-create COUNT")) {
                assertTrue(console.execute("help").contains(command), command);
            }
            assertEquals("the next 1 write(s) answer 409", console.execute("deadlock 1"));
            assertEquals("the next 1 write(s) fail with 503", console.execute("fail-writes 503 1"));
            assertEquals(
                    "the next 1 request(s) creating a sales order get no answer",
                    console.execute("timeout-after-create 1"));
            assertTrue(console.execute("fail-writes 404 1").startsWith("error: "));
            Client client = Client.of(sandbox);
            client.meetsDeadlockThen503ThenTimeout();
            client.post("S-4");
            assertEquals(
                    "sales orders created through the API: 3, duplicates by external document number: 1",
                    console.execute("orders"));
            client.batch(client.batchOf("S-5", "S-6"));
            long requests = sandbox.stats().apiRequests();
            assertEquals(
                    "API requests: " + requests + " (1 $batch holding 2), writes: 7, sales orders created: 5,"
                            + " duplicates by external document number: 1",
                    console.execute("stats"));
        }
    }
}
