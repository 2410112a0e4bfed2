package io.ipaas.connector.dynamics365;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipaas.bcsandbox.BcSandbox;
import io.ipaas.connector.api.CheckResult;
import io.ipaas.connector.api.Connector;
import io.ipaas.connector.api.entity.EntityDescriptor;
import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.api.error.ErrorKind;
import io.ipaas.connector.api.poll.Checkpoint;
import io.ipaas.connector.api.poll.PollBatch;
import io.ipaas.connector.api.poll.PollRequest;
import io.ipaas.connector.api.poll.PollSource;
import io.ipaas.connector.testkit.TestConnectorContext;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Custom API pages declared in customApiPages: described from $metadata, read with no code of their own. */
class CustomApiPagesTest {
    private static BcSandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = BcSandbox.builder().items(5).build().start();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static Map<String, Object> settings(List<String> pages) {
        Map<String, Object> raw = SandboxData.settings(sandbox, BcSandbox.DEFAULT_CLIENT_SECRET, 2);
        raw.put("customApiPages", pages);
        return raw;
    }

    private static Set<String> pullAll(Connector connector, String entity) {
        PollSource source = connector.entity(entity).pollSource().orElseThrow();
        Set<String> keys = new HashSet<>();
        Checkpoint checkpoint = Checkpoint.initial();
        PollBatch batch;
        int polls = 0;
        do {
            batch = source.poll(PollRequest.from(checkpoint, 2));
            batch.records().forEach(r -> keys.add(r.key()));
            checkpoint = batch.next();
        } while (batch.hasMore() && ++polls < 50);
        return keys;
    }

    private static Set<String> ids(String entitySet) {
        return new HashSet<>(sandbox.dataset()
                .customPages(BcSandbox.CRONUS_USA)
                .set(entitySet)
                .orElseThrow()
                .ids());
    }

    @Test
    void theCheckDescribesThePagesAndBothShapesPullInFull() {
        Map<String, Object> raw =
                settings(List.of("contoso/commerce/v1.0/customerPriceGroups", "contoso/commerce/v1.0/webCategories"));
        TestConnectorContext context = TestConnectorContext.create();
        try (Connector connector = WireMockBc.open(raw, context)) {
            CheckResult check = connector.check();
            assertTrue(
                    check.details().get("entity webCategories").contains("no lastModifiedDateTime: read whole"),
                    check.details().toString());
            assertTrue(
                    check.details()
                            .get("entity contosoCustomerPriceGroups")
                            .contains("read incrementally by lastModifiedDateTime"),
                    "the name a standard entity has gets the publisher in front: " + check.details());
        }
        try (Connector connector = WireMockBc.open(raw, context)) {
            EntityDescriptor categories = connector.entity("webCategories").descriptor();
            assertEquals(Optional.empty(), categories.cursorField(), "no lastModifiedDateTime on that page");
            assertEquals(ids("webCategories"), pullAll(connector, "webCategories"));
            assertEquals(ids("customerPriceGroups"), pullAll(connector, "contosoCustomerPriceGroups"));
        }
    }

    @Test
    void withoutACheckThePageIsDescribedOnItsFirstPoll() {
        try (Connector connector = WireMockBc.open(
                settings(List.of("contoso/commerce/v1.0/webCategories")), TestConnectorContext.create())) {
            assertEquals(ids("webCategories"), pullAll(connector, "webCategories"));
        }
    }

    @Test
    void anEntitySetTheRouteLacksFailsTheCheckNamingTheSetting() {
        try (Connector connector = WireMockBc.open(
                settings(List.of("contoso/commerce/v1.0/loyaltyTiers")), TestConnectorContext.create())) {
            ConnectorException e = assertThrows(ConnectorException.class, connector::check);
            assertEquals(ErrorKind.CONFIGURATION, e.kind());
            assertEquals(Optional.of("customApiPages"), e.settingKey());
            assertTrue(
                    e.getMessage()
                            .contains("has no entity set 'loyaltyTiers' (it has: customerPriceGroups, webCategories)"),
                    e.getMessage());
        }
    }
}
