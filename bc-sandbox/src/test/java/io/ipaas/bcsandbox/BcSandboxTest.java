package io.ipaas.bcsandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BcSandboxTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static BcSandbox sandbox;
    private static String root;

    @BeforeAll
    static void start() {
        sandbox = BcSandbox.builder().items(50).variantsPerItem(2).build().start();
        root = sandbox.baseUri() + "/v2.0/" + sandbox.tenantId() + "/production/api/v2.0";
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

    static HttpResponse<String> token(String tenant, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.baseUri() + "/" + tenant + "/oauth2/v2.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String form(String secret) {
        return "grant_type=client_credentials&client_id=" + BcSandbox.DEFAULT_CLIENT_ID + "&client_secret=" + secret
                + "&scope=" + URLEncoder.encode("https://api.businesscentral.dynamics.com/.default", StandardCharsets.UTF_8);
    }

    static String accessToken() throws Exception {
        return MAPPER.readTree(token(sandbox.tenantId(), form(BcSandbox.DEFAULT_CLIENT_SECRET)).body()).get("access_token").asText();
    }

    static HttpResponse<String> get(String url, String token, String prefer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (prefer != null) {
            request.header("Prefer", prefer);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return MAPPER.readTree(response.body());
    }

    static String items() {
        return root + "/companies(" + BcSandbox.CRONUS_USA + ")/items";
    }

    @Test
    void clientCredentialsTokenHasEntraShapeAndIsUniquePerRequest() throws Exception {
        JsonNode first = json(token(sandbox.tenantId(), form(BcSandbox.DEFAULT_CLIENT_SECRET)));
        JsonNode second = json(token("cronus.onmicrosoft.com", form(BcSandbox.DEFAULT_CLIENT_SECRET)));
        assertEquals("Bearer", first.get("token_type").asText());
        assertEquals(3599, first.get("expires_in").asInt());
        assertTrue(first.has("ext_expires_in"));
        assertEquals(3, first.get("access_token").asText().split("\\.").length, "JWT-shaped");
        assertFalse(first.get("access_token").asText().equals(second.get("access_token").asText()));
        assertEquals(2, sandbox.stats().tokenRequests());
    }

    @Test
    void tokenErrorsCarryEntraBodiesAndStatuses() throws Exception {
        HttpResponse<String> wrongSecret = token(sandbox.tenantId(), form("nope"));
        assertEquals(401, wrongSecret.statusCode());
        JsonNode body = json(wrongSecret);
        assertEquals("invalid_client", body.get("error").asText());
        assertEquals(7000215, body.get("error_codes").get(0).asInt());
        assertTrue(body.get("error_description").asText().startsWith("AADSTS7000215:"));
        assertTrue(body.has("trace_id") && body.has("correlation_id") && body.has("timestamp"));

        assertEquals(90002, json(token("unknown.example.com", form("x"))).get("error_codes").get(0).asInt());
        HttpResponse<String> unknownApp = token(sandbox.tenantId(), form("x").replace(BcSandbox.DEFAULT_CLIENT_ID,
                "11111111-1111-1111-1111-111111111111"));
        assertEquals(400, unknownApp.statusCode());
        assertEquals(700016, json(unknownApp).get("error_codes").get(0).asInt());
        assertEquals(70011, json(token(sandbox.tenantId(), form(BcSandbox.DEFAULT_CLIENT_SECRET).replace("default", "x")))
                .get("error_codes").get(0).asInt());
        assertEquals("unsupported_grant_type", json(token(sandbox.tenantId(), "grant_type=password")).get("error").asText());
    }

    @Test
    void apiRejectsMissingForeignAndExpiredTokensWithBcsBody() throws Exception {
        HttpResponse<String> none = get(root + "/companies", null, null);
        assertEquals(401, none.statusCode());
        assertEquals("Authentication_InvalidCredentials", json(none).get("error").get("code").asText());
        assertTrue(json(none).get("error").get("message").asText().contains("CorrelationId:"));
        assertTrue(none.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Bearer authorization_uri="));
        assertEquals(401, get(root + "/companies", "forged.token.value", null).statusCode());

        MutableClock clock = new MutableClock();
        try (BcSandbox shortLived = BcSandbox.builder().clock(clock).tokenLifetime(Duration.ofSeconds(60)).build().start()) {
            HttpResponse<String> issued = HTTP.send(HttpRequest.newBuilder(URI.create(shortLived.baseUri() + "/"
                    + shortLived.tenantId() + "/oauth2/v2.0/token")).POST(HttpRequest.BodyPublishers.ofString(
                    form(BcSandbox.DEFAULT_CLIENT_SECRET))).build(), HttpResponse.BodyHandlers.ofString());
            String token = json(issued).get("access_token").asText();
            String companies = shortLived.baseUri() + "/v2.0/" + shortLived.tenantId() + "/production/api/v2.0/companies";
            assertEquals(200, get(companies, token, null).statusCode());
            clock.advance(Duration.ofSeconds(61));
            assertEquals(401, get(companies, token, null).statusCode());
        }
    }

    @Test
    void companiesFilterByNameWithDoubledQuote() throws Exception {
        String filter = URLEncoder.encode("name eq 'O''Brien Supplies'", StandardCharsets.UTF_8).replace("+", "%20");
        JsonNode page = json(get(root + "/companies?$filter=" + filter, accessToken(), null));
        assertEquals(1, page.get("value").size());
        assertEquals(BcSandbox.OBRIEN.toString(), page.get("value").get(0).get("id").asText());
        assertTrue(page.get("@odata.context").asText().endsWith("/$metadata#companies"));
        assertEquals(3, json(get(root + "/companies", accessToken(), null)).get("value").size());
    }

    @Test
    void pagingReturnsEveryItemOnceWithAbsoluteNextLinksCarryingTheQuery() throws Exception {
        String token = accessToken();
        String filter = URLEncoder.encode("lastModifiedDateTime le 2099-01-01T00:00:00Z", StandardCharsets.UTF_8)
                .replace("+", "%20");
        String url = items() + "?$filter=" + filter;
        Set<String> ids = new HashSet<>();
        int pages = 0;
        while (url != null) {
            HttpResponse<String> response = get(url, token, "odata.maxpagesize=7");
            assertEquals(200, response.statusCode(), response.body());
            assertEquals("odata.maxpagesize=7", response.headers().firstValue("Preference-Applied").orElseThrow());
            assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json; odata.metadata=minimal"));
            JsonNode page = json(response);
            for (JsonNode item : page.get("value")) {
                assertTrue(ids.add(item.get("id").asText()), "duplicate " + item.get("id"));
                assertTrue(item.get("@odata.etag").asText().startsWith("W/\""));
            }
            pages++;
            url = page.has("@odata.nextLink") ? page.get("@odata.nextLink").asText() : null;
            if (url != null) {
                assertTrue(url.startsWith(sandbox.baseUri().toString()), "absolute: " + url);
                assertTrue(url.contains("$filter=") && url.contains("$skiptoken="), url);
            }
        }
        assertEquals(50, ids.size());
        assertEquals(8, pages, "ceil(50 / 7)");
        assertEquals(Set.copyOf(sandbox.dataset().itemIds(BcSandbox.CRONUS_USA).toList()), ids);
        assertEquals(8, sandbox.stats().requests("items"));
    }

    @Test
    void lastModifiedFiltersHonourEachOperatorAtMillisecondBoundaries() throws Exception {
        String token = accessToken();
        JsonNode all = json(get(items(), token, null)).get("value");
        List<Instant> times = new ArrayList<>();
        all.forEach(item -> times.add(Instant.parse(item.get("lastModifiedDateTime").asText())));
        Instant pivot = times.get(10);
        long gt = times.stream().filter(t -> t.isAfter(pivot)).count();
        long lt = times.stream().filter(t -> t.isBefore(pivot)).count();
        long equal = times.stream().filter(t -> t.equals(pivot)).count();
        assertEquals(gt, count(token, "gt", pivot));
        assertEquals(gt + equal, count(token, "ge", pivot));
        assertEquals(lt, count(token, "lt", pivot));
        assertEquals(lt + equal, count(token, "le", pivot));
        assertEquals(gt, count(token, "ge", pivot.plusMillis(1)), "ms precision");
    }

    private static long count(String token, String operator, Instant instant) throws Exception {
        String filter = URLEncoder.encode("lastModifiedDateTime " + operator + " " + instant, StandardCharsets.UTF_8)
                .replace("+", "%20");
        return json(get(items() + "?$filter=" + filter, token, null)).get("value").size();
    }

    @Test
    void topSelectAndExpandBehaveLikeBc() throws Exception {
        String token = accessToken();
        JsonNode top = json(get(items() + "?$top=5", token, "odata.maxpagesize=2"));
        assertEquals(2, top.get("value").size());
        assertNull(top.get("@odata.nextLink"), "BC gives no nextLink with $top");

        JsonNode selected = json(get(items() + "?$select=id,number&$top=1", token, null)).get("value").get(0);
        assertEquals(Set.of("@odata.etag", "id", "number"), fieldNames(selected));
        HttpResponse<String> badSelect = get(items() + "?$select=colour", token, null);
        assertEquals(400, badSelect.statusCode());
        assertTrue(json(badSelect).get("error").get("message").asText().contains("'colour'"));

        JsonNode expanded = json(get(items() + "?$expand=itemVariants", token, null)).get("value");
        long variants = 0;
        for (JsonNode item : expanded) {
            for (JsonNode variant : item.get("itemVariants")) {
                assertEquals(item.get("id").asText(), variant.get("itemId").asText());
                variants++;
            }
        }
        assertEquals(sandbox.dataset().variantCount(BcSandbox.CRONUS_USA), variants);
        String itemId = expanded.get(2).get("id").asText();
        JsonNode nested = json(get(items() + "(" + itemId + ")/itemVariants", token, null));
        assertEquals(2, nested.get("value").size());
        JsonNode single = json(get(items() + "(" + itemId + ")?$expand=itemVariants", token, null));
        assertTrue(single.get("@odata.context").asText().endsWith("items/$entity"));
        assertEquals(2, single.get("itemVariants").size());
    }

    @Test
    void companyLevelVariantsPageCompletely() throws Exception {
        String token = accessToken();
        String url = root + "/companies(" + BcSandbox.CRONUS_USA + ")/itemVariants";
        Set<String> ids = new HashSet<>();
        while (url != null) {
            JsonNode page = json(get(url, token, "odata.maxpagesize=4"));
            page.get("value").forEach(v -> assertTrue(ids.add(v.get("id").asText())));
            url = page.has("@odata.nextLink") ? page.get("@odata.nextLink").asText() : null;
        }
        assertEquals(Set.copyOf(sandbox.dataset().variantIds(BcSandbox.CRONUS_USA).toList()), ids);
    }

    @Test
    void unknownThingsGetBcErrorBodies() throws Exception {
        String token = accessToken();
        assertError(get(root + "/companies(" + "00000000-0000-0000-0000-00000000abcd" + ")/items", token, null), 404,
                "Internal_CompanyNotFound");
        assertError(get(root + "/companies(" + BcSandbox.CRONUS_USA + ")/widgets", token, null), 404,
                "BadRequest_ResourceNotFound");
        assertError(get(items() + "(7e41b0c2-9d3a-4f18-b6e5-2a0c8d4f1e93)", token, null), 404, "BadRequest_NotFound");
        assertError(get(root.replace("/production/", "/staging/") + "/companies", token, null), 404, "NoEnvironment");
        assertError(get(items() + "?$filter=lastModifiedDateTime%20gt", token, null), 400, "BadRequest_NotFound");
        assertError(get(items() + "?$count=true", token, null), 400, "BadRequest_NotFound");
    }

    @Test
    void injectedThrottlingAnswers429WithRetryAfterThenRecovers() throws Exception {
        String token = accessToken();
        sandbox.faults().retryAfterSeconds(3).failNext(1, 429);
        HttpResponse<String> throttled = get(items(), token, null);
        assertError(throttled, 429, "Application_TooManyRequests");
        assertEquals("3", throttled.headers().firstValue("Retry-After").orElseThrow());
        assertEquals(200, get(items(), token, null).statusCode());
        sandbox.faults().unregisterInBc(BcSandbox.DEFAULT_CLIENT_ID);
        assertError(get(items(), token, null), 401, "Authentication_InvalidCredentials");
    }

    @Test
    void aMillionItemsArePagedLazily() throws Exception {
        try (BcSandbox big = BcSandbox.builder().items(1_000_000).build().start()) {
            String tokenBody = HTTP.send(HttpRequest.newBuilder(URI.create(big.baseUri() + "/" + big.tenantId()
                    + "/oauth2/v2.0/token")).POST(HttpRequest.BodyPublishers.ofString(form(BcSandbox.DEFAULT_CLIENT_SECRET)))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            String token = MAPPER.readTree(tokenBody).get("access_token").asText();
            String bigItems = big.baseUri() + "/v2.0/" + big.tenantId() + "/production/api/v2.0/companies("
                    + BcSandbox.CRONUS_USA + ")/items";
            JsonNode first = json(get(bigItems, token, "odata.maxpagesize=1000"));
            assertEquals(1000, first.get("value").size());
            String next = first.get("@odata.nextLink").asText();
            String nearEnd = next.replaceAll("\\$skiptoken=[^&]*", "\\$skiptoken=" + java.util.Base64.getUrlEncoder()
                    .withoutPadding().encodeToString("p:999990".getBytes(StandardCharsets.UTF_8)));
            JsonNode last = json(get(nearEnd, token, "odata.maxpagesize=1000"));
            assertEquals(10, last.get("value").size());
            assertNull(last.get("@odata.nextLink"));
            assertEquals("1000999-S", last.get("value").get(9).get("number").asText());
            assertEquals(1_000_000L, big.dataset().itemCount(BcSandbox.CRONUS_USA));
        }
    }

    @Test
    void dataIsDeterministicPerSeed() {
        try (BcSandbox a = BcSandbox.builder().seed(9).build(); BcSandbox b = BcSandbox.builder().seed(9).build()) {
            Map<String, Object> itemA = a.dataset().item(BcSandbox.CRONUS_USA, 17);
            Map<String, Object> itemB = b.dataset().item(BcSandbox.CRONUS_USA, 17);
            itemA.remove("lastModifiedDateTime");
            itemB.remove("lastModifiedDateTime");
            assertEquals(itemA, itemB);
        }
    }

    private static void assertError(HttpResponse<String> response, int status, String code) throws IOException {
        assertEquals(status, response.statusCode(), response.body());
        JsonNode error = json(response).get("error");
        assertEquals(code, error.get("code").asText(), response.body());
        assertTrue(error.get("message").asText().contains("CorrelationId:"), response.body());
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
