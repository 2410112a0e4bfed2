package io.ipaas.connector.example;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.ipaas.connector.api.Connector;
import io.ipaas.connector.api.entity.OutboundRecord;
import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.api.error.ErrorKind;
import io.ipaas.connector.api.poll.Checkpoint;
import io.ipaas.connector.api.poll.PollBatch;
import io.ipaas.connector.api.poll.PollRequest;
import io.ipaas.connector.testkit.TestConnectorContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The exact requests the connector sends and how it reads faults, against WireMock. */
class ContactsApiHttpTest {
    private static final String KEY = "wiremock-key-1e2d";
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private final ExampleConnectorFactory factory = new ExampleConnectorFactory();
    private Connector connector;

    @BeforeEach
    void open() {
        Map<String, Object> raw = Map.of("baseUrl", wm.baseUrl() + "/api/", "apiKey", KEY, "pageSize", 7);
        connector = factory.open(
                factory.settings().parse(raw), new TestConnectorContext("wm", Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    @AfterEach
    void close() {
        connector.close();
    }

    private PollBatch poll(Checkpoint from) {
        return connector.entity("contacts").pollSource().orElseThrow().poll(PollRequest.from(from, 100));
    }

    private ConnectorException failure(Checkpoint from) {
        return assertThrows(ConnectorException.class, () -> poll(from));
    }

    @Test
    void aResumedSyncSendsWatermarkCursorAndLimitUnderTheBasePathWithTheKeyHeader() {
        wm.stubFor(get(urlPathEqualTo("/api/v1/contacts"))
                .willReturn(okJson("{\"data\": [{\"id\": \"c-9\", \"name\": \"N\", \"updatedAt\": "
                        + "\"2026-02-03T00:00:00Z\", \"version\": 4}], \"nextCursor\": null}")));
        Checkpoint midSync = new Checkpoint(
                1, Map.of("watermark", "2026-02-01T00:00:00Z", "cursor", "abc+/=", "seenUpTo", "2026-02-02T00:00:00Z"));

        PollBatch batch = poll(midSync);

        wm.verify(getRequestedFor(urlEqualTo(
                        "/api/v1/contacts?limit=7&updatedSince=2026-02-01T00%3A00%3A00Z&cursor=abc%2B%2F%3D"))
                .withHeader("X-Api-Key", equalTo(KEY))
                .withHeader("Accept", equalTo("application/json"))
                .withHeader("Authorization", absent()));
        assertEquals(Optional.of("4"), batch.records().get(0).version());
        assertFalse(batch.hasMore());
        assertEquals(
                Map.of("watermark", "2026-02-03T00:00:00Z"),
                batch.next().values(),
                "after the last page the latest update seen is the next watermark, and no cursor is kept");
    }

    @Test
    void retryAfterAsAnHttpDateIsReadAgainstTheContextClock() {
        wm.stubFor(get(urlPathEqualTo("/api/v1/contacts"))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "Sun, 01 Mar 2026 10:02:00 GMT")));
        ConnectorException throttled = failure(Checkpoint.initial());
        assertEquals(ErrorKind.TRANSIENT, throttled.kind());
        assertEquals(Optional.of(Duration.ofMinutes(2)), throttled.retryAfter());
    }

    @Test
    void aResetConnectionIsTransientAndNamesTheHost() {
        wm.stubFor(get(urlPathEqualTo("/api/v1/contacts"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        ConnectorException reset = failure(Checkpoint.initial());
        assertEquals(ErrorKind.TRANSIENT, reset.kind());
        assertTrue(reset.getMessage().contains("could not reach localhost"), reset.getMessage());
    }

    @Test
    void forbiddenIsAPermissionErrorAndNotFoundNamesBaseUrl() {
        wm.stubFor(get(urlPathEqualTo("/api/v1/contacts"))
                .willReturn(aResponse()
                        .withStatus(403)
                        .withBody("{\"error\": \"forbidden\", \"message\": \"read-only key\"}")));
        ConnectorException forbidden = failure(Checkpoint.initial());
        assertEquals(ErrorKind.PERMISSION, forbidden.kind());
        assertTrue(forbidden.getMessage().contains("read-only key"), forbidden.getMessage());

        wm.stubFor(
                get(urlPathEqualTo("/api/v1/contacts")).willReturn(aResponse().withStatus(404)));
        ConnectorException missing = failure(Checkpoint.initial());
        assertEquals(ErrorKind.CONFIGURATION, missing.kind());
        assertEquals(Optional.of("baseUrl"), missing.settingKey());
    }

    @Test
    void aWriteIsOnePutPerRecordWithTheKeyEncodedInThePathAndTheVersionInIfMatch() {
        wm.stubFor(put(urlPathEqualTo("/api/v1/contacts/p%201%2Fx"))
                .willReturn(okJson("{\"id\": \"p 1/x\", \"version\": 3}")));
        List<io.ipaas.connector.api.entity.WriteOutcome> outcomes = connector
                .entity("contacts")
                .writer()
                .orElseThrow()
                .write(List.of(new OutboundRecord(
                        "contacts", "p 1/x", Map.of("name", "Ada", "id", "ignored"), Optional.of("2"))));
        assertEquals(Optional.of("3"), outcomes.get(0).version());
        wm.verify(putRequestedFor(urlPathEqualTo("/api/v1/contacts/p%201%2Fx"))
                .withHeader("If-Match", equalTo("2"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"name\": \"Ada\"}")));
    }
}
