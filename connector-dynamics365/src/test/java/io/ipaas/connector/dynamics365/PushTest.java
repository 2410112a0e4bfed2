package io.ipaas.connector.dynamics365;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipaas.bcsandbox.BcSandbox;
import io.ipaas.bcsandbox.data.Item;
import io.ipaas.bcsandbox.data.RowSet;
import io.ipaas.connector.api.Connector;
import io.ipaas.connector.api.entity.EntityWriter;
import io.ipaas.connector.api.entity.OutboundRecord;
import io.ipaas.connector.api.entity.WriteOutcome;
import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.api.error.ErrorKind;
import io.ipaas.connector.testkit.TestConnectorContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Orders, customers and contacts pushed to the sandbox: a first push of N orders costs ceil(N / 100) requests, a
 * repeated or unanswered one never creates an order twice, deadlocks and 5xx are retried, refused orders fail alone
 * naming the order and the SKU, customers are matched by number then e-mail and updated with If-Match.
 */
class PushTest {
    private static final UUID USA = BcSandbox.CRONUS_USA;
    private static BcSandbox sandbox;
    private static String customerNumber;
    private static List<Item> sellable;
    private static Item blocked;

    @BeforeAll
    static void start() {
        sandbox = BcSandbox.builder()
                .seed(31)
                .items(400)
                .customers(20)
                .contacts(20)
                .salesOrders(3)
                .build()
                .start();
        customerNumber =
                (String) sandbox.dataset().rows(USA, "customers").row(1).get("number");
        sellable = sandbox.dataset()
                .items(USA)
                .filter(item -> !item.blocked() && item.type().equals("Inventory"))
                .limit(3)
                .toList();
        blocked = sandbox.dataset().items(USA).filter(Item::blocked).findFirst().orElseThrow();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @AfterEach
    void clearFaults() {
        sandbox.faults().clear();
    }

    private static Connector open(Map<String, Object> extra) {
        Map<String, Object> raw = SandboxData.settings(sandbox, BcSandbox.DEFAULT_CLIENT_SECRET, 100);
        raw.putAll(extra);
        return WireMockBc.open(raw, TestConnectorContext.create());
    }

    private static EntityWriter writer(Connector connector, String entity) {
        return connector.entity(entity).writer().orElseThrow();
    }

    private static Map<String, Object> orderFields(String number, String... skus) {
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("externalDocumentNumber", number);
        order.put("customerNumber", customerNumber);
        order.put("shipToName", "Receiving");
        List<Map<String, Object>> lines = new ArrayList<>();
        for (String sku : skus) {
            lines.add(Map.of("lineType", "Item", "lineObjectNumber", sku, "quantity", 2));
        }
        order.put("salesOrderLines", lines);
        return order;
    }

    private static List<OutboundRecord> orders(String prefix, int count, boolean firstAttempt) {
        List<OutboundRecord> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String number = prefix + "-" + i;
            records.add(new OutboundRecord(
                    "salesOrders",
                    number,
                    orderFields(number, sellable.get(i % 3).number()),
                    Optional.empty(),
                    firstAttempt));
        }
        return records;
    }

    private static Set<String> stored(String prefix) {
        RowSet rows = sandbox.dataset().rows(USA, "salesOrders");
        Set<String> numbers = new HashSet<>();
        for (long p = rows.next(0); p >= 0; p = rows.next(p + 1)) {
            String external = (String) rows.row(p).get("externalDocumentNumber");
            if (external.startsWith(prefix + "-")) {
                numbers.add(external);
            }
        }
        return numbers;
    }

    private static void assertAllWritten(List<WriteOutcome> outcomes) {
        for (WriteOutcome outcome : outcomes) {
            assertTrue(
                    outcome.succeeded(),
                    outcome.idempotencyKey() + ": "
                            + outcome.failure().map(Throwable::getMessage).orElse(""));
            assertTrue(outcome.remoteKey().isPresent());
        }
    }

