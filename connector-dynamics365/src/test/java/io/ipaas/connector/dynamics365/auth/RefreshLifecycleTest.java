package io.ipaas.connector.dynamics365.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.ipaas.connector.api.auth.AuthState;
import io.ipaas.connector.api.auth.AuthorizationCallback;
import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.api.error.ErrorKind;
import io.ipaas.connector.api.state.Secret;
import io.ipaas.connector.dynamics365.odata.RequestCounters;
import io.ipaas.connector.testkit.TestConnectorContext;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Refresh-token rotation, lapsed sign-ins and timeouts, with Entra's exact bodies. */
class RefreshLifecycleTest {
    private static final String TENANT = "6d2b4f1a-8c3e-4a7b-9e15-2f0c7d9a4b36";
    private static final String TOKEN = "/" + TENANT + "/oauth2/v2.0/token";
    private static final URI REDIRECT = URI.create("http://127.0.0.1:8765/callback");

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private final EntraFlowsTest.MovableClock clock = new EntraFlowsTest.MovableClock();
    private final TestConnectorContext context = new TestConnectorContext("sub-r", clock);
    private final RequestCounters counters = new RequestCounters();

    private AuthorizationCodeAuth auth(Duration timeout) {
        EntraTokenClient client = new EntraTokenClient(URI.create(wm.baseUrl()), TENANT, clock, counters, timeout);
        return new AuthorizationCodeAuth(
                client,
                "0f8e2b6c-4d1a-4c9e-b37f-5a2d8e6c1b90",
                Optional::empty,
                TENANT,
                "https://api.businesscentral.dynamics.com/.default",
                "https://login.microsoftonline.com/{Tenant Id}/x?c="
                        + "{SystemTypeVersion:ClientId}&r={iPaaSRedirectUrl}&s={SystemTypeVersion:Scopes}&st={iPaaSState}"
                        + "&cc={CodeChallenge:43}",
                context);
    }

