package io.ipaas.bcsandbox;

import static io.ipaas.bcsandbox.SandboxClient.assertBcError;
import static io.ipaas.bcsandbox.SandboxClient.json;
import static io.ipaas.bcsandbox.SandboxClient.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * BC's webhooks (facts §5) on a controlled clock, the sender driven by hand: subscriptions with their handshake,
 * renewal and deletion under If-Match, notifications batched per URL with updates merged, {@code collection} above
 * 1,000 changes (without a filter when one was a delete), BC's retry schedule and deletion, and expiry.
 */
class WebhooksTest {
    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private BcSandbox sandbox;
    private HttpServer receiver;
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final List<String> handshakes = new CopyOnWriteArrayList<>();
    private volatile int answer = 200;
    private volatile boolean echoToken = true;

    @BeforeEach
    void start() throws IOException {
        sandbox = BcSandbox.builder()
                .items(1200)
                .customers(10)
                .clock(clock)
                .webhookDelay(Duration.ofMinutes(10))
                .build()
                .start();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks/", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            byte[] body;
            int status;
            if (query != null && query.startsWith("validationToken=")) {
                String token = query.substring("validationToken=".length());
                handshakes.add(token);
                body = (echoToken ? token : "nope").getBytes(StandardCharsets.UTF_8);
                status = 200;
                exchange.getResponseHeaders().set("Content-Type", "text/plain");
            } else {
                try (InputStream in = exchange.getRequestBody()) {
                    received.add(SandboxClient.MAPPER.readTree(in));
                }
                body = new byte[0];
                status = answer;
            }
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
        sandbox.close();
    }