    @Test
    void aFirstPushTakesOneBatchPerHundredOrdersAndARepeatCreatesNothing() {
        try (Connector connector = open(Map.of())) {
            EntityWriter writer = writer(connector, "salesOrders");
            long created = sandbox.salesOrdersCreated();
            long requests = sandbox.stats().apiRequests();
            List<WriteOutcome> first = writer.write(orders("FIRST", 250, true));
            assertAllWritten(first);
            assertEquals(
                    1 + 3,
                    sandbox.stats().apiRequests() - requests,
                    "the company's id, once per connector, and ceil(250 / 100) batches");
            assertEquals(created + 250, sandbox.salesOrdersCreated());

            long before = sandbox.stats().apiRequests();
            List<WriteOutcome> again = writer.write(orders("FIRST", 250, false));
            assertAllWritten(again);
            assertEquals(3, sandbox.stats().apiRequests() - before, "one batch of lookups per hundred orders");
            for (int i = 0; i < first.size(); i++) {
                assertEquals(first.get(i).remoteKey(), again.get(i).remoteKey(), "the same order, found");
            }
            assertEquals(created + 250, sandbox.salesOrdersCreated(), "a repeat creates nothing");
            assertEquals(0, sandbox.duplicateSalesOrders());
        }
    }

    @Test
    void anUnansweredBatchIsLookedUpBeforeAnythingIsSentAgain() {
        try (Connector connector = open(Map.of())) {
            sandbox.faults().timeoutAfterCreateNext(1);
            List<WriteOutcome> outcomes = writer(connector, "salesOrders").write(orders("TIMEOUT", 150, true));
            assertAllWritten(outcomes);
            assertEquals(150, stored("TIMEOUT").size());
            assertEquals(
                    0, sandbox.duplicateSalesOrders(), "the orders of the unanswered batch were found, not re-sent");
        }
    }

    @Test
    void deadlocksAnd5xxAreSentAgainAndNothingIsDoubled() {
        try (Connector connector = open(Map.of())) {
            sandbox.faults().deadlockNext(3).failWritesNext(2, 503).retryAfterSeconds(0);
            sandbox.faults().failNext(1, 502);
            List<WriteOutcome> outcomes = writer(connector, "salesOrders").write(orders("BUSY", 120, true));
            assertAllWritten(outcomes);
            assertEquals(120, stored("BUSY").size());
            assertEquals(0, sandbox.duplicateSalesOrders());
        }
    }

