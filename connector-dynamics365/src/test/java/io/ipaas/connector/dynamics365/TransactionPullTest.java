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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sales documents and companies from the sandbox: the first read of a transaction entity looks back
 * {@code transactionPollSearchDays}, lines come in the same request unless their setting is off, excluded SKUs'
 * lines are dropped, a document whose lines BC cannot read is quarantined while the others keep theirs.
 */
class TransactionPullTest {
    private static final UUID USA = BcSandbox.CRONUS_USA;
    private static BcSandbox sandbox;
    private static Instant now;

    @BeforeAll
    static void start() {
        sandbox = BcSandbox.builder()
                .seed(23)
                .items(40)
                .salesOrders(30)
                .salesInvoices(60)
                .salesShipments(30)
                .build()
                .start();
        now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static Map<String, Object> settings() {
        return SandboxData.settings(sandbox, BcSandbox.DEFAULT_CLIENT_SECRET, 7);
    }

    private static TestConnectorContext context() {
        return new TestConnectorContext("transactions", Clock.fixed(now, ZoneOffset.UTC));
    }

    /** The ids of a set's documents modified at or after an instant. */
    private static Set<String> modifiedSince(String entitySet, Instant since) {
        RowSet rows = sandbox.dataset().rows(USA, entitySet);
        Set<String> ids = new HashSet<>();
        for (long p = rows.next(0); p >= 0; p = rows.next(p + 1)) {
            Map<String, Object> row = rows.row(p);
            if (!((Instant) row.get(RowSet.LAST_MODIFIED)).isBefore(since)) {
                ids.add(row.get(RowSet.ID).toString());
            }
        }
        return ids;
    }

    @Test
    void theFirstReadOfDocumentsLooksBackTheConfiguredDaysAndCarriesTheirLines() {
        for (int days : List.of(5, 12)) {
            Map<String, Object> raw = settings();
            raw.put("transactionPollSearchDays", days);
            try (Connector connector = WireMockBc.open(raw, context())) {
                Pull pull = pull(connector, "salesInvoices", Checkpoint.initial());
                Set<String> expected = modifiedSince("salesInvoices", now.minus(Duration.ofDays(days)));
                assertFalse(expected.isEmpty(), "the sandbox has invoices in the last " + days + " days");
                assertTrue(expected.size() < 60, "and older ones");
                assertEquals(expected, pull.keys(), days + " days");
                for (Record record : pull.records()) {
                    List<?> lines = (List<?>) record.fields().get("salesInvoiceLines");
                    assertFalse(lines.isEmpty(), "lines come with their invoice");
                }
            }
        }
    }

    @Test
    void masterDataStillReadsInFullWhatEverTheLookBack() {
        assertTrue(
                modifiedSince("customers", java.time.Instant.MIN).size()
                        > modifiedSince("customers", java.time.Instant.parse("0002-01-01T00:00:00Z"))
                                .size(),
                "the sandbox has a customer never modified since BC's 0001-01-01");
        try (Connector connector = WireMockBc.open(settings(), context())) {
            assertEquals(
                    new HashSet<>(sandbox.dataset().rows(USA, "customers").ids()),
                    pull(connector, "customers", Checkpoint.initial()).keys());
        }
    }

    @Test
    void afterTheFirstReadTheWatermarkWinsOverTheLookBack() {
        try (Connector connector = WireMockBc.open(settings(), TestConnectorContext.create())) {
            Pull first = pull(connector, "salesOrders", Checkpoint.initial());
            UUID created = sandbox.createSalesOrder(USA);
            Pull second = pull(connector, "salesOrders", first.checkpoint());
            assertTrue(second.keys().contains(created.toString()), second.keys().toString());
            assertTrue(second.keys().size() < first.keys().size() + 1, "only the overlap and the change");
        }
    }

    @Test
    void linesSettingsAndExcludedSkusChangeWhatEachDocumentCarries() {
        Map<String, Object> raw = settings();
        raw.put("transactionPollSearchDays", 40);
        raw.put("pullSalesShipmentLines", false);
        try (Connector connector = WireMockBc.open(raw, context())) {
            Pull shipments = pull(connector, "salesShipments", Checkpoint.initial());
            assertEquals(30, shipments.keys().size());
            shipments.records().forEach(r -> assertFalse(r.fields().containsKey("salesShipmentLines")));
        }
        raw.put("pullSalesInvoiceLines", false);
        try (Connector connector = WireMockBc.open(raw, context())) {
            pull(connector, "salesInvoices", Checkpoint.initial())
                    .records()
                    .forEach(r -> assertFalse(r.fields().containsKey("salesInvoiceLines")));
        }
        raw.put("pullSalesShipmentLines", true);
        Map<String, Integer> linesBySku = new HashMap<>();
        try (Connector connector = WireMockBc.open(raw, context())) {
            for (Record record :
                    pull(connector, "salesShipments", Checkpoint.initial()).records()) {
                for (Object line : (List<?>) record.fields().get("salesShipmentLines")) {
                    linesBySku.merge((String) ((Map<?, ?>) line).get("lineObjectNumber"), 1, Integer::sum);
                }
            }
        }
        String excluded = linesBySku.keySet().iterator().next();
        raw.put("excludedLineItemSkus", List.of(excluded));
        int total = 0;
        try (Connector connector = WireMockBc.open(raw, context())) {
            for (Record record :
                    pull(connector, "salesShipments", Checkpoint.initial()).records()) {
                for (Object line : (List<?>) record.fields().get("salesShipmentLines")) {
                    assertFalse(excluded.equals(((Map<?, ?>) line).get("lineObjectNumber")), excluded);
                    total++;
                }
            }
        }
        int all = linesBySku.values().stream().mapToInt(Integer::intValue).sum();
        assertEquals(all - linesBySku.get(excluded), total, "only the excluded SKU's lines are dropped");
    }

    @Test
    void aDocumentWhoseLinesFailIsQuarantinedAndTheOthersKeepTheirLines() {
        Map<String, Object> raw = settings();
        raw.put("transactionPollSearchDays", 40);
        List<String> ids = sandbox.dataset().rows(USA, "salesOrders").ids();
        UUID broken = UUID.fromString(ids.get(4));
        sandbox.breakLines(USA, broken);
        // the system clock: another test may have created an order after the fixed one's instant
        try (Connector connector = WireMockBc.open(raw, TestConnectorContext.create())) {
            Pull pull = pull(connector, "salesOrders", Checkpoint.initial());
            Set<String> expected = new HashSet<>(ids);
            expected.remove(broken.toString());
            assertEquals(expected, pull.keys(), "every other order arrives");
            for (Record record : pull.records()) {
                assertFalse(((List<?>) record.fields().get("salesOrderLines")).isEmpty(), record.key());
            }
            assertEquals(1, pull.rejected().size());
            RejectedRecord rejected = pull.rejected().get(0);
            assertEquals(broken.toString(), rejected.key());
            assertTrue(rejected.reason().contains("salesOrderLines"), rejected.reason());
            assertTrue(rejected.reason().contains("Internal_RecordNotFound"), rejected.reason());
        } finally {
            sandbox.mendLines(USA, broken);
        }
    }

    @Test
    void companiesAreReadFromTheEnvironmentNotFromACompany() {
        try (Connector connector = WireMockBc.open(settings(), context())) {
            Set<String> expected = new HashSet<>();
            sandbox.companies().forEach(c -> expected.add(c.id().toString()));
            assertEquals(
                    expected, pull(connector, "companies", Checkpoint.initial()).keys());
        }
    }

    @Test
    void shortFailuresAreRepeatedInsideTheClientWithBackoffAndLongWaitsGoToTheHost() {
        sandbox.faults().retryAfterSeconds(0).failNext(2, 503);
        try (Connector connector = WireMockBc.open(settings(), context())) {
            assertEquals(
                    new HashSet<>(sandbox.dataset().rows(USA, "currencies").ids()),
                    pull(connector, "currencies", Checkpoint.initial()).keys());
            assertEquals(2L, connector.metrics().get("dynamics365.http.retries"), "two 503s, two retries");
        }
        sandbox.faults().retryAfterSeconds(30).failNext(1, 429);
        try (Connector connector = WireMockBc.open(settings(), context())) {
            PollSource source = connector.entity("currencies").pollSource().orElseThrow();
            io.ipaas.connector.api.error.ConnectorException throttled = org.junit.jupiter.api.Assertions.assertThrows(
                    io.ipaas.connector.api.error.ConnectorException.class,
                    () -> source.poll(PollRequest.from(Checkpoint.initial(), 7)));
            assertEquals(Duration.ofSeconds(30), throttled.retryAfter().orElseThrow(), "the host waits, not a thread");
        } finally {
            sandbox.faults().clear();
        }
    }

    private record Pull(List<Record> records, List<RejectedRecord> rejected, Checkpoint checkpoint) {
        Set<String> keys() {
            Set<String> keys = new HashSet<>();
            records.forEach(r -> keys.add(r.key()));
            return keys;
        }
    }

    private static Pull pull(Connector connector, String entity, Checkpoint from) {
        PollSource source = connector.entity(entity).pollSource().orElseThrow();
        List<Record> records = new ArrayList<>();
        List<RejectedRecord> rejected = new ArrayList<>();
        Checkpoint checkpoint = from;
        PollBatch batch;
        int polls = 0;
        do {
            batch = source.poll(PollRequest.from(checkpoint, 7));
            records.addAll(batch.records());
            rejected.addAll(batch.rejected());
            checkpoint = batch.next();
        } while (batch.hasMore() && ++polls < 200);
        assertFalse(batch.hasMore(), "the pull ends");
        return new Pull(records, rejected, checkpoint);
    }
}
