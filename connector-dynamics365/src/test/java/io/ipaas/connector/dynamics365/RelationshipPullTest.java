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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** People related to their companies, and the parent-company hierarchy with its cycles and missing parents. */
class RelationshipPullTest {
    private static final java.util.UUID USA = BcSandbox.CRONUS_USA;
    private static BcSandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox =
                BcSandbox.builder().items(5).customers(23).contacts(31).build().start();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static Map<String, Object> settings(boolean relationships, boolean hierarchy, boolean parentsFirst) {
        Map<String, Object> raw = SandboxData.settings(sandbox, BcSandbox.DEFAULT_CLIENT_SECRET, 4);
        raw.put("processCompanyRelationship", relationships);
        raw.put("enableCompanyHierarchy", hierarchy);
        raw.put("processCompanyCreationInPrerequisite", parentsFirst);
        return raw;
    }

    private static List<Map<String, Object>> rows(String entitySet) {
        RowSet rows = sandbox.dataset().rows(USA, entitySet);
        List<Map<String, Object>> list = new ArrayList<>();
        for (long p = rows.next(0); p >= 0; p = rows.next(p + 1)) {
            list.add(rows.row(p));
        }
        return list;
    }

    @Test
    void eachPersonIsRelatedToItsCompanyContact() {
        Map<String, String> companyIds = new HashMap<>();
        rows("contacts").stream()
                .filter(c -> c.get("type").equals("Company"))
                .forEach(c ->
                        companyIds.put((String) c.get("number"), c.get("id").toString()));
        Set<String> expected = new HashSet<>();
        rows("contacts").stream()
                .filter(c -> c.get("type").equals("Person"))
                .forEach(c -> expected.add(companyIds.get((String) c.get("companyNumber")) + "|" + c.get("id")));
        try (Connector off = WireMockBc.open(settings(false, false, false), TestConnectorContext.create())) {
            assertTrue(
                    off.entities().stream().noneMatch(e -> e.descriptor().name().equals("companyRelationships")));
        }
        try (Connector connector = WireMockBc.open(settings(true, false, false), TestConnectorContext.create())) {
            Pull pull = pull(connector, "companyRelationships");
            assertEquals(expected, pull.keys());
            Record first = pull.records().get(0);
            assertEquals("Person", first.fields().get("RelationshipType"));
            assertEquals(
                    first.key(),
                    first.fields().get("parentId") + "|" + first.fields().get("childId"));
        }
    }

    @Test
    void parentsComeFirstAndCyclesAndMissingParentsAreReportedNotFollowed() {
        List<Map<String, Object>> customers = rows("customers");
        Map<String, String> ids = new HashMap<>();
        customers.forEach(c -> ids.put((String) c.get("number"), c.get("id").toString()));
        String a = (String) customers.get(0).get("number");
        String b = (String) customers.get(1).get("number");
        String c = (String) customers.get(2).get("number");
        sandbox.setParentCustomer(USA, a, b);
        sandbox.setParentCustomer(USA, b, a); // a cycle
        sandbox.setParentCustomer(USA, c, "99999"); // a parent that does not exist
        try (Connector connector = WireMockBc.open(settings(false, true, true), TestConnectorContext.create())) {
            Pull pull = pull(connector, "companyHierarchy");
            Set<String> rejected = new HashSet<>();
            pull.rejected().forEach(r -> rejected.add(r.key()));
            assertTrue(rejected.containsAll(Set.of(ids.get(a), ids.get(b), ids.get(c))), rejected.toString());
            // the customers below a and b never reach a top-level company either
            for (RejectedRecord below : pull.rejected()) {
                if (!Set.of(ids.get(a), ids.get(b), ids.get(c)).contains(below.key())) {
                    assertTrue(below.reason().contains("'s parents run into a parent cycle"), below.reason());
                }
            }
            assertTrue(
                    pull.rejected().stream()
                            .anyMatch(r -> r.reason().contains("parent cycle (" + a + " -> " + b + " -> " + a + ")")),
                    pull.rejected().toString());
            assertTrue(pull.rejected().stream().anyMatch(r -> r.reason().contains("names the parent customer 99999")));
            assertFalse(pull.records().isEmpty());
            int level = 0;
            Set<String> seenChildren = new HashSet<>();
            for (Record record : pull.records()) {
                int recordLevel = ((Number) record.fields().get("level")).intValue();
                assertTrue(recordLevel >= level, "parents first");
                level = recordLevel;
                String parent = (String) record.fields().get("parentId");
                assertEquals("Parent Company", record.fields().get("RelationshipType"));
                if (recordLevel > 1) {
                    assertTrue(seenChildren.contains(parent), "the parent's own link came before " + record.key());
                }
                seenChildren.add((String) record.fields().get("childId"));
            }
            assertTrue(level >= 2, "the sandbox's hierarchy has two levels");
        } finally {
            sandbox.setParentCustomer(USA, a, "");
            sandbox.setParentCustomer(USA, b, "");
            sandbox.setParentCustomer(USA, c, "");
        }
    }

    @Test
    void withoutCreatingParentsFirstTheHierarchyComesInCustomerNumberOrder() {
        try (Connector connector = WireMockBc.open(settings(false, true, false), TestConnectorContext.create())) {
            List<String> children = pull(connector, "companyHierarchy").records().stream()
                    .map(r -> (String) r.fields().get("childNumber"))
                    .toList();
            List<String> sorted = new ArrayList<>(children);
            java.util.Collections.sort(sorted);
            assertEquals(sorted, children);
            assertTrue(children.size() >= 2);
        }
    }

    private record Pull(List<Record> records, List<RejectedRecord> rejected) {
        Set<String> keys() {
            Set<String> keys = new HashSet<>();
            records.forEach(r -> keys.add(r.key()));
            return keys;
        }
    }

    private static Pull pull(Connector connector, String entity) {
        PollSource source = connector.entity(entity).pollSource().orElseThrow();
        List<Record> records = new ArrayList<>();
        List<RejectedRecord> rejected = new ArrayList<>();
        Checkpoint checkpoint = Checkpoint.initial();
        PollBatch batch;
        int polls = 0;
        do {
            batch = source.poll(PollRequest.from(checkpoint, 3));
            assertTrue(batch.records().size() + batch.rejected().size() <= 3);
            records.addAll(batch.records());
            rejected.addAll(batch.rejected());
            checkpoint = batch.next();
        } while (batch.hasMore() && ++polls < 100);
        assertFalse(batch.hasMore());
        return new Pull(records, rejected);
    }
}
