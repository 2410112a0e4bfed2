package io.ipaas.connector.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipaas.connector.api.Connector;
import io.ipaas.connector.api.ConnectorMetrics;
import io.ipaas.connector.api.auth.AuthState;
import io.ipaas.connector.api.entity.EntityWriter;
import io.ipaas.connector.api.entity.Operation;
import io.ipaas.connector.api.entity.OutboundRecord;
import io.ipaas.connector.api.entity.Record;
import io.ipaas.connector.api.entity.WriteOutcome;
import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.api.error.ErrorKind;
import io.ipaas.connector.api.poll.Checkpoint;
import io.ipaas.connector.api.poll.PollBatch;
import io.ipaas.connector.api.poll.PollRequest;
import io.ipaas.connector.api.poll.PollSource;
import io.ipaas.connector.api.settings.SettingProblem;
import io.ipaas.connector.api.webhook.ChangeNotice;
import io.ipaas.connector.api.webhook.ChangeType;
import io.ipaas.connector.api.webhook.Subscription;
import io.ipaas.connector.api.webhook.WebhookRequest;
import io.ipaas.connector.api.webhook.WebhookResponse;
import io.ipaas.connector.api.webhook.WebhookSink;
import io.ipaas.connector.example.server.ContactsApiServer;
import io.ipaas.connector.testkit.HostLoop;
import io.ipaas.connector.testkit.TestConnectorContext;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Behaviour against the example API: incremental reads, deletions, every failure's kind, and writes. */
class ExampleConnectorTest {
    private static final String KEY = "unit-key-41c9a7";
    private final ExampleConnectorFactory factory = new ExampleConnectorFactory();
    private ContactsApiServer api;
    private Connector connector;

    @BeforeEach
    void start() {
        api = ContactsApiServer.start(KEY, 30);
        connector = open(settings(10));
    }

    @AfterEach
    void stop() {
        connector.close();
        api.close();
    }

    private Map<String, Object> settings(int pageSize) {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("baseUrl", api.baseUrl().toString());
        raw.put("apiKey", KEY);
        raw.put("pageSize", pageSize);
        return raw;
    }

    private Connector open(Map<String, Object> raw) {
        return factory.open(factory.settings().parse(raw), TestConnectorContext.create());
    }

    private PollSource contacts() {
        return connector.entity("contacts").pollSource().orElseThrow();
    }

    private PollBatch firstPage() {
        return contacts().poll(PollRequest.from(Checkpoint.initial(), 100));
    }

    @Test
    void pageSizeDecidesTheRequestsAndTheNextSyncReadsOnlyWhatChanged() {
        HostLoop loop = new HostLoop(contacts(), 100);
        List<Record> first = loop.drain(records -> {});
        assertEquals(30, first.size());
        assertEquals(3, loop.batches(), "30 contacts at pageSize 10");
        assertEquals(3L, connector.metrics().get(ConnectorMetrics.HTTP_REQUESTS));

        api.upsert("c-00003", Map.of("name", "Renamed", "kind", "person"));
        api.delete("c-00004");
        List<Record> second = loop.drain(records -> {});
        Map<String, Operation> changed = second.stream().collect(Collectors.toMap(Record::key, Record::operation));
        // updatedSince is inclusive: the last contact of the first sync is read once more
        assertEquals(
                Map.of("c-00030", Operation.UPSERT, "c-00003", Operation.UPSERT, "c-00004", Operation.DELETE), changed);
        assertEquals("Renamed", second.get(1).fields().get("name"));

        List<Record> third = loop.drain(records -> {});
        assertEquals(
                List.of("c-00004"), third.stream().map(Record::key).toList(), "nothing new: only the watermark's own");
    }

    @Test
    void theRequestLimitIsTheSmallerOfPageSizeAndWhatTheHostTakes() {
        PollBatch batch = contacts().poll(PollRequest.from(Checkpoint.initial(), 4));
        assertEquals(4, batch.records().size());
        assertTrue(batch.hasMore());
        assertEquals(
                Set.of("cursor", "seenUpTo"),
                batch.next().values().keySet(),
                "inside the first sync: no watermark yet, a cursor and the latest update seen");
    }

