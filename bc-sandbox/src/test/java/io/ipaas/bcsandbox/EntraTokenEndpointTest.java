package io.ipaas.bcsandbox;

import static io.ipaas.bcsandbox.SandboxClient.clientCredentials;
import static io.ipaas.bcsandbox.SandboxClient.form;
import static io.ipaas.bcsandbox.SandboxClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EntraTokenEndpointTest {
    private static final String APP = "0f8e2b6c-4d1a-4c9e-b37f-5a2d8e6c1b90";
    private static final String OTHER_APP = "7c3a9d21-5e4b-4f60-8a1d-2b9e6f0c3d47";
    private static BcSandbox sandbox;
    private static SandboxClient client;

    @BeforeAll
    static void start() {
        sandbox = BcSandbox.builder()
                .items(10)
                .client(APP, "s3cret")
                .client(APP, "rotated-s3cret")
                .client(OTHER_APP, "other-secret")
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
        sandbox.stats().reset();
        sandbox.faults().clear();
    }

    @Test
    void clientCredentialsAnswersLikeEntraWithAUniqueJwtShapedToken() throws Exception {
        HttpResponse<String> first = client.token(sandbox.tenantId(), clientCredentials(APP, "s3cret"));
        HttpResponse<String> second = client.token(sandbox.tenantId(), clientCredentials(APP, "s3cret"));

        assertEquals(200, first.statusCode(), first.body());
        assertTrue(first.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        assertTrue(first.headers().firstValue("Cache-Control").orElseThrow().contains("no-store"));
        JsonNode body = json(first);
        assertEquals(
                List.of("token_type", "expires_in", "ext_expires_in", "access_token"),
                fieldNames(body),
                "field order of fixture entra_token_response_client_credentials.json");
        assertEquals("Bearer", body.get("token_type").asText());
        assertEquals(3599, body.get("expires_in").asInt());
        assertEquals(3599, body.get("ext_expires_in").asInt());
        assertNotEquals(
                body.get("access_token").asText(),
                json(second).get("access_token").asText());

        String[] parts = body.get("access_token").asText().split("\\.");
        assertEquals(3, parts.length, "header.payload.signature");
        JsonNode claims = SandboxClient.MAPPER.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertEquals(
                "https://api.businesscentral.dynamics.com", claims.get("aud").asText());
        assertEquals(sandbox.tenantId(), claims.get("tid").asText());
        assertEquals(APP, claims.get("appid").asText());
        assertTrue(claims.get("roles").toString().contains("API.ReadWrite.All"));
        assertEquals(3599, claims.get("exp").asLong() - claims.get("iat").asLong());
        assertTrue(claims.get("jti").asText().length() >= 32);
        assertEquals(2, sandbox.stats().tokenRequests());
    }

    @Test
    void acceptsHttpBasicClientAuthTheDomainAliasAndEveryRegisteredSecret() {
        String basic = Base64.getEncoder().encodeToString((APP + ":rotated-s3cret").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> viaBasic = client.token(
                sandbox.tenantId(),
                form("grant_type", "client_credentials", "scope", BcSandbox.BC_SCOPE),
                request -> request.header("Authorization", "Basic " + basic));
        assertEquals(200, viaBasic.statusCode(), viaBasic.body());

        assertEquals(
                200,
                client.token("cronus.onmicrosoft.com", clientCredentials(APP, "s3cret"))
                        .statusCode());
        assertEquals(
                200,
                client.token("CRONUS.onmicrosoft.com", clientCredentials(OTHER_APP, "other-secret"))
                        .statusCode());
    }

    @Test
    void wrongSecretIs401InvalidClient7000215WithEntrasFullErrorBody() {
        HttpResponse<String> response = client.token(
                sandbox.tenantId(),
                clientCredentials(APP, "not-it"),
                request -> request.header("client-request-id", "b8f2d6e1-4a9c-4d37-8e5b-0c1f3a7d9e62"));
        JsonNode body = assertEntraError(response, 401, "invalid_client", 7000215);
        assertEquals(
                List.of(
                        "error",
                        "error_description",
                        "error_codes",
                        "timestamp",
                        "trace_id",
                        "correlation_id",
                        "error_uri"),
                fieldNames(body),
                "field order of fixture entra_error_invalid_client.json");
        assertTrue(body.get("error_description").asText().contains("for a secret added to app '" + APP + "'"));
        assertEquals(
                "b8f2d6e1-4a9c-4d37-8e5b-0c1f3a7d9e62",
                body.get("correlation_id").asText(),
                "Entra echoes client-request-id as the correlation id");
        assertTrue(body.get("timestamp").asText().matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}Z"));
        assertTrue(body.get("error_description")
                .asText()
                .matches("(?s)AADSTS7000215: .* Trace ID: "
                        + body.get("trace_id").asText() + " Correlation ID: "
                        + body.get("correlation_id").asText()
                        + " Timestamp: " + body.get("timestamp").asText()));
        assertEquals(
                "https://login.microsoftonline.com/error?code=7000215",
                body.get("error_uri").asText());
    }

    @Test
    void unknownClientIs400UnauthorizedClient700016() {
        assertEntraError(
                client.token(sandbox.tenantId(), clientCredentials("11111111-2222-3333-4444-555555555555", "x")),
                400,
                "unauthorized_client",
                700016);
    }

    @Test
    void unknownTenantIs400InvalidRequest90002() {
        assertEntraError(
                client.token("contoso.onmicrosoft.com", clientCredentials(APP, "s3cret")),
                400,
                "invalid_request",
                90002);
        assertEntraError(
                client.token("00000000-1111-2222-3333-444444444444", clientCredentials(APP, "s3cret")),
                400,
                "invalid_request",
                90002);
    }

    @Test
    void unsupportedGrantTypeIs400() {
        HttpResponse<String> response = client.token(
                sandbox.tenantId(), form("grant_type", "password", "client_id", APP, "username", "u", "password", "p"));
        assertEntraError(response, 400, "unsupported_grant_type", 70003);
    }

    @Test
    void missingParametersAre400InvalidRequest900144NamingTheParameter() {
        JsonNode noGrant = assertEntraError(
                client.token(sandbox.tenantId(), form("client_id", APP)), 400, "invalid_request", 900144);
        assertTrue(noGrant.get("error_description").asText().contains("'grant_type'"));
        JsonNode noScope = assertEntraError(
                client.token(
                        sandbox.tenantId(),
                        form("grant_type", "client_credentials", "client_id", APP, "client_secret", "s3cret")),
                400,
                "invalid_request",
                900144);
        assertTrue(noScope.get("error_description").asText().contains("'scope'"));
        JsonNode noClient = assertEntraError(
                client.token(sandbox.tenantId(), form("grant_type", "client_credentials", "scope", BcSandbox.BC_SCOPE)),
                400,
                "invalid_request",
                900144);
        assertTrue(noClient.get("error_description").asText().contains("'client_id'"));
        assertEntraError(
                client.token(
                        sandbox.tenantId(),
                        form("grant_type", "client_credentials", "client_id", APP, "scope", BcSandbox.BC_SCOPE)),
                401,
                "invalid_client",
                7000218);
    }

    @Test
    void anyScopeButBcsDefaultIs400InvalidScope70011() {
        for (String scope : List.of(
                "https://graph.microsoft.com/.default",
                sandbox.baseUri() + "/.default",
                "https://api.businesscentral.dynamics.com/Financials.ReadWrite.All")) {
            assertEntraError(
                    client.token(
                            sandbox.tenantId(),
                            form(
                                    "grant_type",
                                    "client_credentials",
                                    "client_id",
                                    APP,
                                    "client_secret",
                                    "s3cret",
                                    "scope",
                                    scope)),
                    400,
                    "invalid_scope",
                    70011);
        }
    }

    @Test
    void getOnTheTokenEndpointIsRefused() {
        HttpResponse<String> response = SandboxClient.send(
                HttpRequest.newBuilder(URI.create(sandbox.baseUri() + "/" + sandbox.tenantId() + "/oauth2/v2.0/token"))
                        .GET()
                        .build());
        assertEntraError(response, 400, "invalid_request", 900561);
    }

    @Test
    void revokedClientGetsInvalidClientUntilRestored() {
        sandbox.faults().revokeClient(OTHER_APP);
        assertEntraError(
                client.token(sandbox.tenantId(), clientCredentials(OTHER_APP, "other-secret")),
                401,
                "invalid_client",
                7000215);
        sandbox.faults().restoreClient(OTHER_APP);
        assertEquals(
                200,
                client.token(sandbox.tenantId(), clientCredentials(OTHER_APP, "other-secret"))
                        .statusCode());
    }

    private static JsonNode assertEntraError(HttpResponse<String> response, int status, String error, int code) {
        assertEquals(status, response.statusCode(), response.body());
        JsonNode body = json(response);
        assertEquals(error, body.get("error").asText(), response.body());
        assertEquals(code, body.get("error_codes").get(0).asInt(), response.body());
        assertTrue(body.get("error_description").asText().startsWith("AADSTS" + code + ": "), response.body());
        return body;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
