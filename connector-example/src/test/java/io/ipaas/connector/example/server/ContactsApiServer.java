package io.ipaas.connector.example.server;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The example contacts API, served by the JDK's HTTP server on a loopback port: the backend of the example
 * connector's tests and of the harness test, and runnable on its own ({@link #main}).
 *
 * <pre>
 * GET /v1/me                                            200 {"account": "...", "contacts": n}
 * GET /v1/contacts?updatedSince=&amp;cursor=&amp;limit=      200 {"data": [contact...], "nextCursor": "..." | null}
 * PUT /v1/contacts/{id}   [If-Match: "version"]         200 updated / 201 created, the stored contact
 * POST /v1/webhooks {"url": "..."}                       201 {"id", "url", "secret", "expiresAt"} (7 days)
 * POST /v1/webhooks/{id}/renew                          200 {"id", "url", "expiresAt"}
 * DELETE /v1/webhooks/{id}                              204, or 404 when unknown
 * every request:          X-Api-Key: key                401 {"error": "invalid_api_key", "message": "..."}
 * </pre>
 *
 * Contacts come ordered by {@code (updatedAt, id)}; {@code updatedSince} is inclusive, {@code limit} is 1 to 500
 * (default 100), and the cursor is opaque. A webhook delivery is a POST of {@code {"webhookId", "events": [{"type":
 * "contact.updated", "id", "updatedAt"}]}} with {@code X-Webhook-Id}, {@code X-Timestamp} (epoch seconds) and
 * {@code X-Signature: sha256=HEX(HMAC-SHA256(secret, timestamp + "." + body))}; {@link #delivery} builds one. Every write gets a fresh, strictly increasing {@code updatedAt}. Faults can
 * be queued for the next request: a status with {@code Retry-After}, or a raw body.
 */
public final class ContactsApiServer implements AutoCloseable {
    public static final String ACCOUNT = "Example Ltd";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() {};

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final String apiKey;
    private final TreeMap<String, Stored> byPosition = new TreeMap<>();
    private final Map<String, Stored> byId = new LinkedHashMap<>();
    private final Deque<Fault> faults = new ArrayDeque<>();
    private Instant lastUpdate = Instant.parse("2026-01-01T00:00:00Z");
    private int requests;

    private record Stored(String id, Instant updatedAt, ObjectNode json) {
        String position() {
            return position(updatedAt, id);
        }

        static String position(Instant at, String id) {
            // fixed-width epoch millis keep string order equal to (updatedAt, id) order
            return String.format("%015d|%s", at.toEpochMilli(), id);
        }
    }

    private record Hook(String id, String url, String secret, Instant expiresAt) {}

    /** A webhook delivery as the API would POST it. */
    public record Delivery(Map<String, String> headers, byte[] body) {}

    private final Map<String, Hook> hooks = new LinkedHashMap<>();
    private final SecureRandom random = new SecureRandom();

    private record Fault(int status, Map<String, String> headers, String body) {}

    private ContactsApiServer(String apiKey, int port) throws IOException {
        this.apiKey = apiKey;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
    }

    /** Starts on a free loopback port with {@code contacts} generated contacts (ids c-00001, c-00002, ...). */
    public static ContactsApiServer start(String apiKey, int contacts) {
        return start(apiKey, contacts, 0);
    }

    public static ContactsApiServer start(String apiKey, int contacts, int port) {
        try {
            ContactsApiServer api = new ContactsApiServer(apiKey, port);
            for (int i = 1; i <= contacts; i++) {
                api.upsert(String.format("c-%05d", i), generated(i));
            }
            api.server.start();
            return api;
        } catch (IOException e) {
            throw new IllegalStateException("could not start the contacts API: " + e.getMessage(), e);
        }
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Creates or replaces a contact (as a user of the API would), giving it a new updatedAt. */
    public synchronized ObjectNode upsert(String id, Map<String, ?> fields) {
        ObjectNode json = JSON.valueToTree(fields);
        Stored old = byId.get(id);
        json.put("id", id);
        json.put("version", old == null ? 1 : old.json().path("version").asInt() + 1);
        json.put("deleted", json.path("deleted").asBoolean(false));
        return store(id, json);
    }

    /** Marks a contact deleted; the next read reports it with {@code "deleted": true}. */
    public synchronized void delete(String id) {
        Stored old = byId.get(id);
        ObjectNode json = old.json().deepCopy();
        json.put("deleted", true);
        json.put("version", old.json().path("version").asInt() + 1);
        store(id, json);
    }

    /** Adds a record exactly as given (for bad records: no id, a broken updatedAt), ordered as if written now. */
    public synchronized void addRaw(String key, String rawJson) {
        addRaw(key, rawJson, next());
    }

    /**
     * Adds a record exactly as given, ordered at {@code (orderedAt, key)} among the others: after contact {@code c}
     * when {@code orderedAt} is c's {@code updatedAt} and {@code key} sorts after c's id.
     */
    public synchronized void addRaw(String key, String rawJson, Instant orderedAt) {
        try {
            ObjectNode json = (ObjectNode) JSON.readTree(rawJson);
            Stored stored = new Stored(key, orderedAt, json);
            byPosition.put(stored.position(), stored);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Removes the records {@link #addRaw} added under {@code key}, without a trace (no tombstone). */
    public synchronized void removeRaw(String key) {
        byPosition.values().removeIf(stored -> stored.id().equals(key) && byId.get(key) != stored);
    }

    /** The next request answers {@code status} (with a Retry-After header when given) instead of being served. */
    public synchronized void failNext(int status, String retryAfter) {
        faults.add(new Fault(
                status,
                retryAfter == null ? Map.of() : Map.of("Retry-After", retryAfter),
                "{\"error\":\"injected\",\"message\":\"injected " + status + "\"}"));
    }

    /** The next request answers 200 with this body. */
    public synchronized void answerNext(String body) {
        faults.add(new Fault(200, Map.of(), body));
    }

    /** The next request is redirected to {@code location}. */
    public synchronized void redirectNext(String location) {
        faults.add(new Fault(302, Map.of("Location", location), ""));
    }

    public synchronized List<String> ids() {
        return byId.values().stream()
                .filter(s -> !s.json().path("deleted").asBoolean())
                .map(Stored::id)
                .sorted()
                .toList();
    }

    public synchronized JsonNode contact(String id) {
        return byId.get(id).json().deepCopy();
    }

    public synchronized int requests() {
        return requests;
    }

    private ObjectNode store(String id, ObjectNode json) {
        Stored old = byId.remove(id);
        if (old != null) {
            byPosition.remove(old.position());
        }
        Instant at = next();
        json.put("updatedAt", at.toString());
        Stored stored = new Stored(id, at, json);
        byId.put(id, stored);
        byPosition.put(stored.position(), stored);
        return json.deepCopy();
    }

    /** Strictly increasing update times in whole milliseconds, so (updatedAt, id) order is commit order. */
    private Instant next() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        lastUpdate = now.isAfter(lastUpdate) ? now : lastUpdate.plusMillis(1);
        return lastUpdate;
    }

    private static Map<String, Object> generated(int i) {
        Map<String, Object> fields = new LinkedHashMap<>();
        boolean company = i % 5 == 0;
        fields.put("kind", company ? "company" : "person");
        fields.put("name", company ? "Company " + i : "Person " + i);
        fields.put("email", "contact" + i + "@example.com");
        fields.put("phone", "+1 555 01" + String.format("%02d", i % 100));
        fields.put("title", company ? null : "Buyer");
        fields.put("company", company ? null : "Company " + (i / 5 * 5 + 5));
        return fields;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Fault fault;
            synchronized (this) {
                requests++;
                fault = faults.poll();
            }
            if (fault != null) {
                fault.headers().forEach(exchange.getResponseHeaders()::add);
                send(exchange, fault.status(), fault.body());
                return;
            }
            if (!apiKey.equals(exchange.getRequestHeaders().getFirst("X-Api-Key"))) {
                error(exchange, 401, "invalid_api_key", "missing or unknown API key");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && path.equals("/v1/me")) {
                ObjectNode me = JSON.createObjectNode().put("account", ACCOUNT);
                synchronized (this) {
                    me.put("contacts", byId.size());
                }
                send(exchange, 200, me.toString());
            } else if (method.equals("GET") && path.equals("/v1/contacts")) {
                list(exchange);
            } else if (path.startsWith("/v1/webhooks")) {
                webhooks(exchange, method, path);
            } else if (method.equals("PUT") && path.startsWith("/v1/contacts/") && path.length() > 13) {
                put(exchange, path.substring("/v1/contacts/".length()));
            } else {
                error(exchange, 404, "not_found", "no " + method + " " + path);
            }
        }
    }

    private void list(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI());
        int limit;
        Instant since;
        String after;
        try {
            limit = Integer.parseInt(query.getOrDefault("limit", "100"));
            since = query.containsKey("updatedSince") ? Instant.parse(query.get("updatedSince")) : Instant.EPOCH;
            after = query.containsKey("cursor")
                    ? new String(Base64.getUrlDecoder().decode(query.get("cursor")), StandardCharsets.UTF_8)
                    : "";
        } catch (NumberFormatException | DateTimeParseException e) {
            error(exchange, 400, "invalid_request", e.getMessage());
            return;
        } catch (IllegalArgumentException e) {
            error(exchange, 400, "invalid_cursor", "the cursor is not one this API gave out");
            return;
        }
        if (limit < 1 || limit > 500) {
            error(exchange, 400, "invalid_request", "limit must be 1 to 500, got " + limit);
            return;
        }
        ObjectNode page = JSON.createObjectNode();
        ArrayNode data = page.putArray("data");
        synchronized (this) {
            String from = Stored.position(since, "");
            String start = after.compareTo(from) > 0 ? after : from;
            List<Stored> slice = byPosition.tailMap(start, false).values().stream()
                    .limit(limit + 1L)
                    .toList();
            slice.stream().limit(limit).forEach(s -> data.add(s.json()));
            if (slice.size() > limit) {
                String last = slice.get(limit - 1).position();
                page.put(
                        "nextCursor",
                        Base64.getUrlEncoder().withoutPadding().encodeToString(last.getBytes(StandardCharsets.UTF_8)));
            } else {
                page.putNull("nextCursor");
            }
        }
        send(exchange, 200, page.toString());
    }

    private void put(HttpExchange exchange, String rawId) throws IOException {
        String id = URLDecoder.decode(rawId, StandardCharsets.UTF_8);
        JsonNode body;
        try {
            body = JSON.readTree(exchange.getRequestBody());
        } catch (IOException e) {
            error(exchange, 400, "invalid_json", "the body is not JSON");
            return;
        }
        if (body == null
                || !body.isObject()
                || !body.path("name").isTextual()
                || body.get("name").asText().isBlank()) {
            error(exchange, 422, "invalid_contact", "name is required");
            return;
        }
        String ifMatch = exchange.getRequestHeaders().getFirst("If-Match");
        ObjectNode stored;
        boolean created;
        synchronized (this) {
            Stored old = byId.get(id);
            if (ifMatch != null
                    && (old == null
                            || !ifMatch.equals(old.json().path("version").asText()))) {
                error(exchange, 412, "version_mismatch", "contact " + id + " is not at version " + ifMatch);
                return;
            }
            created = old == null;
            stored = upsert(id, JSON.convertValue(body, FIELDS));
        }
        send(exchange, created ? 201 : 200, stored.toString());
    }

    private void webhooks(HttpExchange exchange, String method, String path) throws IOException {
        String[] parts = path.split("/");
        if (method.equals("POST") && parts.length == 3) {
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            if (body == null || !body.path("url").isTextual()) {
                error(exchange, 422, "invalid_webhook", "url is required");
                return;
            }
            byte[] secret = new byte[24];
            random.nextBytes(secret);
            Hook hook;
            synchronized (this) {
                hook = new Hook(
                        "wh-" + (hooks.size() + 1),
                        body.get("url").asText(),
                        Base64.getUrlEncoder().withoutPadding().encodeToString(secret),
                        Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS));
                hooks.put(hook.id(), hook);
            }
            send(exchange, 201, hookJson(hook).put("secret", hook.secret()).toString());
            return;
        }
        String id = parts.length > 3 ? parts[3] : "";
        synchronized (this) {
            Hook hook = hooks.get(id);
            if (hook == null) {
                error(exchange, 404, "not_found", "no webhook " + id);
            } else if (method.equals("POST") && parts.length == 5 && parts[4].equals("renew")) {
                Hook renewed = new Hook(
                        id,
                        hook.url(),
                        hook.secret(),
                        Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS));
                hooks.put(id, renewed);
                send(exchange, 200, hookJson(renewed).toString());
            } else if (method.equals("DELETE") && parts.length == 4) {
                hooks.remove(id);
                send(exchange, 204, "");
            } else {
                error(exchange, 404, "not_found", "no " + method + " " + path);
            }
        }
    }

    private static ObjectNode hookJson(Hook hook) {
        return JSON.createObjectNode()
                .put("id", hook.id())
                .put("url", hook.url())
                .put("expiresAt", hook.expiresAt().toString());
    }

    /** A delivery for webhook {@code webhookId} reporting {@code type} (e.g. contact.updated) of a contact, signed now. */
    public synchronized Delivery delivery(String webhookId, String type, String contactId) {
        return signed(webhookId, type, contactId, hooks.get(webhookId).secret());
    }

    /** The same delivery signed with a secret the API never issued. */
    public synchronized Delivery forgedDelivery(String webhookId, String type, String contactId) {
        return signed(webhookId, type, contactId, "not-the-signing-secret");
    }

    public synchronized List<String> webhookIds() {
        return List.copyOf(hooks.keySet());
    }

    private Delivery signed(String webhookId, String type, String contactId, String secret) {
        ObjectNode body = JSON.createObjectNode().put("webhookId", webhookId);
        Stored stored = byId.get(contactId);
        body.putArray("events")
                .addObject()
                .put("type", type)
                .put("id", contactId)
                .put(
                        "updatedAt",
                        stored == null
                                ? Instant.now().toString()
                                : stored.updatedAt().toString());
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(bytes));
            return new Delivery(
                    Map.of("X-Webhook-Id", webhookId, "X-Timestamp", timestamp, "X-Signature", signature), bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> query = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(
                            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return query;
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        send(
                exchange,
                status,
                JSON.createObjectNode()
                        .put("error", code)
                        .put("message", message)
                        .toString());
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** {@code --port N --api-key KEY --contacts N}: serves until stopped. */
    public static void main(String[] args) {
        Map<String, String> options =
                new LinkedHashMap<>(Map.of("--port", "8090", "--api-key", "example-key-1", "--contacts", "250"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!options.containsKey(args[i])) {
                System.err.println("unknown option " + args[i] + "; use --port, --api-key, --contacts");
                System.exit(2);
            }
            options.put(args[i], args[i + 1]);
        }
        ContactsApiServer api = start(
                options.get("--api-key"),
                Integer.parseInt(options.get("--contacts")),
                Integer.parseInt(options.get("--port")));
        System.out.println("contacts API on " + api.baseUrl() + " (X-Api-Key: " + options.get("--api-key") + ")");
    }
}
