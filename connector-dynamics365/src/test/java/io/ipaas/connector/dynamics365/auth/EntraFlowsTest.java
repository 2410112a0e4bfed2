package io.ipaas.connector.dynamics365.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import io.ipaas.connector.api.auth.AuthState;
import io.ipaas.connector.api.auth.AuthStatus;
import io.ipaas.connector.api.auth.AuthorizationCallback;
import io.ipaas.connector.api.auth.AuthorizationStart;
import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.api.error.ErrorKind;
import io.ipaas.connector.api.state.Secret;
import io.ipaas.connector.dynamics365.odata.RequestCounters;
import io.ipaas.connector.testkit.BrowserSignIn;
import io.ipaas.connector.testkit.TestCertificates;
import io.ipaas.connector.testkit.TestConnectorContext;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** All three sign-in strategies against a real OAuth 2.0 server (mock-oauth2-server), with Entra's URL layout. */
class EntraFlowsTest {
    private static final String TENANT = "6d2b4f1a-8c3e-4a7b-9e15-2f0c7d9a4b36";
    private static final String CLIENT_ID = "0f8e2b6c-4d1a-4c9e-b37f-5a2d8e6c1b90";
    private static final String SCOPE = "https://api.businesscentral.dynamics.com/.default";
    private static final URI REDIRECT = URI.create("http://127.0.0.1:8765/callback");
    private static MockOAuth2Server server;
    private static URI authority;

    @BeforeAll
    static void start() {
        server = new MockOAuth2Server(new OAuth2Config());
        server.start(InetAddress.getLoopbackAddress(), 0);
        authority = URI.create(server.baseUrl().toString().replaceAll("/$", ""));
    }

    @AfterAll
    static void stop() {
        server.shutdown();
    }

    static final class MovableClock extends Clock {
        Instant now = Instant.now();

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static EntraTokenClient client(Clock clock, RequestCounters counters) {
        EntraTokenClient client = new EntraTokenClient(authority, TENANT, clock, counters, Duration.ofSeconds(10));
        assertEquals(
                server.tokenEndpointUrl(TENANT + "/oauth2/v2.0").toString(),
                client.tokenEndpoint().toString());
        return client;
    }

    private static SignedJWT verified(String token) throws Exception {
        SignedJWT jwt = SignedJWT.parse(token);
        JWKSet keys = JWKSet.load(server.jwksUrl(TENANT + "/oauth2/v2.0").url());
        RSAKey key = (RSAKey) keys.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertTrue(jwt.verify(new RSASSAVerifier(key)), "token signed by the server");
        return jwt;
    }

    @Test
    void clientCredentialsWithASecretGetsASignedTokenOnceForManyCalls() throws Exception {
        RequestCounters counters = new RequestCounters();
        Clock clock = Clock.systemUTC();
        ClientSecretAuth auth =
                new ClientSecretAuth(client(clock, counters), CLIENT_ID, Secret.of("s3cret"), SCOPE, clock);
        String token = auth.accessToken();
        for (int i = 0; i < 10; i++) {
            assertEquals(token, auth.accessToken());
        }
        assertEquals(1, counters.get(RequestCounters.TOKEN_REQUESTS));
        assertEquals(CLIENT_ID, verified(token).getJWTClaimsSet().getSubject());
    }

    private AuthorizationCodeAuth codeAuth(TestConnectorContext context, RequestCounters counters) {
        String template = authority + "/{Tenant Id}/oauth2/v2.0/authorize?client_id={SystemTypeVersion:ClientId}"
                + "&response_type=code&redirect_uri={iPaaSRedirectUrl}&scope={SystemTypeVersion:Scopes}&state={iPaaSState}"
                + "&code_challenge={CodeChallenge:43}&code_challenge_method=S256";
        // this OAuth server insists on openid in an authorization request; Entra accepts it too
        return new AuthorizationCodeAuth(
                client(context.clock(), counters),
                CLIENT_ID,
                Optional::empty,
                TENANT,
                "openid " + SCOPE,
                template,
                context);
    }

