package io.ipaas.connector.dynamics365;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.ipaas.connector.api.Connector;
import io.ipaas.connector.api.entity.Record;
import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.api.error.ErrorKind;
import io.ipaas.connector.api.poll.Checkpoint;
import io.ipaas.connector.api.poll.PollBatch;
import io.ipaas.connector.api.poll.PollRequest;
import io.ipaas.connector.api.poll.PollSource;
import io.ipaas.connector.dynamics365.auth.TokenSource;
import io.ipaas.connector.dynamics365.odata.BcHttpClient;
import io.ipaas.connector.dynamics365.odata.RateGovernor;
import io.ipaas.connector.dynamics365.odata.RequestCounters;
import io.ipaas.connector.testkit.CapturingLogger;
import io.ipaas.connector.testkit.TestConnectorContext;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A Business Central (or something in its place) that misbehaves: every answer that is not a proper page is a
 * REMOTE error that says what came back, never a token, and nothing of the page reaches the host.
 */
class RemoteFaultsTest {
    private static final String TOKEN = "token-1";
    private static final String ITEMS = WireMockBc.API + "/companies(" + WireMockBc.COMPANY_ID + ")/items";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @BeforeEach
    void tokenAndCompany() {
        WireMockBc.stubToken(wm, TOKEN, 3599);
        wm.stubFor(get(urlPathEqualTo(WireMockBc.API + "/companies")).willReturn(okJson(WireMockBc.companiesBody())));
    }

    @Test
    void entitiesArriveWithoutAnnotationsWithDecimalsExactAndVariantsAsListsOfMaps() {
        wm.stubFor(get(urlPathEqualTo(ITEMS))
                .willReturn(okJson("{\"@odata.context\":\"ctx\",\"value\":[{\"@odata.etag\":\"W/\\\"e1\\\"\","
                        + "\"id\":\"a\",\"unitPrice\":12.10,\"inventory\":7,\"blocked\":false,\"gtin\":null,"
                        + "\"lastModifiedDateTime\":\"2026-03-10T09:14:02.407Z\",\"itemVariants@odata.count\":1,"
                        + "\"itemVariants\":[{\"@odata.etag\":\"W/\\\"v1\\\"\",\"id\":\"v\",\"code\":\"RED\"}]}]}")));
        Record item = pollOnce().records().get(0);
        assertEquals("W/\"e1\"", item.version().orElseThrow());
        assertEquals(new BigDecimal("12.10"), item.fields().get("unitPrice"));
        assertEquals(7, item.fields().get("inventory"));
        assertEquals(Boolean.FALSE, item.fields().get("blocked"));
        assertTrue(item.fields().containsKey("gtin"));
        assertFalse(item.fields().containsKey("itemVariants@odata.count"));
        assertEquals(List.of(Map.of("id", "v", "code", "RED")), item.fields().get("itemVariants"));
        assertEquals(
                List.of("id", "unitPrice", "inventory", "blocked", "gtin", "lastModifiedDateTime", "itemVariants"),
                List.copyOf(item.fields().keySet()));
    }

    @Test
    void aContinuationLinkToAnotherHostFailsThePollAndNamesTheHost() {
        wm.stubFor(get(urlPathEqualTo(ITEMS))
                .willReturn(okJson("{\"value\":[" + item("a") + "],\"@odata.nextLink\":"
                        + "\"https://attacker.example/v2.0/items?$skiptoken=x\"}")));
        ConnectorException e = pollFails();
        assertEquals(ErrorKind.REMOTE, e.kind());
        assertTrue(e.getMessage().contains("attacker.example"), e.getMessage());
        assertTrue(e.getMessage().contains("nothing of this page was stored"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://localhost:PORT" + ITEMS + "?$skiptoken=x",
                "http://localhost:1" + ITEMS + "?$skiptoken=x",
                "http://localhost:PORT" + WireMockBc.API + "/companies(" + WireMockBc.COMPANY_ID + ")/customers?x=1",
                "http://localhost:PORT" + WireMockBc.API + "/companies(00000000-0000-0000-0000-000000000000)/items",
                "http://user:pw@localhost:PORT" + ITEMS + "?$skiptoken=x",
                "http://localhost:PORT/not a url",
                "/relative" + ITEMS
            })
    void continuationLinksWithAnotherSchemePortOrPathAreRemoteErrors(String link) {
        String forged = link.replace("PORT", Integer.toString(wm.getPort()));
        wm.stubFor(get(urlPathEqualTo(ITEMS))
                .willReturn(okJson("{\"value\":[" + item("a") + "],\"@odata.nextLink\":\"" + forged + "\"}")));
        ConnectorException e = pollFails();
        assertEquals(ErrorKind.REMOTE, e.kind(), e.getMessage());
        assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
    }

    @Test
    void aRedirectIsNotFollowedAndNamesWhereItPointed() {
        wm.stubFor(get(urlPathEqualTo(ITEMS))
                .willReturn(aResponse().withStatus(302).withHeader("Location", "https://login.example.net/portal")));
        ConnectorException e = pollFails();
        assertEquals(ErrorKind.REMOTE, e.kind());
        assertTrue(e.getMessage().contains("HTTP 302 to https://login.example.net"), e.getMessage());
        assertTrue(e.getMessage().contains("apiUrl"), e.getMessage());
        wm.verify(1, getRequestedFor(urlPathEqualTo(ITEMS)));
    }

    @Test
    void aNonJsonAnswerSaysWhatCameBack() {
        wm.stubFor(get(urlPathEqualTo(ITEMS))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/html")
                        .withBody("<html><body>Proxy login required</body></html>")));
        ConnectorException e = pollFails();
        assertEquals(ErrorKind.REMOTE, e.kind());
        assertTrue(e.getMessage().contains("'text/html'"), e.getMessage());
        assertTrue(e.getMessage().contains("Proxy login required"), e.getMessage());
    }

