package io.ipaas.connector.dynamics365.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipaas.bcsandbox.BcSandbox;
import io.ipaas.connector.api.Connector;
import io.ipaas.connector.api.auth.AuthState;
import io.ipaas.connector.api.auth.AuthorizationCallback;
import io.ipaas.connector.api.auth.AuthorizationStart;
import io.ipaas.connector.api.entity.Record;
import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.api.error.ErrorKind;
import io.ipaas.connector.api.poll.Checkpoint;
import io.ipaas.connector.api.poll.PollBatch;
import io.ipaas.connector.api.poll.PollRequest;
import io.ipaas.connector.api.poll.PollSource;
import io.ipaas.connector.api.settings.Settings;
import io.ipaas.connector.api.state.Secret;
import io.ipaas.connector.dynamics365.Dynamics365ConnectorFactory;
import io.ipaas.connector.testkit.BrowserSignIn;
import io.ipaas.connector.testkit.HostLoop;
import io.ipaas.connector.testkit.PkcePair;
import io.ipaas.connector.testkit.TestCertificates;
import io.ipaas.connector.testkit.TestConnectorContext;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each sign-in strategy obtains tokens from the sandbox's Entra endpoints and pulls every item through them. */
class StrategiesAgainstSandboxTest {
    private static final String CLIENT_ID = "0f8e2b6c-4d1a-4c9e-b37f-5a2d8e6c1b90";
    private static final String SECRET = "strategies-secret-41";

    static Map<String, Object> settings(BcSandbox sandbox) {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("apiUrl", sandbox.baseUri().toString());
        raw.put("authorityUrl", sandbox.baseUri().toString());
        raw.put("tenantId", sandbox.tenantId());
        raw.put("environment", sandbox.environment());
        raw.put("companyName", "CRONUS USA, Inc.");
        raw.put("clientId", CLIENT_ID);
        raw.put("pageSize", 25);
        return raw;
    }

    static Connector open(Map<String, Object> raw, TestConnectorContext context) {
        Dynamics365ConnectorFactory factory = new Dynamics365ConnectorFactory();
        Settings settings = factory.settings().parse(raw);
        assertEquals(List.of(), factory.validate(settings));
        return factory.open(settings, context);
    }

    static Set<String> pullAll(Connector connector) {
        Set<String> keys = new HashSet<>();
        new HostLoop(connector.entity("items").pollSource().orElseThrow(), 1000)
                .drain(records -> records.forEach(r -> keys.add(r.key())));
        return keys;
    }

    static Set<String> expected(BcSandbox sandbox) {
        return new HashSet<>(sandbox.dataset().itemIds(BcSandbox.CRONUS_USA).toList());
    }

    @Test
    void certificateCredentialsPullEveryItem(@TempDir Path folder) throws Exception {
        TestCertificates certificates = TestCertificates.create(folder);
        try (BcSandbox sandbox = BcSandbox.builder()
                .items(60)
                .clientCertificate(CLIENT_ID, (X509Certificate) certificates.certificate)
                .build()
                .start()) {
            Map<String, Object> raw = settings(sandbox);
            raw.put("grantType", "client_certificate");
            raw.put("clientCertificate", certificates.pem);
            try (Connector connector = open(raw, TestConnectorContext.create())) {
                assertEquals(expected(sandbox), pullAll(connector));
                assertEquals(1L, connector.metrics().get("auth.tokenRequests"));
            }
            raw.put("assertionAlgorithm", "RS256");
            raw.put("clientCertificate", certificates.pkcs12Base64);
            raw.put("clientCertificatePassword", TestCertificates.PASSWORD);
            try (Connector connector = open(raw, TestConnectorContext.create())) {
                assertEquals(expected(sandbox), pullAll(connector));
            }
        }
    }

    @Test
    void aCertificateTheAppDoesNotKnowNamesTheCertificateSetting(@TempDir Path folder) throws Exception {
        TestCertificates registered =
                TestCertificates.create(folder.resolve("a").toFile().mkdirs() ? folder.resolve("a") : folder);
        TestCertificates other =
                TestCertificates.create(folder.resolve("b").toFile().mkdirs() ? folder.resolve("b") : folder);
        try (BcSandbox sandbox = BcSandbox.builder()
                .items(5)
                .clientCertificate(CLIENT_ID, (X509Certificate) registered.certificate)
                .build()
                .start()) {
            Map<String, Object> raw = settings(sandbox);
            raw.put("grantType", "client_certificate");
            raw.put("clientCertificate", other.pem);
            try (Connector connector = open(raw, TestConnectorContext.create())) {
                ConnectorException e = assertThrows(ConnectorException.class, connector::check);
                assertEquals(ErrorKind.CONFIGURATION, e.kind());
                assertEquals("clientCertificate", e.settingKey().orElseThrow());
            }
        }
    }