    private static void tokens(String grant, String access, String refresh) {
        wm.stubFor(post(urlPathEqualTo(TOKEN))
                .withRequestBody(containing("grant_type=" + grant))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"token_type\":\"Bearer\","
                                + "\"expires_in\":3599,\"scope\":\"https://api.businesscentral.dynamics.com/.default\",\"access_token\":\""
                                + access + "\",\"refresh_token\":\"" + refresh + "\"}")));
    }

    private AuthorizationCodeAuth signedIn() {
        tokens("authorization_code", "access-1", "refresh-1");
        AuthorizationCodeAuth auth = auth(Duration.ofSeconds(5));
        auth.completeAuthorization(new AuthorizationCallback(
                REDIRECT, Map.of("code", "the-code", "state", "s"), Optional.of(Secret.of("v".repeat(43)))));
        return auth;
    }

    @Test
    void eachRefreshStoresTheRotatedTokenBeforeUsingTheNewAccessTokenAndSendsItNextTime() {
        AuthorizationCodeAuth auth = signedIn();
        wm.verify(postRequestedFor(urlPathEqualTo(TOKEN))
                .withRequestBody(containing("code_verifier=" + "v".repeat(43)))
                .withRequestBody(containing("redirect_uri=http%3A%2F%2F127.0.0.1%3A8765%2Fcallback")));
        assertEquals("access-1", auth.accessToken());

        tokens("refresh_token", "access-2", "refresh-2");
        clock.now = clock.now.plus(Duration.ofMinutes(56));
        assertEquals("access-2", auth.accessToken(), "refreshed 5 minutes before expiry");
        assertEquals(
                "refresh-2",
                context.secrets()
                        .get(AuthorizationCodeAuth.REFRESH_TOKEN)
                        .orElseThrow()
                        .reveal());
        wm.verify(postRequestedFor(urlPathEqualTo(TOKEN)).withRequestBody(containing("refresh_token=refresh-1")));

        tokens("refresh_token", "access-3", "refresh-3");
        clock.now = clock.now.plus(Duration.ofMinutes(56));
        assertEquals("access-3", auth.accessToken());
        wm.verify(postRequestedFor(urlPathEqualTo(TOKEN)).withRequestBody(containing("refresh_token=refresh-2")));
        assertEquals(3, counters.get(RequestCounters.TOKEN_REQUESTS));
    }

    @Test
    void aStoredAccessTokenSurvivesARestartWithoutATokenRequest() {
        signedIn();
        long before = counters.get(RequestCounters.TOKEN_REQUESTS);
        assertEquals("access-1", auth(Duration.ofSeconds(5)).accessToken());
        assertEquals(before, counters.get(RequestCounters.TOKEN_REQUESTS));
    }

    @ParameterizedTest
    @CsvSource({
        "invalid_grant, 70008, expired or was revoked",
        "invalid_grant, 700082, 90 days without use",
        "invalid_grant, 50173, password change",
        "interaction_required, 50076, multi-factor",
    })
    void aRefusedRefreshMovesToNeedsReauthAndNeverRetriesInALoop(String error, int code, String phrase) {
        AuthorizationCodeAuth auth = signedIn();
        wm.stubFor(post(urlPathEqualTo(TOKEN))
                .withRequestBody(containing("grant_type=refresh_token"))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"" + error + "\",\"error_description\":\"AADSTS" + code
                                + ": The refresh token "
                                + "is no longer valid. Trace ID: t Correlation ID: c Timestamp: 2026-11-24 10:00:00Z\","
                                + "\"error_codes\":[" + code + "]}")));
        clock.now = clock.now.plus(Duration.ofHours(2));
        ConnectorException e = assertThrows(ConnectorException.class, auth::accessToken);
        assertEquals(ErrorKind.AUTHENTICATION, e.kind());
        assertTrue(e.getMessage().contains(phrase) && e.getMessage().contains("sign in again"), e.getMessage());
        assertEquals(AuthState.NEEDS_REAUTH, auth.status().state());
        assertTrue(auth.status().message().contains(phrase));
        long requests = counters.get(RequestCounters.TOKEN_REQUESTS);
        for (int i = 0; i < 5; i++) {
            assertThrows(ConnectorException.class, auth::accessToken);
        }
        assertEquals(requests, counters.get(RequestCounters.TOKEN_REQUESTS), "no token requests while a user must act");

        tokens("authorization_code", "access-9", "refresh-9");
        auth.completeAuthorization(new AuthorizationCallback(
                REDIRECT, Map.of("code", "new-code"), Optional.of(Secret.of("w".repeat(43)))));
        assertEquals(AuthState.CONNECTED, auth.status().state());
        assertEquals("access-9", auth.accessToken());
    }

    @Test
    void aTokenEndpointThatDoesNotAnswerIsTransient() {
        wm.stubFor(post(urlPathEqualTo(TOKEN))
                .willReturn(aResponse().withFixedDelay(2_000).withStatus(200)));
        AuthorizationCodeAuth auth = auth(Duration.ofMillis(300));
        ConnectorException e = assertThrows(
                ConnectorException.class,
                () -> auth.completeAuthorization(new AuthorizationCallback(
                        REDIRECT, Map.of("code", "c"), Optional.of(Secret.of("v".repeat(43))))));
        assertEquals(ErrorKind.TRANSIENT, e.kind());
        assertTrue(e.getMessage().contains("did not answer"), e.getMessage());
    }

    @Test
    void aCodeUsedTwiceAsksToStartAgain() {
        wm.stubFor(post(urlPathEqualTo(TOKEN))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"AADSTS54005: OAuth2 "
                                + "Authorization code was already redeemed.\",\"error_codes\":[54005]}")));
        ConnectorException e = assertThrows(
                ConnectorException.class,
                () -> auth(Duration.ofSeconds(5))
                        .completeAuthorization(new AuthorizationCallback(
                                REDIRECT, Map.of("code", "c"), Optional.of(Secret.of("v".repeat(43))))));
        assertTrue(e.getMessage().startsWith("this sign-in code was already used"), e.getMessage());
        assertFalse(context.secrets().get(AuthorizationCodeAuth.REFRESH_TOKEN).isPresent());
    }
}
