package io.ipaas.connector.dynamics365;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipaas.bcsandbox.BcSandbox;
import io.ipaas.bcsandbox.odata.RecordFault;
import io.ipaas.connector.api.Connector;
import io.ipaas.connector.api.entity.Record;
import io.ipaas.connector.api.poll.Checkpoint;
import io.ipaas.connector.api.poll.PollBatch;
import io.ipaas.connector.api.poll.PollRequest;
import io.ipaas.connector.api.poll.PollSource;
import io.ipaas.connector.api.poll.RejectedRecord;
import io.ipaas.connector.testkit.TestConnectorContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pulls from the sandbox through {@link PollSource}: bad records become rejected records of their batch and the
 * pull carries on to the end; continuation links are accepted exactly as the sandbox (like BC) sends them.
 */
class SandboxPullTest {
    private static BcSandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = BcSandbox.builder()
                .seed(11)
                .items(25)
                .variantsPerItem(1)
                .build()
                .start();
        sandbox.faults()
                .breakRecord(BcSandbox.CRONUS_USA, "items", 3, RecordFault.MISSING_ID)
                .breakRecord(BcSandbox.CRONUS_USA, "items", 17, RecordFault.UNPARSABLE_LAST_MODIFIED);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void aRecordWithoutAnIdAndOneWithAnUnparsableTimestampAreRejectedAndThePullCompletes() {
        List<String> ids = SandboxData.itemIds(sandbox);
        List<Record> records = new ArrayList<>();
        List<RejectedRecord> rejected = new ArrayList<>();
        TestConnectorContext context = TestConnectorContext.create();
        try (Connector connector = WireMockBc.open(settings(), context)) {
            PollSource source = connector.entity("items").pollSource().orElseThrow();
            Checkpoint checkpoint = Checkpoint.initial();
            PollBatch batch;
            int polls = 0;
            do {
                batch = source.poll(PollRequest.from(checkpoint, 10));
                records.addAll(batch.records());
                rejected.addAll(batch.rejected());
                checkpoint = batch.next();
                polls++;
            } while (batch.hasMore() && polls < 10);
            assertFalse(batch.hasMore(), "the pull reached its last page");
            assertTrue(
                    checkpoint.values().containsKey("watermark"),
                    checkpoint.values().toString());
            assertEquals(2L, connector.metrics().get("records.rejected"));
            assertEquals(23L, connector.metrics().get("records.read"));
        }

        Set<String> expected = new HashSet<>(ids);
        expected.remove(ids.get(3));
        expected.remove(ids.get(17));
        assertEquals(expected, new HashSet<>(records.stream().map(Record::key).toList()));

        assertEquals(2, rejected.size());
        RejectedRecord noId = rejected.get(0);
        assertEquals("?", noId.key());
        assertTrue(noId.reason().startsWith("items record without its key id"), noId.reason());
        assertTrue(noId.raw().contains("\"lastModifiedDateTime\""), noId.raw());
        assertFalse(noId.raw().contains("\"id\":\"" + ids.get(3) + "\""), noId.raw());
        RejectedRecord badTime = rejected.get(1);
        assertEquals(ids.get(17), badTime.key());
        assertTrue(badTime.reason().contains("lastModifiedDateTime 'not-a-date'"), badTime.reason());
        assertTrue(badTime.raw().contains("\"id\":\"" + ids.get(17) + "\""), badTime.raw());
        assertTrue(badTime.raw().startsWith("{\"@odata.etag\""), badTime.raw());
        assertTrue(
                context.logger().lines().stream().anyMatch(line -> line.startsWith("WARNING items: 1 record(s)")),
                context.logger().lines().toString());
    }

    /** Continuation links are checked against the configured URL, so a tenant given by its domain must page too. */
    @Test
    void aTenantGivenByItsDomainPagesThroughEveryItemWithTheLinksBusinessCentralSends() {
        Map<String, Object> raw = settings();
        raw.put("tenantId", sandbox.tenantDomain());
        raw.put("pageSize", 4);
        Set<String> keys = new HashSet<>();
        int rejected = 0;
        try (Connector connector = WireMockBc.open(raw, TestConnectorContext.create())) {
            PollSource source = connector.entity("itemVariants").pollSource().orElseThrow();
            Checkpoint checkpoint = Checkpoint.initial();
            PollBatch batch;
            do {
                batch = source.poll(PollRequest.from(checkpoint, 4));
                batch.records().forEach(record -> keys.add(record.key()));
                rejected += batch.rejected().size();
                checkpoint = batch.next();
            } while (batch.hasMore());
        }
        assertEquals(new HashSet<>(SandboxData.variantIds(sandbox)), keys);
        assertEquals(0, rejected);
    }

    /** Every catalogued entity pulls in full; a setting that names another entity set changes what is read. */
    @Test
    void customersContactsAndReferenceDataPullInFullAndContactsEndpointChoosesTheSet() {
        for (String entity : List.of(
                "customers",
                "contacts",
                "paymentTerms",
                "currencies",
                "unitsOfMeasure",
                "itemCategories",
                "locations",
                "shipmentMethods")) {
            try (Connector connector = WireMockBc.open(settings(), TestConnectorContext.create())) {
                assertEquals(
                        new HashSet<>(sandbox.dataset()
                                .rows(BcSandbox.CRONUS_USA, entity)
                                .ids()),
                        pullAll(connector, entity),
                        entity);
            }
        }
        Map<String, Object> raw = settings();
        raw.put("contactsEndpoint", "customers");
        try (Connector connector = WireMockBc.open(raw, TestConnectorContext.create())) {
            assertEquals(
                    new HashSet<>(sandbox.dataset()
                            .rows(BcSandbox.CRONUS_USA, "customers")
                            .ids()),
                    pullAll(connector, "contacts"),
                    "contacts read from the customers entity set");
        }
        raw.put("contactsEndpoint", "vendors");
        try (Connector connector = WireMockBc.open(raw, TestConnectorContext.create())) {
            io.ipaas.connector.api.error.ConnectorException e = org.junit.jupiter.api.Assertions.assertThrows(
                    io.ipaas.connector.api.error.ConnectorException.class, () -> pullAll(connector, "contacts"));
            assertTrue(e.getMessage().contains("vendors"), e.getMessage());
        }
    }

    private static Set<String> pullAll(Connector connector, String entity) {
        PollSource source = connector.entity(entity).pollSource().orElseThrow();
        Set<String> keys = new HashSet<>();
        Checkpoint checkpoint = Checkpoint.initial();
        PollBatch batch;
        int polls = 0;
        do {
            batch = source.poll(PollRequest.from(checkpoint, 10));
            batch.records().forEach(record -> keys.add(record.key()));
            assertEquals(List.of(), batch.rejected(), entity);
            checkpoint = batch.next();
        } while (batch.hasMore() && ++polls < 100);
        return keys;
    }

    private static Map<String, Object> settings() {
        return SandboxData.settings(sandbox, BcSandbox.DEFAULT_CLIENT_SECRET, 10);
    }
}
