package io.ipaas.connector.dynamics365;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipaas.bcsandbox.BcSandbox;
import io.ipaas.bcsandbox.data.RowSet;
import io.ipaas.connector.api.Connector;
import io.ipaas.connector.api.entity.Record;
import io.ipaas.connector.api.poll.Checkpoint;
import io.ipaas.connector.api.poll.PollBatch;
import io.ipaas.connector.api.poll.PollRequest;
import io.ipaas.connector.api.poll.PollSource;
import io.ipaas.connector.api.poll.RejectedRecord;
import io.ipaas.connector.testkit.TestConnectorContext;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Customer price groups and customer-specific item prices from the ODataV4 pages, by company name: the sales codes
 * and expiry settings choose the prices, the separators build the guide's string, and a value that contains a
 * separator is reported with its item instead of corrupting the string.
 */
class PricePullTest {
    private static BcSandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = BcSandbox.builder().seed(5).items(80).build().start();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static Map<String, Object> settings(List<String> codes, boolean excludeExpired) {
        Map<String, Object> raw = SandboxData.settings(sandbox, BcSandbox.DEFAULT_CLIENT_SECRET, 10);
        raw.put("salesCodesForCustomerPrice", codes);
        raw.put("excludeExpiredRules", excludeExpired);
        return raw;
    }

    /** The sandbox's price rows of these codes, per item, as BC would filter them. */
    private static Map<String, List<Map<String, Object>>> expected(Set<String> codes, boolean excludeExpired) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        RowSet rows = sandbox.dataset()
                .priceData(BcSandbox.CRONUS_USA)
                .set("SalesPrices")
                .orElseThrow();
        Map<String, List<Map<String, Object>>> byItem = new HashMap<>();
        for (long p = rows.next(0); p >= 0; p = rows.next(p + 1)) {
            Map<String, Object> row = rows.row(p);
            LocalDate ending = (LocalDate) row.get("Ending_Date");
            boolean expired = !ending.equals(LocalDate.of(1, 1, 1)) && ending.isBefore(today);
            if (codes.contains((String) row.get("Sales_Code")) && !(excludeExpired && expired)) {
                byItem.computeIfAbsent((String) row.get("Item_No"), k -> new ArrayList<>())
                        .add(row);
            }
        }
        return byItem;
    }

    @Test
    void salesCodesAndExpiryChooseThePricesAndTheStringFollowsTheGuide() {
        Set<String> codes = Set.of("RETAIL", "VIP");
        for (boolean excludeExpired : List.of(true, false)) {
            Map<String, List<Map<String, Object>>> expected = expected(codes, excludeExpired);
            try (Connector connector =
                    WireMockBc.open(settings(List.copyOf(codes), excludeExpired), TestConnectorContext.create())) {
                Pull pull = pull(connector, "itemPrices", 7);
                assertEquals(List.of(), pull.rejected());
                assertEquals(expected.keySet(), pull.keys(), "excludeExpired " + excludeExpired);
                for (Record record : pull.records()) {
                    List<?> rules = (List<?>) record.fields().get("priceRules");
                    assertEquals(expected.get(record.key()).size(), rules.size(), record.key());
                    String formatted = (String) record.fields().get("salesPrices");
                    String[] prices = formatted.split("//", -1);
                    assertEquals(rules.size(), prices.length, formatted);
                    for (String price : prices) {
                        String[] fields = price.split("\\|", -1);
                        assertEquals(9, fields.length, price);
                        assertEquals("Customer Price Group", fields[1], price);
                        assertTrue(codes.contains(fields[2]), price);
                        assertEquals(record.key(), fields[3]);
                        assertFalse(fields[4].isEmpty(), "the item's description: " + price);
                    }
                }
            }
        }
        assertTrue(
                expected(codes, false).values().stream().mapToInt(List::size).sum()
                        > expected(codes, true).values().stream()
                                .mapToInt(List::size)
                                .sum(),
                "the sandbox has expired prices of these codes");
    }

    @Test
    void aValueHoldingTheSeparatorIsReportedWithItsItemAndTheOthersArrive() {
        Map<String, Object> raw = settings(List.of("RETAIL", "WHOLESALE", "VIP", "EXPORT"), true);
        raw.put("salesPriceFieldSeparator", ","); // descriptions such as "VIENNA Bookcase, white" hold it
        raw.put("salesPriceRecordDelimiter", ";");
        try (Connector connector = WireMockBc.open(raw, TestConnectorContext.create())) {
            Pull pull = pull(connector, "itemPrices", 50);
            assertFalse(pull.rejected().isEmpty());
            assertFalse(pull.records().isEmpty());
            for (RejectedRecord rejected : pull.rejected()) {
                assertTrue(
                        rejected.reason().startsWith("itemPrices " + rejected.key() + ": the description '")
                                && rejected.reason()
                                        .contains("contains the field separator ',' (salesPriceFieldSeparator)"),
                        rejected.reason());
            }
            for (Record record : pull.records()) {
                String formatted = (String) record.fields().get("salesPrices");
                for (String price : formatted.split(";", -1)) {
                    assertEquals(9, price.split(",", -1).length, price);
                }
            }
            Set<String> all = new HashSet<>(pull.keys());
            pull.rejected().forEach(r -> all.add(r.key()));
            assertEquals(
                    expected(Set.of("RETAIL", "WHOLESALE", "VIP", "EXPORT"), true)
                            .keySet(),
                    all,
                    "every item either arrives or is reported");
        }
    }

    @Test
    void noSalesCodesMeansNoCustomerPrices() {
        try (Connector connector = WireMockBc.open(settings(List.of(), true), TestConnectorContext.create())) {
            assertEquals(Set.of(), pull(connector, "itemPrices", 50).keys());
        }
    }

    @Test
    void priceGroupsAreOfferedWhenTransferredAndReadWhole() {
        try (Connector connector = WireMockBc.open(settings(List.of(), true), TestConnectorContext.create())) {
            assertTrue(
                    connector.entities().stream()
                            .noneMatch(e -> e.descriptor().name().equals("customerPriceGroups")),
                    "off by default");
        }
        Map<String, Object> raw = settings(List.of(), true);
        raw.put("transferCustomerPriceGroups", true);
        try (Connector connector = WireMockBc.open(raw, TestConnectorContext.create())) {
            assertEquals(
                    Set.of("RETAIL", "WHOLESALE", "VIP", "EXPORT"),
                    pull(connector, "customerPriceGroups", 3).keys());
            assertEquals(
                    Set.of("RETAIL", "WHOLESALE", "VIP", "EXPORT"),
                    pull(connector, "customerPriceGroups", 3).keys(),
                    "every sync reads the whole set");
        }
    }

    private record Pull(List<Record> records, List<RejectedRecord> rejected) {
        Set<String> keys() {
            Set<String> keys = new HashSet<>();
            records.forEach(r -> keys.add(r.key()));
            return keys;
        }
    }

    private static Pull pull(Connector connector, String entity, int maxRecords) {
        PollSource source = connector.entity(entity).pollSource().orElseThrow();
        List<Record> records = new ArrayList<>();
        List<RejectedRecord> rejected = new ArrayList<>();
        Checkpoint checkpoint = Checkpoint.initial();
        PollBatch batch;
        int polls = 0;
        do {
            batch = source.poll(PollRequest.from(checkpoint, maxRecords));
            assertTrue(batch.records().size() <= maxRecords);
            records.addAll(batch.records());
            rejected.addAll(batch.rejected());
            checkpoint = batch.next();
        } while (batch.hasMore() && ++polls < 200);
        assertFalse(batch.hasMore());
        return new Pull(records, rejected);
    }
}
