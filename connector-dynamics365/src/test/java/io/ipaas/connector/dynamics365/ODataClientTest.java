package io.ipaas.connector.dynamics365;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.ipaas.connector.api.Connector;
import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.api.error.ErrorKind;
import io.ipaas.connector.api.poll.Checkpoint;
import io.ipaas.connector.api.poll.PollBatch;
import io.ipaas.connector.api.poll.PollRequest;
import io.ipaas.connector.api.poll.PollSource;
import io.ipaas.connector.testkit.TestConnectorContext;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Exact HTTP behaviour against Business Central's wire format, with faults. */
class ODataClientTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @BeforeEach
    void token() {
        WireMockBc.stubToken(wm, "token-1", 3599);
    }

    @Test
    void companyNameIsFilteredWithQuotesDoubledAndMissingCompanyListsTheOthers() {
        wm.stubFor(get(urlPathEqualTo(WireMockBc.API + "/companies"))
                .withQueryParam("$filter", equalTo("name eq 'O''Brien Supplies'"))
                .willReturn(okJson("{\"value\":[]}")));
        wm.stubFor(get(urlPathEqualTo(WireMockBc.API + "/companies"))
                .withQueryParam("$select", equalTo("name"))
                .willReturn(okJson("{\"value\":[{\"name\":\"CRONUS USA, Inc.\"},{\"name\":\"CRONUS Canada\"}]}")));
        Map<String, Object> raw = WireMockBc.settings(wm);
        raw.put("companyName", "O'Brien Supplies");
        try (Connector connector = WireMockBc.open(raw, TestConnectorContext.create())) {
            ConnectorException e = assertThrows(ConnectorException.class, connector::check);
            assertEquals(ErrorKind.CONFIGURATION, e.kind());
            assertEquals("companyName", e.settingKey().orElseThrow());
            assertTrue(e.getMessage().contains("'CRONUS USA, Inc.', 'CRONUS Canada'"), e.getMessage());
        }
    }

    @Test
    void pagesFollowNextLinkSendPreferOnEveryRequestAndStopAtTheLastPage() {
        stubCompany();
        String items = WireMockBc.API + "/companies(" + WireMockBc.COMPANY_ID + ")/items";
        wm.stubFor(get(urlPathEqualTo(items))
                .withQueryParam("$filter", matching("lastModifiedDateTime le .*"))
                .willReturn(okJson("{\"value\":[" + item("a") + "," + item("b") + "],\"@odata.nextLink\":\""
                        + wm.baseUrl() + items + "?$skiptoken=b\"}")));
        wm.stubFor(get(urlPathEqualTo(items))
                .withQueryParam("$skiptoken", equalTo("b"))
                .willReturn(okJson("{\"value\":[" + item("c") + "]}")));
        try (Connector connector = WireMockBc.open(WireMockBc.settings(wm), TestConnectorContext.create())) {
            PollSource source = connector.entity("items").pollSource().orElseThrow();
            PollBatch first = source.poll(PollRequest.from(Checkpoint.initial(), 100));
            assertTrue(first.hasMore());
            assertEquals(2, first.records().size());
            assertFalse(first.records().get(0).fields().containsKey("@odata.etag"));
            assertEquals("W/\"etag-a\"", first.records().get(0).version().orElseThrow());
            PollBatch second = source.poll(PollRequest.from(first.next(), 100));
            assertFalse(second.hasMore());
            assertEquals("c", second.records().get(0).key());
            assertTrue(second.next().values().containsKey("watermark"));
            assertEquals(3L, connector.metrics().get("http.requests"), "1 company lookup + 2 pages");
            assertEquals(1L, connector.metrics().get("auth.tokenRequests"));
        }
        wm.verify(2, getRequestedFor(urlPathEqualTo(items)).withHeader("Prefer", equalTo("odata.maxpagesize=2")));
        wm.verify(1, getRequestedFor(urlPathEqualTo(items)).withQueryParam("$expand", equalTo("itemVariants")));
    }

    /** The host names the fields its mappings read; only those, and what the poller needs, are asked for. */
    @Test
    void aRequestWithFieldsSelectsThemAndTheExpansionsFields() {
        stubCompany();
        String items = WireMockBc.API + "/companies(" + WireMockBc.COMPANY_ID + ")/items";
        wm.stubFor(get(urlPathEqualTo(items)).willReturn(okJson("{\"value\":[" + item("a") + "]}")));
        try (Connector connector = WireMockBc.open(WireMockBc.settings(wm), TestConnectorContext.create())) {
            PollSource source = connector.entity("items").pollSource().orElseThrow();
            PollBatch batch = source.poll(PollRequest.from(Checkpoint.initial(), 100)
                    .withFields(Set.of("number", "itemVariants.code", "itemVariants.id")));
            assertEquals(1, batch.records().size());
        }
        wm.verify(
                1,
                getRequestedFor(urlPathEqualTo(items))
                        .withQueryParam("$select", equalTo("id,lastModifiedDateTime,number"))
                        .withQueryParam("$expand", equalTo("itemVariants($select=code,id)")));
    }

    @Test
    void secondSyncStartsFromTheWatermarkMinusTheOverlap() {
        stubCompany();
        String items = WireMockBc.API + "/companies(" + WireMockBc.COMPANY_ID + ")/items";
        wm.stubFor(get(urlPathEqualTo(items)).willReturn(okJson("{\"value\":[]}")));
        try (Connector connector = WireMockBc.open(WireMockBc.settings(wm), TestConnectorContext.create())) {
            PollSource source = connector.entity("items").pollSource().orElseThrow();
            Checkpoint watermark = new Checkpoint(1, Map.of("watermark", "2026-03-10T09:14:02.407Z"));
            source.poll(PollRequest.from(watermark, 100));
        }
        wm.verify(getRequestedFor(urlPathEqualTo(items))
                .withQueryParam(
                        "$filter",
                        matching(
                                "lastModifiedDateTime ge 2026-03-10T09:12:02\\.407Z and lastModifiedDateTime le .*Z")));
    }

    @Test
    void aStoredLinkToAnotherHostIsDroppedWithAWarningAndTheSyncRestartsFromTheWatermark() {
        stubCompany();
        String items = WireMockBc.API + "/companies(" + WireMockBc.COMPANY_ID + ")/items";
        wm.stubFor(get(urlPathEqualTo(items)).willReturn(okJson("{\"value\":[" + item("a") + "]}")));
        TestConnectorContext context = TestConnectorContext.create();
        try (Connector connector = WireMockBc.open(WireMockBc.settings(wm), context)) {
            PollSource source = connector.entity("items").pollSource().orElseThrow();
            Checkpoint stored = new Checkpoint(
                    1,
                    Map.of(
                            "watermark",
                            "2026-03-09T00:00:00Z",
                            "signpost",
                            "2026-03-10T09:14:02.407Z",
                            "nextLink",
                            "https://attacker.example/v2.0/items?$skiptoken=x"));
            PollBatch batch = source.poll(PollRequest.from(stored, 10));
            assertEquals("a", batch.records().get(0).key());
            assertFalse(batch.hasMore());
            assertEquals("2026-03-10T09:14:02.407Z", batch.next().values().get("watermark"));
            assertTrue(
                    context.logger().lines().stream()
                            .anyMatch(
                                    line -> line.startsWith("WARNING items: the stored checkpoint's continuation link")
                                            && line.contains("attacker.example")
                                            && line.contains("the watermark 2026-03-09T00:00:00Z")),
                    context.logger().lines().toString());
        }
        wm.verify(getRequestedFor(urlPathEqualTo(items))
                .withQueryParam(
                        "$filter",
                        equalTo("lastModifiedDateTime ge 2026-03-08T23:58:00.000Z and lastModifiedDateTime le "
                                + "2026-03-10T09:14:02.407Z")));
    }

    @Test
    void aStoredLinkWithoutASignpostRestartsTheSyncInsteadOfFailingEveryPull() {
        stubCompany();
        String items = WireMockBc.API + "/companies(" + WireMockBc.COMPANY_ID + ")/items";
        wm.stubFor(get(urlPathEqualTo(items)).willReturn(okJson("{\"value\":[]}")));
        TestConnectorContext context = TestConnectorContext.create();
        try (Connector connector = WireMockBc.open(WireMockBc.settings(wm), context)) {
            PollSource source = connector.entity("items").pollSource().orElseThrow();
            Checkpoint stored = new Checkpoint(1, Map.of("nextLink", wm.baseUrl() + items + "?$skiptoken=x"));
            PollBatch batch = source.poll(PollRequest.from(stored, 10));
            assertFalse(batch.hasMore());
            assertTrue(batch.next().values().containsKey("watermark"));
        }
        wm.verify(
                1,
                getRequestedFor(urlPathEqualTo(items))
                        .withQueryParam("$filter", matching("lastModifiedDateTime le .*")));
        wm.verify(0, getRequestedFor(urlPathEqualTo(items)).withQueryParam("$skiptoken", matching(".*")));
    }

    @Test
    void throttlingIsTransientAndCarriesRetryAfter() {
        wm.stubFor(
                get(urlPathEqualTo(WireMockBc.API + "/companies"))
                        .willReturn(
                                aResponse()
                                        .withStatus(429)
                                        .withHeader("Retry-After", "17")
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"error\":{\"code\":\"Application_TooManyRequests\",\"message\":\"Too many requests.  CorrelationId:  1234.\"}}")));
        try (Connector connector = WireMockBc.open(WireMockBc.settings(wm), TestConnectorContext.create())) {
            ConnectorException e = assertThrows(ConnectorException.class, connector::check);
            assertEquals(ErrorKind.TRANSIENT, e.kind());
            assertEquals(Duration.ofSeconds(17), e.retryAfter().orElseThrow());
            assertTrue(e.getMessage().contains("correlation id 1234"), e.getMessage());
        }
    }

    @Test
    void aReadThatBcsOwnLogicRefusesIsARemoteErrorWithBcsMessageNotAConnectorBug() {
        stubCompany();
        String items = WireMockBc.API + "/companies(" + WireMockBc.COMPANY_ID + ")/items";
        wm.stubFor(get(urlPathEqualTo(items))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"code\":\"Application_DialogException\",\"message\":\"The"
                                + " Unit of Measure PCS does not exist.  CorrelationId:  5678.\"}}")));
        try (Connector connector = WireMockBc.open(WireMockBc.settings(wm), TestConnectorContext.create())) {
            PollSource source = connector.entity("items").pollSource().orElseThrow();
            ConnectorException e = assertThrows(
                    ConnectorException.class, () -> source.poll(PollRequest.from(Checkpoint.initial(), 100)));
            assertEquals(ErrorKind.REMOTE, e.kind(), e.getMessage());
            assertTrue(e.getMessage().contains("The Unit of Measure PCS does not exist"), e.getMessage());
            assertTrue(e.getMessage().contains("correlation id 5678"), e.getMessage());
            assertFalse(e.getMessage().contains("connector bug"), e.getMessage());
        }
    }

    @Test
    void connectionResetIsTransient() {
        wm.stubFor(get(urlPathEqualTo(WireMockBc.API + "/companies"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        try (Connector connector = WireMockBc.open(WireMockBc.settings(wm), TestConnectorContext.create())) {
            assertEquals(
                    ErrorKind.TRANSIENT,
                    assertThrows(ConnectorException.class, connector::check).kind());
        }
    }

    @Test
    void unknownEnvironmentNamesTheEnvironmentSetting() {
        wm.stubFor(
                get(urlPathEqualTo(WireMockBc.API + "/companies"))
                        .willReturn(
                                aResponse()
                                        .withStatus(404)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"error\":{\"code\":\"NoEnvironment\",\"message\":\"Environment 'production' does not exist.\"}}")));
        try (Connector connector = WireMockBc.open(WireMockBc.settings(wm), TestConnectorContext.create())) {
            ConnectorException e = assertThrows(ConnectorException.class, connector::check);
            assertEquals("environment", e.settingKey().orElseThrow());
        }
    }

    @Test
    void a401OnACachedTokenRefreshesOnceAndRetriesOnce() {
        wm.stubFor(get(urlPathEqualTo(WireMockBc.API + "/companies"))
                .inScenario("401")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(
                        aResponse()
                                .withStatus(401)
                                .withHeader("Content-Type", "application/json")
                                .withBody(
                                        "{\"error\":{\"code\":\"Authentication_InvalidCredentials\",\"message\":\"The server has rejected the client credentials.\"}}"))
                .willSetStateTo("refreshed"));
        wm.stubFor(get(urlPathEqualTo(WireMockBc.API + "/companies"))
                .inScenario("401")
                .whenScenarioStateIs("refreshed")
                .willReturn(okJson(WireMockBc.companiesBody())));
        try (Connector connector = WireMockBc.open(WireMockBc.settings(wm), TestConnectorContext.create())) {
            connector.check();
        }
        wm.verify(2, postRequestedFor(urlPathEqualTo(WireMockBc.TOKEN_PATH)));
        wm.verify(2, getRequestedFor(urlPathEqualTo(WireMockBc.API + "/companies")));
    }

    @Test
    void a401ThatPersistsAfterOneRefreshExplainsTheBcAppRegistration() {
        wm.stubFor(
                get(urlPathEqualTo(WireMockBc.API + "/companies"))
                        .willReturn(
                                aResponse()
                                        .withStatus(401)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"error\":{\"code\":\"Authentication_InvalidCredentials\",\"message\":\"The server has rejected the client credentials.  CorrelationId:  abc.\"}}")));
        try (Connector connector = WireMockBc.open(WireMockBc.settings(wm), TestConnectorContext.create())) {
            ConnectorException e = assertThrows(ConnectorException.class, connector::check);
            assertEquals(ErrorKind.AUTHENTICATION, e.kind());
            assertTrue(e.getMessage().contains("Microsoft Entra Applications"), e.getMessage());
        }
        wm.verify(2, getRequestedFor(urlPathEqualTo(WireMockBc.API + "/companies")));
        wm.verify(2, postRequestedFor(urlPathEqualTo(WireMockBc.TOKEN_PATH)));
    }

    private static void stubCompany() {
        wm.stubFor(get(urlPathEqualTo(WireMockBc.API + "/companies")).willReturn(okJson(WireMockBc.companiesBody())));
    }

    private static String item(String id) {
        return "{\"@odata.etag\":\"W/\\\"etag-" + id + "\\\"\",\"id\":\"" + id + "\",\"number\":\"" + id
                + "\",\"lastModifiedDateTime\":\"2026-03-10T09:14:02.407Z\",\"itemVariants\":[]}";
    }
}
