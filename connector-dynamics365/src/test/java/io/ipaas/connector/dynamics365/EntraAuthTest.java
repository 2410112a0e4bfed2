package io.ipaas.connector.dynamics365;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.ipaas.connector.api.Connector;
import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.api.error.ErrorKind;
import io.ipaas.connector.testkit.TestConnectorContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Client-credentials sign-in against Entra ID's wire format, including every classified error. */
class EntraAuthTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @Test
    void clientCredentialsRequestCarriesGrantClientAndScopeAndIsCachedAcrossCalls() {
        WireMockBc.stubToken(wm, "token-1", 3599);
        wm.stubFor(get(urlPathEqualTo(WireMockBc.API + "/companies")).willReturn(okJson(WireMockBc.companiesBody())));
        try (Connector connector = WireMockBc.open(WireMockBc.settings(wm), TestConnectorContext.create())) {
            for (int i = 0; i < 5; i++) {
                connector.check();
            }
            assertEquals(1L, connector.metrics().get("auth.tokenRequests"));
            assertEquals(
                    "signed in with the client secret",
                    connector.auth().status().message());
        }
        wm.verify(
                1,
                postRequestedFor(urlPathEqualTo(WireMockBc.TOKEN_PATH))
                        .withRequestBody(containing("grant_type=client_credentials"))
                        .withRequestBody(containing("client_id=" + WireMockBc.CLIENT_ID))
                        .withRequestBody(
                                containing("scope=https%3A%2F%2Fapi.businesscentral.dynamics.com%2F.default")));
    }

    @Test
    void hundredConcurrentCallersCauseOneTokenRequest() throws Exception {
        wm.stubFor(post(urlPathEqualTo(WireMockBc.TOKEN_PATH))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withFixedDelay(300)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\"slow-token\"}")));
        wm.stubFor(get(urlPathEqualTo(WireMockBc.API + "/companies")).willReturn(okJson(WireMockBc.companiesBody())));
        ExecutorService pool = Executors.newFixedThreadPool(100);
        try (Connector connector = WireMockBc.open(WireMockBc.settings(wm), TestConnectorContext.create())) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    return connector.check();
                }));
            }
            start.countDown();
            for (Future<?> call : calls) {
                call.get();
            }
            assertEquals(1L, connector.metrics().get("auth.tokenRequests"));
        } finally {
            pool.shutdownNow();
        }
        wm.verify(1, postRequestedFor(urlPathEqualTo(WireMockBc.TOKEN_PATH)));
    }

    @ParameterizedTest
    @CsvSource({
        "401, invalid_client, 7000215, clientSecret, CONFIGURATION, VALUE",
        "401, invalid_client, 7000222, clientSecret, CONFIGURATION, expired",
        "400, invalid_request, 90002, tenantId, CONFIGURATION, tenant",
        "400, unauthorized_client, 700016, clientId, CONFIGURATION, not found",
        "400, invalid_grant, 65001, clientId, AUTHENTICATION, consent",
        "400, invalid_scope, 70011, scopes, CONFIGURATION, scopes",
        "401, invalid_client, 700027, clientCertificate, CONFIGURATION, signature",
    })
    void entraErrorsAreClassifiedWithTheirOwnMessage(
            int status, String error, int code, String setting, ErrorKind kind, String phrase) {
        wm.stubFor(
                post(urlPathEqualTo(WireMockBc.TOKEN_PATH))
                        .willReturn(
                                aResponse()
                                        .withStatus(status)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"error\":\"" + error + "\",\"error_description\":\"AADSTS" + code
                                                        + ": Something about it. "
                                                        + "Trace ID: 0c1f Correlation ID: 9d2e Timestamp: 2026-03-10 09:14:02Z\",\"error_codes\":["
                                                        + code
                                                        + "],\"timestamp\":\"2026-03-10 09:14:02Z\",\"trace_id\":\"0c1f\",\"correlation_id\":\"9d2e\"}")));
        try (Connector connector = WireMockBc.open(WireMockBc.settings(wm), TestConnectorContext.create())) {
            ConnectorException e = assertThrows(ConnectorException.class, connector::check);
            assertEquals(kind, e.kind(), e.getMessage());
            assertEquals(setting, e.settingKey().orElseThrow());
            assertTrue(e.getMessage().contains(phrase), e.getMessage());
            assertTrue(e.getMessage().contains("AADSTS" + code), e.getMessage());
            assertFalse(e.getMessage().contains("Trace ID"), "trace noise belongs in the log: " + e.getMessage());
            assertFalse(e.getMessage().contains(WireMockBc.SECRET));
        }
    }

    @Test
    void anExpiredSecretSaysWhenItExpiredWhenEntraSaysSo() {
        wm.stubFor(
                post(urlPathEqualTo(WireMockBc.TOKEN_PATH))
                        .willReturn(
                                aResponse()
                                        .withStatus(401)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000222: The provided client secret "
                                                        + "keys for app '0f8e' are expired (expired on 2026-10-31). Visit the Azure portal to create new keys. "
                                                        + "Trace ID: a Correlation ID: b Timestamp: 2026-11-24 10:00:00Z\",\"error_codes\":[7000222]}")));
        try (Connector connector = WireMockBc.open(WireMockBc.settings(wm), TestConnectorContext.create())) {
            ConnectorException e = assertThrows(ConnectorException.class, connector::check);
            assertEquals("clientSecret", e.settingKey().orElseThrow());
            assertTrue(e.getMessage().startsWith("the client secret has expired on 2026-10-31"), e.getMessage());
        }
    }

    @Test
    void entraFixtureBodyForAWrongSecretNamesTheClientSecret() throws Exception {
        String body = new String(
                getClass()
                        .getResourceAsStream("/fixtures/entra_error_invalid_client.json")
                        .readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        wm.stubFor(post(urlPathEqualTo(WireMockBc.TOKEN_PATH))
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody(body)));
        try (Connector connector = WireMockBc.open(WireMockBc.settings(wm), TestConnectorContext.create())) {
            ConnectorException e = assertThrows(ConnectorException.class, connector::check);
            assertEquals("clientSecret", e.settingKey().orElseThrow());
        }
    }

    @Test
    void unreachableAuthorityIsTransientAndNamesTheAuthoritySetting() {
        var raw = WireMockBc.settings(wm);
        raw.put("authorityUrl", "http://127.0.0.1:1");
        try (Connector connector = WireMockBc.open(raw, TestConnectorContext.create())) {
            ConnectorException e = assertThrows(ConnectorException.class, connector::check);
            assertEquals(ErrorKind.TRANSIENT, e.kind());
            assertTrue(e.getMessage().contains("authorityUrl"), e.getMessage());
        }
    }
}