    @Test
    void aUserSignInWithPkcePullsEveryItemAndALapsedSignInPausesWithoutRetrying() throws Exception {
        try (BcSandbox sandbox = BcSandbox.builder()
                .items(60)
                .tokenLifetime(Duration.ofMinutes(4))
                .build()
                .start()) {
            Map<String, Object> raw = settings(sandbox);
            raw.put("grantType", "authorization_code");
            raw.put("oauthUrlTemplate", sandbox.oauthUrlTemplate());
            EntraFlowsTest.MovableClock clock = new EntraFlowsTest.MovableClock();
            TestConnectorContext context = new TestConnectorContext("test-instance", clock);
            URI redirect = URI.create("http://127.0.0.1:9/callback");
            String verifier = "pkce-verifier-".repeat(3) + "x";
            try (Connector connector = open(raw, context)) {
                assertEquals(AuthState.NOT_CONNECTED, connector.auth().status().state());
                assertEquals(
                        ErrorKind.AUTHENTICATION,
                        assertThrows(ConnectorException.class, connector::check).kind());
                URI url = connector
                        .auth()
                        .authorizationUrl(new AuthorizationStart(
                                redirect,
                                "state-1",
                                Optional.of(PkcePair.of(verifier).challenge())));
                Map<String, String> callback = BrowserSignIn.callbackOf(url);
                connector
                        .auth()
                        .completeAuthorization(
                                new AuthorizationCallback(redirect, callback, Optional.of(Secret.of(verifier))));
                assertEquals(AuthState.CONNECTED, connector.auth().status().state());
                assertEquals(expected(sandbox), pullAll(connector));
            }
            // tokens live 4 minutes here; 5 minutes later (by the connector's clock) the stored access token has
            // expired, so the next connection refreshes (and rotates)
            clock.now = clock.now.plus(Duration.ofMinutes(5));
            String before =
                    context.secrets().get("entra.refreshToken").orElseThrow().reveal();
            try (Connector connector = open(raw, context)) {
                connector.check();
            }
            String after =
                    context.secrets().get("entra.refreshToken").orElseThrow().reveal();
            assertTrue(!before.equals(after), "the rotated refresh token was stored");

            sandbox.faults().revokeRefreshTokens();
            clock.now = clock.now.plus(Duration.ofMinutes(5));
            try (Connector connector = open(raw, context)) {
                ConnectorException e = assertThrows(ConnectorException.class, connector::check);
                assertEquals(ErrorKind.AUTHENTICATION, e.kind());
                assertTrue(e.getMessage().contains("revoked"), e.getMessage());
                assertEquals(AuthState.NEEDS_REAUTH, connector.auth().status().state());
                long tokenRequests = sandbox.stats().tokenRequests();
                assertThrows(ConnectorException.class, connector::check);
                assertThrows(ConnectorException.class, connector::check);
                assertEquals(tokenRequests, sandbox.stats().tokenRequests(), "no token requests while a user must act");
            }
        }
    }

    /**
     * Entra's client-credentials tokens say {@code expires_in: 3599}: no single token covers a full hour, and with the
     * 5-minute margin the second one is fetched at minute 55. Tokens of 75 minutes (Entra's average for user tokens)
     * cover the hour with one request.
     */
    @ParameterizedTest(name = "token lifetime {0} s, pulling for {1} min → {2} token request(s)")
    @CsvSource({"3599, 60, 2", "3599, 54, 1", "4500, 60, 1"})
    void tokenRequestsDuringAOneHourPull(int lifetimeSeconds, int minutes, int expectedTokenRequests) {
        EntraFlowsTest.MovableClock clock = new EntraFlowsTest.MovableClock();
        try (BcSandbox sandbox = BcSandbox.builder()
                .items(600)
                .clock(clock)
                .tokenLifetime(Duration.ofSeconds(lifetimeSeconds))
                .client(CLIENT_ID, SECRET)
                .build()
                .start()) {
            Map<String, Object> raw = settings(sandbox);
            raw.put("clientSecret", SECRET);
            raw.put("pageSize", 10);
            try (Connector connector = open(raw, new TestConnectorContext("one-hour", clock))) {
                PollSource source = connector.entity("items").pollSource().orElseThrow();
                Checkpoint checkpoint = Checkpoint.initial();
                Set<String> keys = new HashSet<>();
                for (int minute = 0; minute < minutes; minute++) {
                    PollBatch batch = source.poll(PollRequest.from(checkpoint, 1000));
                    batch.records().stream().map(Record::key).forEach(keys::add);
                    checkpoint = batch.next();
                    clock.now = clock.now.plus(Duration.ofMinutes(1));
                }
                assertEquals(minutes * 10, keys.size(), "one page a minute");
                assertEquals((long) expectedTokenRequests, connector.metrics().get("auth.tokenRequests"));
            }
        }
    }
}