    @Test
    void authorizationCodeWithPkceStoresTokensAndRefreshRotatesTheRefreshToken() throws Exception {
        MovableClock clock = new MovableClock();
        TestConnectorContext context = new TestConnectorContext("sub-auth", clock);
        RequestCounters counters = new RequestCounters();
        AuthorizationCodeAuth auth = codeAuth(context, counters);
        assertEquals(AuthState.NOT_CONNECTED, auth.status().state());

        CodeVerifier verifier = new CodeVerifier();
        assertEquals(43, verifier.getValue().length());
        String challenge =
                CodeChallenge.compute(CodeChallengeMethod.S256, verifier).getValue();
        URI url = auth.authorizationUrl(new AuthorizationStart(REDIRECT, "state-123", Optional.of(challenge)));
        assertTrue(
                url.getRawQuery()
                        .contains(
                                "scope=openid%20https%3A%2F%2Fapi.businesscentral.dynamics.com%2F.default%20offline_access"),
                "offline_access is added for this grant: " + url);
        Map<String, String> callback = BrowserSignIn.callbackOf(url);
        assertEquals("state-123", callback.get("state"));

        auth.completeAuthorization(
                new AuthorizationCallback(REDIRECT, callback, Optional.of(Secret.of(verifier.getValue()))));
        assertEquals(AuthState.CONNECTED, auth.status().state());
        Secret firstRefresh =
                context.secrets().get(AuthorizationCodeAuth.REFRESH_TOKEN).orElseThrow();
        String firstAccess = auth.accessToken();
        assertEquals(1, counters.get(RequestCounters.TOKEN_REQUESTS), "the code redemption's access token is used");

        clock.now = clock.now.plus(Duration.ofHours(2));
        String secondAccess = auth.accessToken();
        assertNotEquals(firstAccess, secondAccess);
        RecordedRequest refresh = lastTokenRequest();
        Map<String, String> sent = form(refresh.getBody().readUtf8());
        assertEquals("refresh_token", sent.get("grant_type"));
        assertEquals(firstRefresh.reveal(), sent.get("refresh_token"), "the stored refresh token is the one used");
        assertTrue(context.secrets().get(AuthorizationCodeAuth.REFRESH_TOKEN).isPresent());
        assertEquals(2, counters.get(RequestCounters.TOKEN_REQUESTS));
        assertEquals(secondAccess, auth.accessToken(), "the refreshed token is cached");

        auth.disconnect();
        assertEquals(AuthState.NOT_CONNECTED, auth.status().state());
        assertTrue(context.secrets().get(AuthorizationCodeAuth.REFRESH_TOKEN).isEmpty());
        assertEquals(
                ErrorKind.AUTHENTICATION,
                assertThrows(ConnectorException.class, auth::accessToken).kind());
    }

    @Test
    void aWrongCodeVerifierFailsTheSignIn() throws Exception {
        TestConnectorContext context = TestConnectorContext.create();
        AuthorizationCodeAuth auth = codeAuth(context, new RequestCounters());
        CodeVerifier verifier = new CodeVerifier();
        Map<String, String> callback = BrowserSignIn.callbackOf(auth.authorizationUrl(new AuthorizationStart(
                REDIRECT,
                "s",
                Optional.of(CodeChallenge.compute(CodeChallengeMethod.S256, verifier)
                        .getValue()))));
        ConnectorException e = assertThrows(
                ConnectorException.class,
                () -> auth.completeAuthorization(new AuthorizationCallback(
                        REDIRECT, callback, Optional.of(Secret.of(new CodeVerifier().getValue())))));
        assertEquals(ErrorKind.AUTHENTICATION, e.kind());
        assertTrue(e.getMessage().contains("start the sign-in again"), e.getMessage());
        assertEquals(AuthState.NOT_CONNECTED, auth.status().state());
    }

    @Test
    void anErrorRedirectIsReportedWithEntrasDescription() {
        AuthorizationCodeAuth auth = codeAuth(TestConnectorContext.create(), new RequestCounters());
        ConnectorException e = assertThrows(
                ConnectorException.class,
                () -> auth.completeAuthorization(new AuthorizationCallback(
                        REDIRECT,
                        Map.of("error", "access_denied", "error_description", "AADSTS65004: User declined to consent."),
                        Optional.of(Secret.of("x")))));
        assertTrue(e.getMessage().contains("access_denied (AADSTS65004: User declined to consent.)"), e.getMessage());
    }