    private String url() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/abc";
    }

    private String resource(String set) {
        return "/api/v2.0/companies(" + BcSandbox.CRONUS_USA + ")/" + set;
    }

    private HttpResponse<String> call(String method, String path, String body, String ifMatch) {
        String url = path.startsWith("http") ? path : sandbox.apiRoot() + path;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + new SandboxClient(sandbox).accessToken())
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return send(request.build());
    }

    private JsonNode subscribe(String set) {
        HttpResponse<String> created = call(
                "POST",
                "/subscriptions",
                "{\"notificationUrl\":\"" + url() + "\",\"resource\":\"" + resource(set)
                        + "\",\"clientState\":\"s1:secret\"}",
                null);
        assertEquals(201, created.statusCode(), created.body());
        return json(created);
    }

    private static List<String> fields(JsonNode node) {
        List<String> fields = new ArrayList<>();
        node.fieldNames().forEachRemaining(fields::add);
        return fields;
    }

    @Test
    void aSubscriptionIsCreatedAfterItsHandshakeRenewedWithItsETagAndDeleted() throws IOException {
        JsonNode subscription = subscribe("customers");
        assertEquals(1, handshakes.size(), "BC validated the URL once");
        JsonNode fixture;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/subscription_created_response.json")) {
            fixture = SandboxClient.MAPPER.readTree(in);
        }
        assertEquals(fields(fixture), fields(subscription), "the fixture's properties in its order");
        String id = subscription.get("subscriptionId").asText();
        assertTrue(id.matches("[0-9a-f]{32}"), id);
        assertEquals(
                clock.instant().plus(Duration.ofDays(3)).toString(),
                subscription.get("expirationDateTime").asText());
        assertEquals(
                1, json(call("GET", "/subscriptions", null, null)).get("value").size());

        clock.advance(Duration.ofDays(1));
        String one = "/subscriptions('" + id + "')";
        assertBcError(call("PATCH", one, "{}", null), 400, "BadRequest_InvalidToken");
        HttpResponse<String> renewed =
                call("PATCH", one, "{}", subscription.get("@odata.etag").asText());
        assertEquals(200, renewed.statusCode(), renewed.body());
        assertEquals(2, handshakes.size(), "a renewal validates again");
        assertEquals(
                clock.instant().plus(Duration.ofDays(3)).toString(),
                json(renewed).get("expirationDateTime").asText());
        assertBcError(
                call("DELETE", one, null, subscription.get("@odata.etag").asText()), 409, "Request_EntityChanged");
        assertEquals(
                204,
                call("DELETE", one, null, json(renewed).get("@odata.etag").asText())
                        .statusCode());
        assertEquals(404, call("GET", one, null, null).statusCode());
    }

    @Test
    void aUrlThatDoesNotEchoTheTokenOrAnEntityWithoutWebhooksIsRefused() {
        echoToken = false;
        HttpResponse<String> refused = call(
                "POST",
                "/subscriptions",
                "{\"notificationUrl\":\"" + url() + "\",\"resource\":\"" + resource("customers") + "\"}",
                null);
        assertBcError(refused, 400, "BadRequest");
        echoToken = true;
        assertBcError(
                call(
                        "POST",
                        "/subscriptions",
                        "{\"notificationUrl\":\"" + url() + "\",\"resource\":\"" + resource("contacts") + "\"}",
                        null),
                400,
                "BadRequest");
        assertEquals(
                0, json(call("GET", "/subscriptions", null, null)).get("value").size());
        JsonNode supported = json(call(
                "GET",
                sandbox.apiRoot().toString().replace("/api/v2.0", "/api/microsoft/runtime/beta") + "/companies("
                        + BcSandbox.CRONUS_USA + ")/webhookSupportedResources",
                null,
                null));
        List<String> resources = new ArrayList<>();
        supported
                .get("value")
                .forEach(entry -> resources.add(entry.get("resource").asText()));
        assertTrue(resources.contains("v2.0/customers"), resources.toString());
        assertFalse(resources.contains("v2.0/contacts"), resources.toString());
    }

    @Test
    void changesAreSentInOnePostPerUrlWithRepeatedUpdatesMerged() {
        JsonNode customers = subscribe("customers");
        subscribe("salesOrders");
        UUID first = (UUID)
                sandbox.dataset().rows(BcSandbox.CRONUS_USA, "customers").row(0).get("id");
        sandbox.touch(BcSandbox.CRONUS_USA, "customers", first);
        sandbox.touch(BcSandbox.CRONUS_USA, "customers", first);
        UUID created = sandbox.create(BcSandbox.CRONUS_USA, "customers");
        UUID order = sandbox.createSalesOrder(BcSandbox.CRONUS_USA);
        sandbox.touch(
                BcSandbox.CRONUS_USA,
                "items",
                sandbox.dataset()
                        .items(BcSandbox.CRONUS_USA)
                        .findFirst()
                        .orElseThrow()
                        .id());
        sandbox.subscriptions().sendDue();
        assertEquals(1, received.size(), "one POST for the URL both subscriptions share");
        JsonNode value = received.get(0).get("value");
        assertEquals(3, value.size(), value.toString());
        assertEquals(
                List.of(
                        "subscriptionId",
                        "clientState",
                        "expirationDateTime",
                        "resource",
                        "changeType",
                        "lastModifiedDateTime"),
                fields(value.get(0)));
        assertEquals(
                customers.get("subscriptionId").asText(),
                value.get(0).get("subscriptionId").asText());
        assertEquals("s1:secret", value.get(0).get("clientState").asText());
        assertEquals(
                resource("customers") + "(" + first + ")",
                value.get(0).get("resource").asText());
        assertEquals("updated", value.get(0).get("changeType").asText());
        assertEquals("created", value.get(1).get("changeType").asText());
        assertEquals(
                resource("customers") + "(" + created + ")",
                value.get(1).get("resource").asText());
        assertEquals(
                resource("salesOrders") + "(" + order + ")",
                value.get(2).get("resource").asText());
        sandbox.subscriptions().sendDue();
        assertEquals(1, received.size(), "nothing is sent twice");
    }

    @Test
    void aThousandAndOneChangesBecomeOneCollectionNoticeWithoutAFilterWhenOneWasADelete() {
        subscribe("items");
        List<UUID> items = sandbox.dataset()
                .items(BcSandbox.CRONUS_USA)
                .limit(1001)
                .map(item -> item.id())
                .toList();
        Instant start = clock.instant();
        items.forEach(id -> sandbox.touch(BcSandbox.CRONUS_USA, "items", id));
        sandbox.subscriptions().sendDue();
        JsonNode collection = received.get(0).get("value");
        assertEquals(1, collection.size());
        assertEquals("collection", collection.get(0).get("changeType").asText());
        assertEquals(
                resource("items") + "?$filter=lastModifiedDateTime%20gt%20" + start.minusMillis(50),
                collection.get(0).get("resource").asText());

        items.forEach(id -> sandbox.touch(BcSandbox.CRONUS_USA, "items", id));
        sandbox.deleteItem(BcSandbox.CRONUS_USA, items.get(0));
        sandbox.subscriptions().sendDue();
        assertEquals(
                resource("items"),
                received.get(1).get("value").get(0).get("resource").asText(),
                "a delete: no filter");
    }

    @Test
    void failuresAreRetriedOnBcsScheduleThenTheSubscriptionIsDeletedAndAnyOther4xxDeletesItAtOnce() {
        subscribe("customers");
        UUID customer = (UUID)
                sandbox.dataset().rows(BcSandbox.CRONUS_USA, "customers").row(0).get("id");
        answer = 503;
        sandbox.touch(BcSandbox.CRONUS_USA, "customers", customer);
        sandbox.subscriptions().sendDue();
        assertEquals(1, received.size(), "the first attempt");
        int attempt = 1;
        for (Duration wait : List.of(
                Duration.ofMinutes(1),
                Duration.ofMinutes(1),
                Duration.ofMinutes(10),
                Duration.ofMinutes(100),
                Duration.ofMinutes(1000))) {
            clock.advance(wait.minusSeconds(1));
            sandbox.subscriptions().sendDue();
            assertEquals(attempt, received.size(), "not before " + wait + " after attempt " + attempt);
            clock.advance(Duration.ofSeconds(1));
            sandbox.subscriptions().sendDue();
            attempt++;
            assertEquals(attempt, received.size(), "attempt " + attempt);
        }
        assertEquals(List.of(), sandbox.subscriptions().ids(), "deleted after the sixth failed attempt");

        answer = 404;
        subscribe("customers");
        sandbox.touch(BcSandbox.CRONUS_USA, "customers", customer);
        sandbox.subscriptions().sendDue();
        assertEquals(List.of(), sandbox.subscriptions().ids(), "a 404 deletes the subscription at once");
    }

    @Test
    void aSubscriptionExpiresThreeDaysAfterItWasCreatedOrRenewed() {
        subscribe("customers");
        clock.advance(Duration.ofDays(3).minusSeconds(1));
        assertEquals(1, sandbox.subscriptions().ids().size());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(
                0, json(call("GET", "/subscriptions", null, null)).get("value").size());
    }
}
