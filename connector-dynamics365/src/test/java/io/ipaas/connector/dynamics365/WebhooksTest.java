package io.ipaas.connector.dynamics365;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.ipaas.bcsandbox.BcSandbox;
import io.ipaas.connector.api.Connector;
import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.api.error.ErrorKind;
import io.ipaas.connector.api.webhook.ChangeNotice;
import io.ipaas.connector.api.webhook.ChangeType;
import io.ipaas.connector.api.webhook.Subscription;
import io.ipaas.connector.api.webhook.WebhookRequest;
import io.ipaas.connector.api.webhook.WebhookResponse;
import io.ipaas.connector.api.webhook.WebhookSink;
import io.ipaas.connector.testkit.TestConnectorContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The plugin's webhooks against the sandbox, with a loopback server playing the host (every request handed to the
 * sink, its answer sent back): the handshake answered only while subscribing, BC's notifications turned into
 * notices, forgeries refused, entities without webhooks left to polling, renewal, removal, and a subscription BC
 * deleted reported so the host can create it again.
 */
class WebhooksTest {
    private static final UUID USA = BcSandbox.CRONUS_USA;
    private BcSandbox sandbox;
    private Connector connector;
    private WebhookSink sink;
    private HttpServer host;
    private final List<ChangeNotice> notices = new CopyOnWriteArrayList<>();
    private final List<Integer> answers = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        sandbox = BcSandbox.builder()
                .items(1100)
                .customers(10)
                .webhookDelay(Duration.ofMinutes(10))
                .build()
                .start();
        connector = WireMockBc.open(
                SandboxData.settings(sandbox, BcSandbox.DEFAULT_CLIENT_SECRET, 100), TestConnectorContext.create());
        sink = connector.webhooks().orElseThrow();
        host = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        host.setExecutor(Executors.newCachedThreadPool());
        host.createContext("/bc/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(8 * 1024 * 1024);
            }
            Map<String, List<String>> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values));
            Map<String, String> query = new HashMap<>();
            String raw = exchange.getRequestURI().getRawQuery();
            if (raw != null) {
                for (String pair : raw.split("&")) {
                    int eq = pair.indexOf('=');
                    query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            WebhookResponse response =
                    sink.handle(new WebhookRequest(exchange.getRequestMethod(), headers, query, body, Instant.now()));
            notices.addAll(response.notices());
            answers.add(response.status());
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            byte[] answer = response.body();
            exchange.sendResponseHeaders(response.status(), answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                exchange.getResponseBody().write(answer);
            }
            exchange.close();
        });
        host.start();
    }

    @AfterEach
    void stop() {
        host.stop(0);
        connector.close();
        sandbox.close();
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + host.getAddress().getPort() + "/bc/notifications");
    }

    private HttpResponse<String> post(String query, String body) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url() + query))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aSubscriptionsChangesArriveAsNoticesAndForgeriesAreRefused() throws Exception {
        Subscription subscription = sink.subscribe("customers", url());
        assertEquals(List.of(subscription.id()), sandbox.subscriptions().ids(), "the handshake went through the sink");
        assertEquals(403, post("?validationToken=abc", "").statusCode(), "no handshake outside a subscribe");

        UUID customer = (UUID) sandbox.dataset().rows(USA, "customers").row(0).get("id");
        answers.clear();
        sandbox.touch(USA, "customers", customer);
        sandbox.subscriptions().sendDue();
        assertEquals(List.of(200), answers);
        assertEquals(1, notices.size());
        ChangeNotice notice = notices.get(0);
        assertEquals("customers", notice.entity());
        assertEquals(ChangeType.UPDATED, notice.type());
        assertEquals(java.util.Optional.of(customer.toString()), notice.hint().key());
        assertEquals(java.util.Optional.of(subscription.id()), notice.subscriptionId());
        assertEquals(1, sandbox.subscriptions().delivered());

        String forged = "{\"value\":[{\"subscriptionId\":\"" + subscription.id() + "\",\"clientState\":\"guess\","
                + "\"expirationDateTime\":\"2026-03-13T09:00:04Z\",\"resource\":\""
                + subscription.attributes().get("resource")
                + "(" + customer
                + ")\",\"changeType\":\"deleted\",\"lastModifiedDateTime\":\"2026-03-10T09:13:22.617Z\"}]}";
        assertEquals(403, post("", forged).statusCode());
        assertEquals(400, post("", "{\"value\":\"x\"}").statusCode());
        assertEquals(1, notices.size(), "nothing from a forgery");
        assertEquals(List.of(subscription.id()), sandbox.subscriptions().ids(), "the subscription is still there");
    }

    @Test
    void manyChangesArriveAsOneCollectionNoticeFromTheFirstChange() {
        Subscription subscription = sink.subscribe("items", url());
        Instant before = Instant.now().minusSeconds(1);
        sandbox.dataset().items(USA).limit(1001).forEach(item -> sandbox.touch(USA, "items", item.id()));
        sandbox.subscriptions().sendDue();
        assertEquals(1, notices.size());
        assertEquals(ChangeType.COLLECTION, notices.get(0).type());
        assertTrue(
                notices.get(0).hint().changedSince().orElseThrow().isAfter(before),
                notices.get(0).toString());
        sink.unsubscribe(subscription);
    }

    @Test
    void entitiesWithoutWebhooksAreLeftToPolling() {
        for (String entity : List.of("contacts", "itemVariants", "salesShipments")) {
            ConnectorException refused = assertThrows(ConnectorException.class, () -> sink.subscribe(entity, url()));
            assertEquals(ErrorKind.UNSUPPORTED, refused.kind());
            assertTrue(refused.getMessage().endsWith("it is polled"), refused.getMessage());
        }
        assertEquals(List.of(), sandbox.subscriptions().ids());
    }

    @Test
    void aSubscriptionIsRenewedRemovedAndOneBcDeletedIsReportedForRecreation() {
        Subscription subscription = sink.subscribe("salesOrders", url());
        Subscription renewed = sink.renew(subscription);
        assertTrue(!renewed.expiresAt().isBefore(subscription.expiresAt()));
        sink.unsubscribe(renewed);
        sink.unsubscribe(renewed);
        assertEquals(List.of(), sandbox.subscriptions().ids());
        ConnectorException gone = assertThrows(ConnectorException.class, () -> sink.renew(renewed));
        assertEquals(ErrorKind.DATA, gone.kind());
        assertTrue(gone.getMessage().contains("no longer has webhook subscription " + renewed.id()), gone.getMessage());
    }
}
