package io.ipaas.bcsandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Authorization code with PKCE, refresh with rotation and its failure switches, as Entra answers them. */
class DelegatedSignInTest {
    private static final String REDIRECT = "http://127.0.0.1:8765/callback";
    private static final String SCOPE = "https://api.businesscentral.dynamics.com/.default offline_access";
    private static final HttpClient NO_REDIRECTS =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private BcSandbox sandbox;
    private SandboxClient client;

    @BeforeEach
    void start() {
        sandbox = BcSandbox.builder().items(5).build().start();
        client = new SandboxClient(sandbox);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    static String challenge(String verifier) throws Exception {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                        MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    HttpResponse<String> authorize(String query) throws Exception {
        return NO_REDIRECTS.send(
                HttpRequest.newBuilder(URI.create(
                                sandbox.baseUri() + "/" + sandbox.tenantId() + "/oauth2/v2.0/authorize?" + query))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    Map<String, String> signIn(String verifier, String state) throws Exception {
        HttpResponse<String> response =
                authorize("client_id=" + BcSandbox.DEFAULT_CLIENT_ID + "&response_type=code&redirect_uri="
                        + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&scope="
                        + URLEncoder.encode(SCOPE, StandardCharsets.UTF_8)
                        + "&state=" + state + "&code_challenge=" + challenge(verifier) + "&code_challenge_method=S256");
        assertEquals(302, response.statusCode(), response.body());
        URI location = URI.create(response.headers().firstValue("Location").orElseThrow());
        assertTrue(location.toString().startsWith(REDIRECT));
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : location.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            parameters.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return parameters;
    }

    HttpResponse<String> redeem(String code, String verifier) {
        return client.token(
                sandbox.tenantId(),
                SandboxClient.form(
                        "grant_type",
                        "authorization_code",
                        "client_id",
                        BcSandbox.DEFAULT_CLIENT_ID,
                        "code",
                        code,
                        "redirect_uri",
                        REDIRECT,
                        "code_verifier",
                        verifier));
    }

    HttpResponse<String> refresh(String token) {
        return client.token(
                sandbox.tenantId(),
                SandboxClient.form(
                        "grant_type",
                        "refresh_token",
                        "client_id",
                        BcSandbox.DEFAULT_CLIENT_ID,
                        "refresh_token",
                        token,
                        "scope",
                        SCOPE));
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return SandboxClient.MAPPER.readTree(response.body());
    }

    @Test
    void codeWithPkceGivesTokensThatReadTheApiAndRefreshRotates() throws Exception {
        String verifier = "v".repeat(20) + "erifier-with-43-characters-xx";
        Map<String, String> callback = signIn(verifier, "st4te");
        assertEquals("st4te", callback.get("state"));
        JsonNode tokens = json(redeem(callback.get("code"), verifier));
        assertEquals("Bearer", tokens.get("token_type").asText());
        String firstRefresh = tokens.get("refresh_token").asText();
        assertEquals(
                "https://api.businesscentral.dynamics.com/.default",
                tokens.get("scope").asText());
        HttpResponse<String> companies = SandboxClient.HTTP.send(
                HttpRequest.newBuilder(URI.create(client.root() + "/companies"))
                        .header(
                                "Authorization",
                                "Bearer " + tokens.get("access_token").asText())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, companies.statusCode());

        JsonNode refreshed = json(refresh(firstRefresh));
        assertNotEquals(firstRefresh, refreshed.get("refresh_token").asText(), "rotated");
        sandbox.faults().refreshTokenRotation(false);
        String second = refreshed.get("refresh_token").asText();
        assertEquals(second, json(refresh(second)).get("refresh_token").asText());
    }

    @Test
    void aWrongVerifierAndAReusedCodeAreRefused() throws Exception {
        String verifier = "a".repeat(43);
        String code = signIn(verifier, "s").get("code");
        HttpResponse<String> wrong = redeem(code, "b".repeat(43));
        assertEquals(400, wrong.statusCode());
        assertEquals(501481, json(wrong).get("error_codes").get(0).asInt());
        HttpResponse<String> again = redeem(code, verifier);
        assertEquals("invalid_grant", json(again).get("error").asText());
        assertEquals(
                54005, json(again).get("error_codes").get(0).asInt(), "a code works once, even after a failed try");
    }

    @Test
    void revokedAndExpiredRefreshTokensGetTheirOwnCodes() throws Exception {
        String verifier = "c".repeat(43);
        String refreshToken = json(redeem(signIn(verifier, "s").get("code"), verifier))
                .get("refresh_token")
                .asText();
        sandbox.faults().expireRefreshTokens();
        assertEquals(
                700082, json(refresh(refreshToken)).get("error_codes").get(0).asInt());
        sandbox.faults().clear();
        sandbox.faults().revokeRefreshTokens();
        HttpResponse<String> revoked = refresh(refreshToken);
        assertEquals(400, revoked.statusCode());
        assertEquals(50173, json(revoked).get("error_codes").get(0).asInt());
    }

    @Test
    void untrustworthyRedirectsAreShownAsAPageAndOtherErrorsGoBackToTheClient() throws Exception {
        HttpResponse<String> foreign = authorize("client_id=" + BcSandbox.DEFAULT_CLIENT_ID
                + "&response_type=code&redirect_uri=https%3A%2F%2Fevil.example%2Fcb&scope=x");
        assertEquals(400, foreign.statusCode());
        assertTrue(foreign.body().contains("AADSTS50011"));
        HttpResponse<String> badScope =
                authorize("client_id=" + BcSandbox.DEFAULT_CLIENT_ID + "&response_type=code&redirect_uri="
                        + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&scope=mail.read&state=z");
        assertEquals(302, badScope.statusCode());
        assertTrue(badScope.headers().firstValue("Location").orElseThrow().contains("error=invalid_scope"));
        assertTrue(badScope.headers().firstValue("Location").orElseThrow().endsWith("state=z"));
    }
}
