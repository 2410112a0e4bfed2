package io.ipaas.bcsandbox;

import static io.ipaas.bcsandbox.SandboxClient.assertBcError;
import static io.ipaas.bcsandbox.SandboxClient.get;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiAuthenticationTest {
    private static final String APP = BcSandbox.DEFAULT_CLIENT_ID;
    private static final String SECRET = "auth-test-secret";
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-10T09:00:00Z"));
    private static BcSandbox sandbox;
    private static SandboxClient client;

    @BeforeAll
    static void start() {
        sandbox = BcSandbox.builder()
                .items(5)
                .client(APP, SECRET)
                .clock(CLOCK)
                .tokenLifetime(Duration.ofMinutes(60))
                .build()
                .start();
        client = new SandboxClient(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        sandbox.faults().clear();
    }

    private String companies() {
        return client.root() + "/companies";
    }

    @Test
    void noTokenIs401WithBcsBodyAndWwwAuthenticate() {
        HttpResponse<String> response = get(companies(), null);
        var error = assertBcError(response, 401, "Authentication_InvalidCredentials");
        assertEquals(true, error.get("message").asText().startsWith("The server has rejected the client credentials."));
        assertEquals(
                "Bearer authorization_uri=\"" + sandbox.baseUri() + "/" + sandbox.tenantId() + "/oauth2/authorize\"",
                response.headers().firstValue("WWW-Authenticate").orElseThrow());
    }

    @Test
    void malformedForgedOrForeignTokensAre401() {
        assertBcError(get(companies(), "not-a-jwt"), 401, "Authentication_InvalidCredentials");
        String real = client.accessToken(APP, SECRET);
        String[] parts = real.split("\\.");
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];
        assertBcError(get(companies(), tampered), 401, "Authentication_InvalidCredentials");
        try (BcSandbox other = BcSandbox.builder()
                .items(1)
                .client(APP, SECRET)
                .clock(CLOCK)
                .build()
                .start()) {
            String foreign = new SandboxClient(other).accessToken(APP, SECRET);
            assertBcError(get(companies(), foreign), 401, "Authentication_InvalidCredentials");
        }
        assertEquals(200, get(companies(), real).statusCode());
    }

    @Test
    void expiredTokenIs401() {
        String token = client.accessToken(APP, SECRET);
        assertEquals(200, get(companies(), token).statusCode());
        CLOCK.advance(Duration.ofMinutes(59));
        assertEquals(200, get(companies(), token).statusCode(), "still inside its lifetime");
        CLOCK.advance(Duration.ofMinutes(1));
        assertBcError(get(companies(), token), 401, "Authentication_InvalidCredentials");
        assertEquals(200, get(companies(), client.accessToken(APP, SECRET)).statusCode(), "a fresh token works");
    }

    @Test
    void tenantInTheUrlMustBeTheTokensTenantByIdOrDomain() {
        String token = client.accessToken(APP, SECRET);
        String byDomain = sandbox.baseUri() + "/v2.0/cronus.onmicrosoft.com/production/api/v2.0/companies";
        assertEquals(200, get(byDomain, token).statusCode());
        String shortForm = sandbox.baseUri() + "/v2.0/production/api/v2.0/companies";
        assertEquals(200, get(shortForm, token).statusCode(), "tenant taken from the token");
        String otherTenant =
                sandbox.baseUri() + "/v2.0/11111111-2222-3333-4444-555555555555/production/api/v2.0/companies";
        assertBcError(get(otherTenant, token), 401, "Authentication_InvalidCredentials");
    }

    @Test
    void appUnregisteredInBcGetsTokensButBcRejectsThem() {
        sandbox.faults().unregisterInBc(APP);
        String token = client.accessToken(APP, SECRET);
        assertBcError(get(companies(), token), 401, "Authentication_InvalidCredentials");
        sandbox.faults().registerInBc(APP);
        assertEquals(200, get(companies(), token).statusCode());
    }

    @Test
    void revokedAppsExistingTokensAreRejected() {
        String token = client.accessToken(APP, SECRET);
        sandbox.faults().revokeClient(APP);
        assertBcError(get(companies(), token), 401, "Authentication_InvalidCredentials");
        sandbox.faults().restoreClient(APP);
        assertEquals(200, get(companies(), token).statusCode());
    }
}