    @Test
    void anExpiringExpiredOrNotYetValidCertificateIsReportedBeforeEntraIsAsked(@TempDir Path folder) throws Exception {
        TestCertificates certificates = TestCertificates.create(folder);
        CertificateCredential credential = CertificateCredential.parse(certificates.pem, Optional.empty());
        Instant issued = Instant.now();
        MovableClock clock = new MovableClock();
        RequestCounters counters = new RequestCounters();
        ClientCertificateAuth auth =
                new ClientCertificateAuth(client(clock, counters), CLIENT_ID, credential, "PS256", SCOPE, clock);
        assertTrue(
                auth.status().message().contains("valid until"), auth.status().message());

        clock.now = issued.plus(Duration.ofDays(340));
        AuthStatus soon = auth.status();
        assertEquals(AuthState.CONNECTED, soon.state());
        assertTrue(
                soon.message().contains("expires in 24 days") || soon.message().contains("expires in 25 days"),
                soon.message());
        assertTrue(soon.message().contains("replace Client certificate before then"), soon.message());

        clock.now = issued.plus(Duration.ofDays(366));
        AuthStatus expired = auth.status();
        assertEquals(AuthState.NEEDS_REAUTH, expired.state(), "pulls pause until the certificate is replaced");
        assertTrue(expired.message().contains("expired on"), expired.message());
        ConnectorException e = assertThrows(ConnectorException.class, auth::accessToken);
        assertEquals(ErrorKind.CONFIGURATION, e.kind());
        assertEquals("clientCertificate", e.settingKey().orElseThrow());
        assertTrue(
                e.getMessage().contains("CN=bc-connector-test expired on")
                        && e.getMessage().contains("Certificates & secrets"),
                e.getMessage());

        clock.now = issued.minus(Duration.ofDays(2));
        ConnectorException early = assertThrows(ConnectorException.class, auth::accessToken);
        assertTrue(early.getMessage().contains("is valid only from"), early.getMessage());
        assertEquals(
                0,
                counters.get(RequestCounters.TOKEN_REQUESTS),
                "Entra is not asked to judge a certificate we can judge");
    }

    @Test
    void certificateAssertionIsSignedWithTheDocumentedHeaderAndClaims(@TempDir Path folder) throws Exception {
        TestCertificates certificates = TestCertificates.create(folder);
        RequestCounters counters = new RequestCounters();
        Clock clock = Clock.systemUTC();
        EntraTokenClient client = client(clock, counters);
        for (String input : new String[] {certificates.pkcs12Base64, certificates.pem}) {
            Optional<String> password =
                    input.contains("BEGIN") ? Optional.empty() : Optional.of(TestCertificates.PASSWORD);
            CertificateCredential credential = CertificateCredential.parse(input, password);
            ClientCertificateAuth auth =
                    new ClientCertificateAuth(client, CLIENT_ID, credential, "PS256", SCOPE, clock);
            verified(auth.accessToken());
            RecordedRequest request = lastTokenRequest();
            Map<String, String> form = form(request.getBody().readUtf8());
            assertEquals("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", form.get("client_assertion_type"));
            SignedJWT assertion = SignedJWT.parse(form.get("client_assertion"));
            assertEquals(JWSAlgorithm.PS256, assertion.getHeader().getAlgorithm());
            assertEquals(JOSEObjectType.JWT, assertion.getHeader().getType());
            assertEquals(
                    ClientAssertion.thumbprint(credential),
                    assertion.getHeader().getX509CertSHA256Thumbprint());
            assertTrue(assertion.verify(new RSASSAVerifier((RSAPublicKey) certificates.certificate.getPublicKey())));
            var claims = assertion.getJWTClaimsSet();
            assertEquals(client.tokenEndpoint().toString(), claims.getAudience().get(0));
            assertEquals(CLIENT_ID, claims.getIssuer());
            assertEquals(CLIENT_ID, claims.getSubject());
            assertTrue(claims.getJWTID() != null && !claims.getJWTID().isBlank());
            long lifetime = claims.getExpirationTime().getTime()
                    - claims.getNotBeforeTime().getTime();
            assertEquals(ClientAssertion.LIFETIME.toMillis(), lifetime);
        }
    }

    @Test
    void aDamagedCertificateIsAConfigurationErrorNamingTheSetting() {
        ConnectorException e = assertThrows(
                ConnectorException.class,
                () -> CertificateCredential.parse(
                        "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----", Optional.empty()));
        assertEquals("clientCertificate", e.settingKey().orElseThrow());
    }

    private static RecordedRequest lastTokenRequest() throws InterruptedException {
        RecordedRequest last = null;
        while (true) {
            try {
                RecordedRequest next = server.takeRequest(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                if ("POST".equals(next.getMethod())) {
                    last = next;
                }
            } catch (RuntimeException drained) {
                return last;
            }
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(
                    URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return form;
    }
}