    @Test
    void aRefusedOrderFailsAloneNamingTheOrderAndTheSku() {
        try (Connector connector = open(Map.of())) {
            List<OutboundRecord> records = new ArrayList<>(orders("MIXED", 2, true));
            records.add(
                    1,
                    new OutboundRecord(
                            "salesOrders",
                            "MIXED-unknown",
                            orderFields("MIXED-unknown", "NO-SUCH-SKU"),
                            Optional.empty(),
                            true));
            records.add(
                    2,
                    new OutboundRecord(
                            "salesOrders",
                            "MIXED-blocked",
                            orderFields("MIXED-blocked", blocked.number()),
                            Optional.empty(),
                            true));
            Map<String, Object> noCustomer =
                    orderFields("MIXED-nocustomer", sellable.get(0).number());
            noCustomer.remove("customerNumber");
            records.add(new OutboundRecord("salesOrders", "MIXED-nocustomer", noCustomer, Optional.empty(), true));
            Map<String, Object> longName =
                    orderFields("MIXED-long", sellable.get(0).number());
            longName.put("shipToName", "x".repeat(101));
            records.add(new OutboundRecord("salesOrders", "MIXED-long", longName, Optional.empty(), true));
            Map<String, Object> unknownCustomer =
                    orderFields("MIXED-customer", sellable.get(0).number());
            unknownCustomer.put("customerNumber", "NOBODY");
            records.add(new OutboundRecord("salesOrders", "MIXED-customer", unknownCustomer, Optional.empty(), true));

            List<WriteOutcome> outcomes = writer(connector, "salesOrders").write(records);
            assertTrue(outcomes.get(0).succeeded());
            assertTrue(outcomes.get(3).succeeded(), "the good orders around the bad ones");
            String unknown = failure(outcomes.get(1), ErrorKind.DATA);
            assertTrue(
                    unknown.startsWith(
                            "sales order MIXED-unknown, line with SKU 'NO-SUCH-SKU': Business Central has no item"),
                    unknown);
            String isBlocked = failure(outcomes.get(2), ErrorKind.DATA);
            assertTrue(
                    isBlocked.contains(
                            "line with SKU '" + blocked.number() + "': item '" + blocked.number() + "' is blocked"),
                    isBlocked);
            assertTrue(failure(outcomes.get(4), ErrorKind.DATA)
                    .contains("A \"customerNumber\" or a \"customerId\" must be provided"));
            assertTrue(failure(outcomes.get(5), ErrorKind.DATA)
                    .contains("field 'shipToName' is 101 characters, Business Central allows 100"));
            assertTrue(failure(outcomes.get(6), ErrorKind.DATA).contains("Business Central has no customer 'NOBODY'"));
            assertEquals(Set.of("MIXED-0", "MIXED-1"), stored("MIXED"));
        }
    }

    @Test
    void linesOfExcludedSkusAreNeverSent() {
        try (Connector connector =
                open(Map.of("excludedLineItemSkus", List.of(sellable.get(1).number())))) {
            Map<String, Object> order = orderFields(
                    "EXCL-1", sellable.get(0).number(), sellable.get(1).number());
            WriteOutcome outcome = writer(connector, "salesOrders")
                    .write(List.of(new OutboundRecord("salesOrders", "EXCL-1", order, Optional.empty(), true)))
                    .get(0);
            assertTrue(
                    outcome.succeeded(),
                    outcome.failure().map(Throwable::getMessage).orElse(""));
            UUID id = UUID.fromString(outcome.remoteKey().orElseThrow());
            RowSet lines = sandbox.dataset().salesDocuments(USA).lines(id).orElseThrow();
            assertEquals(1, lines.positions());
            assertEquals(sellable.get(0).number(), lines.row(0).get("lineObjectNumber"));
        }
    }

    @Test
    void anOrderForACustomerWithoutPostingGroupsSaysWhatToSetUp() {
        sandbox.customerTemplates(false);
        try (Connector connector = open(Map.of())) {
            WriteOutcome customer = writer(connector, "customers")
                    .write(List.of(new OutboundRecord(
                            "customers", "p-bare", Map.of("displayName", "Bare Ltd"), Optional.empty(), true)))
                    .get(0);
            String number = (String) sandbox.dataset()
                    .rows(USA, "customers")
                    .find(UUID.fromString(customer.remoteKey().orElseThrow()))
                    .orElseThrow()
                    .get("number");
            Map<String, Object> order = orderFields("PG-1", sellable.get(0).number());
            order.put("customerNumber", number);
            String message = failure(
                    writer(connector, "salesOrders")
                            .write(List.of(new OutboundRecord("salesOrders", "PG-1", order, Optional.empty(), true)))
                            .get(0),
                    ErrorKind.DATA);
            assertTrue(
                    message.startsWith("sales order PG-1: Business Central needs a posting group that is not set up"
                            + " (Gen. Bus. Posting Group must have a value in Customer: No.=" + number),
                    message);
        } finally {
            sandbox.customerTemplates(true);
        }
    }

    private static String failure(WriteOutcome outcome, ErrorKind kind) {
        ConnectorException failure =
                outcome.failure().orElseThrow(() -> new AssertionError(outcome.idempotencyKey() + " was written"));
        assertEquals(kind, failure.kind(), failure.getMessage());
        return failure.getMessage();
    }