    @Test
    void aRefusedKeyIsAnAuthenticationErrorNamingApiKeyAndTheStatusSaysSo() {
        Map<String, Object> raw = settings(10);
        raw.put("apiKey", "wrong-key-0000");
        try (Connector wrong = open(raw)) {
            assertEquals(AuthState.CONNECTED, wrong.auth().status().state());
            ConnectorException e = assertThrows(ConnectorException.class, wrong::check);
            assertEquals(ErrorKind.AUTHENTICATION, e.kind());
            assertEquals(Optional.of("apiKey"), e.settingKey());
            assertEquals(AuthState.NEEDS_REAUTH, wrong.auth().status().state());
            assertEquals(
                    Optional.of("put a valid key in apiKey"),
                    wrong.auth().status().reconnectHint());
        }
    }

    @Test
    void throttlingAndServerErrorsAreTransientWithTheServersWait() {
        api.failNext(429, "7");
        ConnectorException throttled = assertThrows(ConnectorException.class, this::firstPage);
        assertEquals(ErrorKind.TRANSIENT, throttled.kind());
        assertEquals(Optional.of(Duration.ofSeconds(7)), throttled.retryAfter());
        assertTrue(throttled.getMessage().contains("429"), throttled.getMessage());

        api.failNext(503, null);
        ConnectorException unavailable = assertThrows(ConnectorException.class, this::firstPage);
        assertEquals(ErrorKind.TRANSIENT, unavailable.kind());
        assertEquals(Optional.empty(), unavailable.retryAfter());

        assertEquals(10, firstPage().records().size(), "the same poll succeeds once the API recovers");
    }

    @Test
    void aBodyThatIsNotJsonOrARedirectIsARemoteError() {
        api.answerNext("<html>maintenance</html>");
        ConnectorException malformed = assertThrows(ConnectorException.class, this::firstPage);
        assertEquals(ErrorKind.REMOTE, malformed.kind());
        assertTrue(malformed.getMessage().contains("<html>maintenance</html>"), malformed.getMessage());

        api.answerNext("{\"items\": []}");
        assertEquals(
                ErrorKind.REMOTE,
                assertThrows(ConnectorException.class, this::firstPage).kind());

        api.redirectNext("https://elsewhere.example.net/v1/contacts");
        ConnectorException redirect = assertThrows(ConnectorException.class, this::firstPage);
        assertEquals(ErrorKind.REMOTE, redirect.kind());
        assertTrue(redirect.getMessage().contains("elsewhere.example.net"), redirect.getMessage());
    }

    @Test
    void badRecordsAreRejectedByNameAndTheReadCarriesOnPastThem() {
        api.addRaw("zz-1", "{\"name\": \"no id\", \"updatedAt\": \"2026-02-01T00:00:00Z\"}");
        api.addRaw("zz-2", "{\"id\": \"c-bad\", \"name\": \"bad time\", \"updatedAt\": \"yesterday\"}");
        api.upsert("c-after", Map.of("name", "After the bad ones", "kind", "person"));
        try (Connector wide = open(settings(100))) {
            PollBatch batch = wide.entity("contacts")
                    .pollSource()
                    .orElseThrow()
                    .poll(PollRequest.from(Checkpoint.initial(), 100));
            assertEquals(31, batch.records().size(), "30 generated and c-after");
            assertEquals(
                    List.of("?", "c-bad"),
                    batch.rejected().stream().map(r -> r.key()).toList());
            assertTrue(
                    batch.rejected().get(1).reason().contains("updatedAt 'yesterday'"),
                    batch.rejected().get(1).reason());
            assertTrue(batch.rejected().get(0).raw().contains("no id"));
            assertFalse(batch.hasMore());
            assertEquals(2L, wide.metrics().get(ConnectorMetrics.RECORDS_REJECTED));
            assertEquals(31L, wide.metrics().get(ConnectorMetrics.RECORDS_READ));
        }
    }

