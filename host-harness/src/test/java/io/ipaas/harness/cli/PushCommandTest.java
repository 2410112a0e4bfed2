package io.ipaas.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipaas.bcsandbox.BcSandbox;
import io.ipaas.bcsandbox.data.Item;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code push} with the default mappings: platform sales orders and customers become BC records; a dry run shows
 * the payloads and the check and writes nothing; failures are quarantined with their error and pushed again once
 * fixed; pushing a file twice never creates an order twice.
 */
class PushCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLIENT_ID = "5b1d7e3a-2c4f-4a8b-9e6d-1f0a3c5b7d92";
    private static final String SECRET = "push-test-secret-41b7";
    private static BcSandbox sandbox;
    private static String customer;
    private static List<Item> items;

    @TempDir
    Path home;

    @BeforeAll
    static void start() {
        sandbox =
                BcSandbox.builder().items(200).client(CLIENT_ID, SECRET).build().start();
        customer = (String)
                sandbox.dataset().rows(BcSandbox.CRONUS_USA, "customers").row(0).get("number");
        items = sandbox.dataset()
                .items(BcSandbox.CRONUS_USA)
                .filter(item -> !item.blocked() && item.type().equals("Inventory"))
                .limit(3)
                .toList();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private String subscribe(Map<String, Object> extra) throws IOException {
        Map<String, Object> raw = DemoCommand.sandboxSettings(sandbox, CLIENT_ID);
        raw.put("clientSecret", SECRET);
        raw.putAll(extra);
        Path settings = home.resolve("settings.json");
        Files.writeString(settings, JSON.writeValueAsString(raw));
        Cli cli = Cli.run(home, "subscribe", "dynamics365", "--settings", settings.toString());
        assertEquals(0, cli.exitCode(), cli.err());
        return cli.subscriptionId();
    }

    private Path file(String name, String text) throws IOException {
        Path file = home.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private static String order(String number, String customerNumber, String... skus) {
        StringBuilder lines = new StringBuilder();
        for (String sku : skus) {
            lines.append(lines.length() == 0 ? "" : ",")
                    .append("{\"type\":\"item\",\"sku\":\"")
                    .append(sku)
                    .append("\",\"quantity\":2,\"unitPrice\":10.5}");
        }
        return "{\"externalNumber\":\"" + number + "\",\"customerNumber\":\"" + customerNumber
                + "\",\"orderDate\":\"2026-12-01\",\"shipTo\":{\"name\":\"Dock B\",\"city\":\"Atlanta\"},\"lines\":["
                + lines + ",{\"type\":\"comment\",\"description\":\"Leave at the door\"}]}";
    }

    @Test
    void anOrderPushedToAFurtherCompanyIsCreatedInThatCompanyOnly() throws IOException {
        String id = subscribe(Map.of("companies", List.of("CRONUS Canada")));
        UUID canada = BcSandbox.CRONUS_CANADA;
        String canadian =
                (String) sandbox.dataset().rows(canada, "customers").row(0).get("number");
        String item = sandbox.dataset()
                .items(canada)
                .filter(i -> !i.blocked() && i.type().equals("Inventory"))
                .findFirst()
                .orElseThrow()
                .number();
        Path orders = file("canada.jsonl", order("CA-1", canadian, item) + "\n");
        Cli push = Cli.run(home, "push", id, "salesOrders@CRONUS Canada", orders.toString());
        assertEquals(0, push.exitCode(), push.out() + push.err());
        assertTrue(push.out().contains("pushed 1 salesOrders@CRONUS Canada: 1 written, 0 failed"), push.out());
        assertTrue(externalNumbers(canada).contains("CA-1"), "the order is in CRONUS Canada");
        assertTrue(!externalNumbers(BcSandbox.CRONUS_USA).contains("CA-1"), "and not in CRONUS USA");

        Cli unknown = Cli.run(home, "push", id, "salesOrders@O'Brien Supplies", orders.toString());
        assertEquals(ExitCodes.BAD_INPUT, unknown.exitCode());
        assertTrue(unknown.err().contains("salesOrders@CRONUS Canada"), unknown.err());
    }

    private static List<Object> externalNumbers(UUID company) {
        var orders = sandbox.dataset().rows(company, "salesOrders");
        List<Object> numbers = new java.util.ArrayList<>();
        for (long p = orders.next(0); p >= 0; p = orders.next(p + 1)) {
            numbers.add(orders.row(p).get("externalDocumentNumber"));
        }
        return numbers;
    }

    @Test
    void ordersPushWithTheDefaultMappingAndAPushedFileAgainCreatesNothing() throws IOException {
        String id = subscribe(Map.of("excludedLineItemSkus", List.of("GIFT-WRAP")));
        Path orders = file(
                "orders.jsonl",
                order("WEB-1", customer, items.get(0).number(), "GIFT-WRAP") + "\n"
                        + order("WEB-2", customer, items.get(1).number()) + "\n");
        long created = sandbox.salesOrdersCreated();
        Cli push = Cli.run(home, "push", id, "salesOrders", orders.toString());
        assertEquals(0, push.exitCode(), push.out() + push.err());
        assertTrue(push.out().contains("WEB-1  written as "), push.out());
        assertTrue(push.out().contains("pushed 2 salesOrders: 2 written, 0 failed"), push.out());
        assertEquals(created + 2, sandbox.salesOrdersCreated());

        Cli again = Cli.run(home, "push", id, "salesOrders", orders.toString());
        assertEquals(0, again.exitCode(), again.out() + again.err());
        assertEquals(created + 2, sandbox.salesOrdersCreated(), "the same orders pushed again are found, not created");
        assertEquals(0, sandbox.duplicateSalesOrders());
    }

    @Test
    void aDryRunShowsThePayloadsAndTheCheckAndWritesNothing() throws IOException {
        String id = subscribe(Map.of("excludedLineItemSkus", List.of("GIFT-WRAP")));
        Path orders = file(
                "orders.json",
                "[" + order("DRY-1", customer, items.get(0).number(), "GIFT-WRAP") + ","
                        + order(
                                "DRY-2-" + "x".repeat(40),
                                customer,
                                items.get(0).number()) + "]");
        long requests = sandbox.stats().apiRequests();
        long created = sandbox.salesOrdersCreated();
        Cli dry = Cli.run(home, "push", id, "salesOrders", orders.toString(), "--dry-run");
        assertEquals(ExitCodes.BAD_INPUT, dry.exitCode(), dry.out() + dry.err());
        assertTrue(dry.out().contains("\"externalDocumentNumber\" : \"DRY-1\""), dry.out());
        assertTrue(dry.out().contains("\"lineType\" : \"Comment\""), dry.out());
        assertFalse(dry.out().contains("GIFT-WRAP"), "excluded SKUs are dropped before mapping: " + dry.out());
        assertTrue(dry.out().contains("invalid: DATA: sales order DRY-2-"), dry.out());
        assertTrue(dry.out().contains("field 'externalDocumentNumber' is 46 characters, Business Central allows 35"));
        assertTrue(dry.out().contains("dry run of 2 salesOrders: 1 valid, 1 invalid; nothing was written"), dry.out());
        assertEquals(created, sandbox.salesOrdersCreated());
        assertEquals(requests, sandbox.stats().apiRequests(), "a dry run sends nothing");
    }

    @Test
    void failuresAreQuarantinedWithTheirErrorAndPushedAgainOnceFixed() throws IOException {
        String id = subscribe(Map.of());
        Path orders = file(
                "orders.json",
                "[" + order("Q-1", customer, items.get(0).number()) + ","
                        + order("Q-2", "NOBODY", items.get(1).number()) + ",{\"customerNumber\":\"" + customer
                        + "\"}]");
        Cli push = Cli.run(home, "push", id, "salesOrders", orders.toString());
        assertEquals(ExitCodes.BAD_INPUT, push.exitCode(), push.out() + push.err());
        assertTrue(
                push.out().contains("Q-2  failed  DATA: sales order Q-2: Business Central has no customer 'NOBODY'"),
                push.out());
        assertTrue(push.out().contains("failed  the record has no 'externalNumber'"), push.out());
        assertTrue(push.out().contains("pushed 3 salesOrders: 1 written, 2 failed (quarantined"), push.out());

        // the customer is created in BC; the quarantined order goes through as it was given
        Path customers =
                file("customers.json", "[{\"id\":\"p-nobody\",\"number\":\"NOBODY\",\"name\":\"Nobody Ltd\"}]");
        Cli customer = Cli.run(home, "push", id, "customers", customers.toString());
        assertEquals(0, customer.exitCode(), customer.out() + customer.err());
        Cli retry = Cli.run(home, "push", id, "salesOrders", "--quarantined");
        assertTrue(retry.out().contains("Q-2  written as "), retry.out());
        assertTrue(retry.out().contains("pushed 2 salesOrders: 1 written, 1 failed"), retry.out());
    }

    @Test
    void aPushBusinessCentralKeepsRefusingWaitsInTheOutboxAndRetrySendsItNow() throws IOException {
        String id = subscribe(Map.of());
        Path orders =
                file("busy.json", "[" + order("BUSY-1", customer, items.get(0).number()) + "]");
        sandbox.faults().retryAfterSeconds(0).failWritesNext(4, 503);
        try {
            Cli push = Cli.run(home, "push", id, "salesOrders", orders.toString());
            assertEquals(ExitCodes.REMOTE, push.exitCode(), push.out() + push.err());
            assertTrue(push.out().contains("BUSY-1  failed  TRANSIENT"), push.out());
        } finally {
            sandbox.faults().clear();
        }
        // serve sends a waiting push again once its next attempt is due (a minute later)
        try (Harness harness = Harness.open(home, Path.of(System.getProperty("harness.plugins")), null);
                Serve serve = new Serve(
                        harness,
                        java.time.Clock.offset(java.time.Clock.systemUTC(), java.time.Duration.ofSeconds(30)),
                        java.time.Duration.ofHours(1),
                        java.net.InetAddress.getLoopbackAddress(),
                        0,
                        java.util.Optional.empty(),
                        new java.io.PrintWriter(java.io.Writer.nullWriter()))) {
            serve.setUp(List.of(harness.subscription(id)), false);
            serve.sendDueOutbox();
            assertEquals(
                    1, harness.store().outboundQuarantine(id, "salesOrders").size(), "not due after 30 s");
        }
        try (Harness harness = Harness.open(home, Path.of(System.getProperty("harness.plugins")), null);
                Serve serve = new Serve(
                        harness,
                        java.time.Clock.offset(java.time.Clock.systemUTC(), java.time.Duration.ofSeconds(61)),
                        java.time.Duration.ofHours(1),
                        java.net.InetAddress.getLoopbackAddress(),
                        0,
                        java.util.Optional.empty(),
                        new java.io.PrintWriter(java.io.Writer.nullWriter()))) {
            serve.setUp(List.of(harness.subscription(id)), false);
            serve.sendDueOutbox();
            assertEquals(List.of(), harness.store().outboundQuarantine(id, "salesOrders"), "sent again and written");
        }
        Path again =
                file("busy2.json", "[" + order("BUSY-2", customer, items.get(0).number()) + "]");
        sandbox.faults().retryAfterSeconds(0).failWritesNext(4, 503);
        try {
            assertEquals(
                    ExitCodes.REMOTE,
                    Cli.run(home, "push", id, "salesOrders", again.toString()).exitCode());
        } finally {
            sandbox.faults().clear();
        }
        Cli status = Cli.run(home, "status", id);
        assertTrue(
                status.out().contains("salesOrders (out): ")
                        && status.out().contains(" pushed; outbox 1 waiting for their next attempt, 0 quarantined"),
                status.out());
        assertTrue(status.out().contains("    BUSY-2: waiting until "), status.out());
        Cli retry = Cli.run(home, "retry", id, "BUSY-2");
        assertEquals(0, retry.exitCode(), retry.out() + retry.err());
        assertTrue(retry.out().contains("BUSY-2  written as "), retry.out());
        Cli gone = Cli.run(home, "retry", id, "BUSY-2");
        assertEquals(ExitCodes.BAD_INPUT, gone.exitCode());
        assertTrue(gone.err().contains("no record 'BUSY-2' in the outbox of " + id), gone.err());
    }

    @Test
    void pushRefusesWhatItCannotDoInOneLine() throws IOException {
        String id = subscribe(Map.of());
        Cli items = Cli.run(home, "push", id, "items", file("x.json", "[{}]").toString());
        assertEquals(ExitCodes.BAD_INPUT, items.exitCode());
        assertTrue(items.err().contains("no outbound mapping for 'items'"), items.err());
        Cli both = Cli.run(home, "push", id, "salesOrders");
        assertEquals(ExitCodes.BAD_INPUT, both.exitCode());
        assertTrue(both.err().contains("give a FILE of platform records or --quarantined"), both.err());
        Cli broken = Cli.run(
                home,
                "push",
                id,
                "salesOrders",
                file("bad.jsonl", "{\"a\":1}\nnot json\n").toString());
        assertEquals(ExitCodes.BAD_INPUT, broken.exitCode());
        assertTrue(broken.err().contains("line 2 is not a JSON object"), broken.err());
    }
}