    @Test
    void customersAreMatchedByNumberThenEmailAndUpdatedWithIfMatch() {
        RowSet customers = sandbox.dataset().rows(USA, "customers");
        Map<String, Object> byNumber = customers.row(2);
        Map<String, Object> byEmail = customers.row(3);
        try (Connector connector = open(Map.of())) {
            EntityWriter writer = writer(connector, "customers");
            long before = customers.positions();
            List<WriteOutcome> outcomes = writer.write(List.of(
                    new OutboundRecord(
                            "customers",
                            "p-1",
                            Map.of("number", byNumber.get("number"), "displayName", "Renamed by number"),
                            Optional.empty(),
                            true),
                    new OutboundRecord(
                            "customers",
                            "p-2",
                            Map.of("email", byEmail.get("email"), "displayName", "Renamed by e-mail"),
                            Optional.empty(),
                            true),
                    new OutboundRecord(
                            "customers",
                            "p-3",
                            Map.of("displayName", "Brand new", "email", "new@example.com"),
                            Optional.empty(),
                            true),
                    new OutboundRecord(
                            "customers", "p-4", Map.of("displayName", "x".repeat(101)), Optional.empty(), true)));
            assertAllWritten(outcomes.subList(0, 3));
            assertEquals(
                    byNumber.get("id").toString(), outcomes.get(0).remoteKey().orElseThrow());
            assertEquals(
                    byEmail.get("id").toString(), outcomes.get(1).remoteKey().orElseThrow());
            assertEquals(
                    "Renamed by number",
                    customers.find((UUID) byNumber.get("id")).orElseThrow().get("displayName"));
            assertEquals(
                    "Renamed by e-mail",
                    customers.find((UUID) byEmail.get("id")).orElseThrow().get("displayName"));
            assertEquals(before + 1, customers.positions(), "one customer created");
            assertTrue(failure(outcomes.get(3), ErrorKind.DATA).contains("field 'displayName' is 101 characters"));

            // the platform saw an older version: BC refuses it, the connector reads the record again and writes once
            // more
            String stale = outcomes.get(0).version().orElseThrow();
            sandbox.touch(USA, "customers", (UUID) byNumber.get("id"));
            WriteOutcome again = writer.write(List.of(new OutboundRecord(
                            "customers",
                            "p-1",
                            Map.of("number", byNumber.get("number"), "displayName", "After a conflict"),
                            Optional.of(stale),
                            false)))
                    .get(0);
            assertTrue(
                    again.succeeded(),
                    again.failure().map(Throwable::getMessage).orElse(""));
            assertEquals(
                    "After a conflict",
                    customers.find((UUID) byNumber.get("id")).orElseThrow().get("displayName"));
        }
    }

    @Test
    void contactsAreUpsertedTheSameWay() {
        RowSet contacts = sandbox.dataset().rows(USA, "contacts");
        Map<String, Object> existing = contacts.row(0);
        try (Connector connector = open(Map.of())) {
            List<WriteOutcome> outcomes = writer(connector, "contacts")
                    .write(List.of(
                            new OutboundRecord(
                                    "contacts",
                                    "c-1",
                                    Map.of("number", existing.get("number"), "jobTitle", "Buyer"),
                                    Optional.empty(),
                                    true),
                            new OutboundRecord(
                                    "contacts",
                                    "c-2",
                                    Map.of("displayName", "New Person", "type", "Person", "email", "p@example.com"),
                                    Optional.empty(),
                                    true)));
            assertAllWritten(outcomes);
            assertEquals(
                    "Buyer",
                    contacts.find((UUID) existing.get("id")).orElseThrow().get("jobTitle"));
            assertFalse(outcomes.get(1)
                    .remoteKey()
                    .orElseThrow()
                    .equals(existing.get("id").toString()));
        }
    }
}