    @Test
    void writesAreIdempotentUpsertsAndARefusedRecordFailsAlone() {
        EntityWriter writer = connector.entity("contacts").writer().orElseThrow();
        List<WriteOutcome> outcomes = writer.write(List.of(
                new OutboundRecord("contacts", "p-1", Map.of("name", "New person", "kind", "person"), Optional.empty()),
                new OutboundRecord("contacts", "p-2", Map.of("email", "no-name@example.com"), Optional.empty()),
                new OutboundRecord("contacts", "c-00001", Map.of("name", "Stale"), Optional.of("99"))));
        assertTrue(outcomes.get(0).succeeded());
        assertEquals(Optional.of("1"), outcomes.get(0).version());
        assertEquals(ErrorKind.DATA, outcomes.get(1).failure().orElseThrow().kind());
        assertTrue(outcomes.get(1).failure().orElseThrow().getMessage().contains("name is required"));
        assertTrue(outcomes.get(2).failure().orElseThrow().getMessage().contains("changed remotely"));

        WriteOutcome again = writer.write(List.of(new OutboundRecord(
                        "contacts", "p-1", Map.of("name", "New person", "kind", "person"), Optional.of("1"))))
                .get(0);
        assertEquals(Optional.of("2"), again.version(), "the repeated write replaced the same contact");
        assertEquals(1, api.ids().stream().filter("p-1"::equals).count());
        assertEquals("Person 1", api.contact("c-00001").path("name").asText(), "the stale write changed nothing");
    }

    @Test
    void plainHttpIsRefusedExceptOnThisMachine() {
        Map<String, Object> raw = settings(10);
        raw.put("baseUrl", "http://contacts.example.com");
        List<SettingProblem> problems = factory.validate(factory.settings().parse(raw));
        assertEquals(
                List.of("baseUrl"), problems.stream().map(SettingProblem::key).toList());
        assertTrue(problems.get(0).message().contains("https"), problems.get(0).message());
        raw.put("baseUrl", "https://contacts.example.com");
        assertEquals(List.of(), factory.validate(factory.settings().parse(raw)));
    }

    @Test
    void infoCarriesTheIdAndVersionTheBuildWrote() {
        assertEquals("example", factory.info().id());
        assertFalse(factory.info().version().contains("${"), factory.info().version());
        assertTrue(
                factory.info().version().matches("\\d+\\.\\d+\\.\\d+.*"),
                factory.info().version());
    }

    @Test
    void webhooksAreSignedFreshAndForThisSubscriptionOnly() {
        TestConnectorContext context = TestConnectorContext.create();
        try (Connector hooked = factory.open(factory.settings().parse(settings(10)), context)) {
            WebhookSink sink = hooked.webhooks().orElseThrow();
            Subscription subscription = sink.subscribe("contacts", URI.create("https://host.example/hooks/1"));
            assertEquals(1, context.secretStore().everStored().size(), "the signing secret is kept by the host");

            WebhookResponse genuine = sink.handle(ExampleConnectorContractTest.request(
                    api.delivery(subscription.id(), "contact.deleted", "c-00007")));
            assertEquals(200, genuine.status());
            ChangeNotice notice = genuine.notices().get(0);
            assertEquals(ChangeType.DELETED, notice.type());
            assertEquals(Optional.of("c-00007"), notice.hint().key());
            assertEquals(Optional.of(subscription.id()), notice.subscriptionId());

            WebhookRequest fresh =
                    ExampleConnectorContractTest.request(api.delivery(subscription.id(), "contact.updated", "c-00001"));
            Map<String, List<String>> stale = new LinkedHashMap<>(fresh.headers());
            stale.put(
                    "x-timestamp",
                    List.of(Long.toString(Instant.now().minusSeconds(600).getEpochSecond())));
            WebhookResponse replayed =
                    sink.handle(new WebhookRequest("POST", stale, Map.of(), fresh.body(), Instant.now()));
            assertEquals(401, replayed.status(), "a ten-minute-old delivery is a replay");

            assertTrue(subscription.expiresAt().isAfter(Instant.now()));
            Subscription renewed = sink.renew(subscription);
            assertEquals(subscription.id(), renewed.id());

            sink.unsubscribe(subscription);
            sink.unsubscribe(subscription);
            assertEquals(List.of(), api.webhookIds());
            assertEquals(
                    401,
                    sink.handle(fresh).status(),
                    "after unsubscribing, the secret is forgotten and deliveries are refused");
        }
    }
}