    @Test
    void aTruncatedJsonBodyIsTransientAndShowsItsFirstBytesWithTheTokenBlanked() {
        // a body that stops mid-value is what a connection broken mid-page looks like: polled again, not paused
        wm.stubFor(get(urlPathEqualTo(ITEMS))
                .willReturn(okJson("{\"echo\":\"Authorization: Bearer " + TOKEN + "\",\"value\":[{\"id\":")));
        ConnectorException e = pollFails();
        assertEquals(ErrorKind.TRANSIENT, e.kind());
        assertTrue(e.getMessage().contains("ended early"), e.getMessage());
        assertTrue(e.getMessage().contains("{\"echo\":\"Authorization: Bearer ***"), e.getMessage());
        assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"{\"error\":\"none\"}", "[1,2]", "{\"value\":{}}", "{\"value\":[1]}", "", "{\"value\":[]} x"})
    void jsonThatIsNotACollectionPageIsRemote(String body) {
        wm.stubFor(get(urlPathEqualTo(ITEMS)).willReturn(okJson(body)));
        ConnectorException e = pollFails();
        assertEquals(ErrorKind.REMOTE, e.kind(), e.getMessage());
    }

    @Test
    void aBodyThatStallsIsCutOffAtTheRequestTimeoutAsATransientError() {
        wm.stubFor(get(anyUrl())
                .willReturn(okJson("{\"value\":[" + item("a") + "," + item("b") + "," + item("c") + "]}")
                        .withChunkedDribbleDelay(4, 8_000)));
        TokenSource tokens = new TokenSource() {
            @Override
            public String accessToken() {
                return TOKEN;
            }

            @Override
            public String refreshAfterRejection(String rejected) {
                return TOKEN;
            }
        };
        BcHttpClient client = new BcHttpClient(
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
                tokens,
                new RequestCounters(),
                new CapturingLogger(),
                Duration.ofSeconds(1),
                RateGovernor.shared("remote-faults-test"));
        ConnectorException e = assertTimeoutPreemptively(
                Duration.ofSeconds(6),
                () -> assertThrows(
                        ConnectorException.class,
                        () -> client.page(URI.create(wm.baseUrl() + ITEMS), Optional.empty(), entity -> {})));
        assertEquals(ErrorKind.TRANSIENT, e.kind());
        assertTrue(e.getMessage().contains("did not answer within 1 s"), e.getMessage());
        assertInstanceOf(java.io.IOException.class, e.getCause());
    }

    private static PollBatch pollOnce() {
        try (Connector connector = WireMockBc.open(WireMockBc.settings(wm), TestConnectorContext.create())) {
            PollSource source = connector.entity("items").pollSource().orElseThrow();
            return source.poll(PollRequest.from(Checkpoint.initial(), 10));
        }
    }

    private static ConnectorException pollFails() {
        try (Connector connector = WireMockBc.open(WireMockBc.settings(wm), TestConnectorContext.create())) {
            PollSource source = connector.entity("items").pollSource().orElseThrow();
            ConnectorException e = assertThrows(
                    ConnectorException.class, () -> source.poll(PollRequest.from(Checkpoint.initial(), 10)));
            assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
            return e;
        }
    }

    private static String item(String id) {
        return "{\"@odata.etag\":\"W/\\\"etag-" + id + "\\\"\",\"id\":\"" + id
                + "\",\"lastModifiedDateTime\":\"2026-03-10T09:14:02.407Z\",\"itemVariants\":[]}";
    }
}
