package io.ipaas.kafkaconnect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ipaas.connector.api.Connector;
import io.ipaas.connector.api.ConnectorFactory;
import io.ipaas.connector.api.WorkUnit;
import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.api.settings.SettingsSpec;
import io.ipaas.connector.api.webhook.ChangeNotice;
import io.ipaas.connector.api.webhook.Subscription;
import io.ipaas.connector.api.webhook.WebhookRequest;
import io.ipaas.connector.api.webhook.WebhookResponse;
import io.ipaas.connector.api.webhook.WebhookSink;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The small receiver in front of the workers: it subscribes to the remote system's webhooks for every unit of a
 * source connector that offers them, checks each incoming request with the connector's own rules (client state,
 * size, shape), and writes each notice to the notices topic, keyed by unit, before it answers 2xx: a notice BC was
 * told was received is in Kafka. Source tasks configured with the same topic read it and read that unit at once
 * instead of at their next poll. Notices are hints: a lost one is covered by the next poll.
 */
public final class WebhookRelay implements AutoCloseable {
    /** Larger requests are refused unread. */
    static final int MAX_BODY = 1 << 20;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Connector connector;
    private final KafkaProducer<String, String> producer;
    private final String topic;
    private final HttpServer server;
    private final URI publicUrl;
    private final PrintStream log;
    /** {@code ipaas.units}: the units the source reads; empty for all. */
    private final List<String> units;

    private final Map<String, Target> byToken = new ConcurrentHashMap<>();
    private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "webhook-relay-renewals");
        thread.setDaemon(true);
        return thread;
    });

    /** A unit whose notices arrive on one path, and its remote subscription. */
    private static final class Target {
        final WorkUnit unit;
        final WebhookSink sink;
        volatile Subscription subscription;

        Target(WorkUnit unit, WebhookSink sink) {
            this.unit = unit;
            this.sink = sink;
        }
    }

    private WebhookRelay(
            Connector connector,
            KafkaProducer<String, String> producer,
            String topic,
            HttpServer server,
            URI publicUrl,
            PrintStream log,
            List<String> units) {
        this.units = units;
        this.connector = connector;
        this.producer = producer;
        this.topic = topic;
        this.server = server;
        this.publicUrl = publicUrl;
        this.log = log;
    }

    /**
     * Starts receiving on {@code listen}, then subscribes every unit that offers webhooks, with
     * {@code publicUrl/webhooks/TOKEN} as its address (the remote system checks it while subscribing).
     */
    public static WebhookRelay start(
            Map<String, String> connectorConfig,
            String bootstrapServers,
            InetSocketAddress listen,
            URI publicUrl,
            PrintStream log)
            throws IOException {
        AbstractConfig adapter = AdapterConfig.source(connectorConfig);
        String topic = adapter.getString(AdapterConfig.NOTICES_TOPIC);
        if (topic.isBlank()) {
            throw new IllegalArgumentException(
                    AdapterConfig.NOTICES_TOPIC
                            + " is not set in the connector's configuration; name the topic the source tasks read notices from");
        }
        ConnectorFactory factory = AdapterConfig.factory(connectorConfig);
        SettingsSpec spec = factory.settings();
        Connector connector = factory.open(
                spec.parse(SettingsConfigDef.settings(spec, connectorConfig)),
                new UnitContext(connectorConfig.get(AdapterConfig.SUBSCRIPTION)));
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // bounded: a notice not stored in time is answered 503 and the remote system sends it again
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "10000");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        KafkaProducer<String, String> producer =
                new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        HttpServer server = HttpServer.create(listen, 64);
        WebhookRelay relay = new WebhookRelay(
                connector, producer, topic, server, publicUrl, log, adapter.getList(AdapterConfig.UNITS));
        server.createContext("/webhooks/", relay::receive);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
        try {
            relay.subscribeAll();
        } catch (RuntimeException | Error e) {
            // nothing may keep running (the server's threads would keep the JVM alive): undo what was set up
            relay.close();
            throw e;
        }
        relay.renewals.scheduleWithFixedDelay(relay::renewDue, 1, 1, TimeUnit.HOURS);
        return relay;
    }

    /** Where the relay listens (its port, when started on port 0). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** The units notices arrive for. */
    public List<String> units() {
        return byToken.values().stream().map(t -> t.unit.id()).sorted().toList();
    }

    private void subscribeAll() {
        for (String id : SourceUnits.toRead(connector, units)) {
            WorkUnit unit = connector.workUnit(id);
            if (!connector.entity(unit).descriptor().webhooks()) {
                continue;
            }
            var sink = connector.webhooks(unit.scope());
            if (sink.isEmpty()) {
                continue;
            }
            String token = HexFormat.of().formatHex(bytes(16));
            Target target = new Target(unit, sink.get());
            byToken.put(token, target);
            try {
                target.subscription = sink.get().subscribe(unit.entity(), notificationUrl(token));
                log.println(unit.id() + ": notified until " + target.subscription.expiresAt());
            } catch (ConnectorException e) {
                byToken.remove(token);
                log.println(unit.id() + ": no webhook (" + e.getMessage() + "); its task polls it");
            }
        }
    }

    /** Where the remote system sends a unit's notices: the public URL and the unit's token. */
    private URI notificationUrl(String token) {
        return URI.create(publicUrl.toString().replaceAll("/+$", "") + "/webhooks/" + token);
    }

    private static byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** Renews subscriptions that end within a day; one that cannot be renewed is made again. */
    private void renewDue() {
        Instant soon = Instant.now().plus(Duration.ofDays(1));
        for (Map.Entry<String, Target> entry : byToken.entrySet()) {
            Target target = entry.getValue();
            if (target.subscription == null || target.subscription.expiresAt().isAfter(soon)) {
                continue;
            }
            try {
                target.subscription = target.sink.renew(target.subscription);
            } catch (ConnectorException e) {
                try {
                    target.subscription = target.sink.subscribe(target.unit.entity(), notificationUrl(entry.getKey()));
                } catch (ConnectorException again) {
                    log.println(target.unit.id() + ": the webhook could not be renewed (" + again.getMessage()
                            + "); its task polls it meanwhile");
                }
            }
        }
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            String token = exchange.getRequestURI().getPath().substring("/webhooks/".length());
            Target target = byToken.get(token);
            if (target == null) {
                respond(exchange, 404, "text/plain", "no such webhook".getBytes(StandardCharsets.UTF_8));
                return;
            }
            // read at most one byte past the bound, whatever Content-Length says
            byte[] body = read(exchange.getRequestBody());
            if (body == null) {
                respond(exchange, 413, "text/plain", "too large".getBytes(StandardCharsets.UTF_8));
                return;
            }
            WebhookResponse response = target.sink.handle(WebhookRequest.of(
                    exchange.getRequestMethod(),
                    exchange.getRequestHeaders(),
                    exchange.getRequestURI().getRawQuery(),
                    body,
                    Instant.now()));
            if (response.status() / 100 != 2) {
                // what was refused and why, never the request's content
                log.println(target.unit.id() + ": refused a request with " + response.status() + " ("
                        + new String(response.body(), StandardCharsets.UTF_8) + ")");
            }
            if (response.status() / 100 == 2 && !response.notices().isEmpty() && !store(target, response)) {
                respond(exchange, 503, "text/plain", "try again".getBytes(StandardCharsets.UTF_8));
                return;
            }
            respond(exchange, response.status(), response.contentType(), response.body());
        } catch (RuntimeException e) {
            log.println("a webhook request failed: " + e.getMessage());
        }
    }

    /** Writes the unit's notices to the topic and waits for Kafka's acknowledgement; false when it did not come. */
    private boolean store(Target target, WebhookResponse response) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (ChangeNotice notice : response.notices()) {
            if (!notice.entity().equals(target.unit.entity())) {
                continue;
            }
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("unit", target.unit.id());
            value.put("type", notice.type().name());
            notice.hint().key().ifPresent(key -> value.put("key", key));
            notice.hint().changedSince().ifPresent(at -> value.put("changedSince", at.toString()));
            try {
                sent.add(producer.send(new ProducerRecord<>(topic, target.unit.id(), JSON.writeValueAsString(value))));
            } catch (IOException | RuntimeException e) {
                log.println(target.unit.id() + ": a notice could not be written to " + topic + ": " + e.getMessage());
                return false;
            }
        }
        try {
            for (Future<RecordMetadata> future : sent) {
                future.get(15, TimeUnit.SECONDS);
            }
            return true;
        } catch (Exception e) {
            log.println(target.unit.id() + ": a notice was not acknowledged by Kafka: " + e.getMessage());
            return false;
        }
    }

    /** The body, or null when it is larger than {@link #MAX_BODY}. */
    private static byte[] read(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY + 1);
        return body.length > MAX_BODY ? null : body;
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    /** Removes the webhooks at the remote system, then stops receiving. */
    @Override
    public void close() {
        renewals.shutdownNow();
        for (Target target : byToken.values()) {
            if (target.subscription != null) {
                try {
                    target.sink.unsubscribe(target.subscription);
                } catch (ConnectorException e) {
                    log.println(target.unit.id() + ": the webhook could not be removed (" + e.getMessage()
                            + "); the remote system drops it when it expires");
                }
            }
        }
        server.stop(1);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        producer.close(Duration.ofSeconds(5));
        connector.close();
    }

    private static final String USAGE = String.join(
            "\n",
            "usage: java -cp 'PLUGIN_DIR/lib/*:KAFKA_HOME/libs/*' io.ipaas.kafkaconnect.WebhookRelay \\",
            "         --connector-config FILE --bootstrap-servers HOST:PORT --public-url URL [--listen HOST:PORT]",
            "",
            "Receives the remote system's webhooks for a source connector of ours and writes each notice to the topic",
            "its configuration names (ipaas.notices.topic), so the task reading that unit reads it at once.",
            "",
            "  --connector-config FILE  the connector's configuration as POSTed to Connect's REST API",
            "                           ({\"name\": ..., \"config\": {...}}) or just its config object",
            "  --bootstrap-servers      the Kafka cluster the workers use",
            "  --public-url URL         where the remote system reaches this relay (https, or http on loopback)",
            "  --listen HOST:PORT       where to listen (default 0.0.0.0:8095)",
            "  --help                   this text",
            "",
            "It stops, removing its webhooks, on a line 'stop' on its input or on SIGTERM.");

    public static void main(String[] args) throws Exception {
        WebhookRelay relay = start(args);
        if (relay == null) {
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(relay::close));
        System.out.println("webhook relay listening on " + relay.address() + " for " + relay.units());
        var in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.trim().equals("stop")) {
                System.exit(0);
            }
        }
        Thread.currentThread().join();
    }

    /** Parses the command line and starts; null after --help; exits 2 with one line on a user's mistake. */
    private static WebhookRelay start(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                System.out.println(USAGE);
                return null;
            }
            if (!List.of("--connector-config", "--bootstrap-servers", "--public-url", "--listen")
                            .contains(arg)
                    || i + 1 >= args.length) {
                return fail("unknown option or missing value: " + arg + "; see --help");
            }
            options.put(arg, args[++i]);
        }
        for (String required : List.of("--connector-config", "--bootstrap-servers", "--public-url")) {
            if (!options.containsKey(required)) {
                return fail(required + " is required; see --help");
            }
        }
        Path file = Path.of(options.get("--connector-config"));
        Map<String, String> config;
        try {
            config = connectorConfig(file);
        } catch (java.nio.file.NoSuchFileException e) {
            return fail("--connector-config: no file " + file);
        } catch (IOException e) {
            return fail("--connector-config: " + file + " is not a JSON connector configuration: " + e.getMessage());
        }
        // the checks Connect's validate endpoint makes, so the relay and the workers agree on what is valid
        List<String> problems = new ArrayList<>();
        ConfigCheck.validate(config, false)
                .configValues()
                .forEach(
                        value -> value.errorMessages().forEach(message -> problems.add(value.name() + ": " + message)));
        if (!problems.isEmpty()) {
            problems.forEach(problem -> System.err.println("webhook relay: " + file + ": " + problem));
            System.exit(2);
        }
        String listen = options.getOrDefault("--listen", "0.0.0.0:8095");
        int colon = listen.lastIndexOf(':');
        InetSocketAddress address;
        try {
            address = new InetSocketAddress(listen.substring(0, colon), Integer.parseInt(listen.substring(colon + 1)));
        } catch (RuntimeException e) {
            return fail("--listen: '" + listen + "' is not HOST:PORT");
        }
        URI publicUrl;
        try {
            publicUrl = URI.create(options.get("--public-url"));
        } catch (IllegalArgumentException e) {
            return fail("--public-url: '" + options.get("--public-url") + "' is not a URL");
        }
        boolean loopback = "127.0.0.1".equals(publicUrl.getHost()) || "localhost".equals(publicUrl.getHost());
        if (!"https".equals(publicUrl.getScheme()) && !("http".equals(publicUrl.getScheme()) && loopback)) {
            return fail("--public-url: '" + publicUrl + "' must be https (http only on loopback, for tests)");
        }
        try {
            return start(config, options.get("--bootstrap-servers"), address, publicUrl, System.out);
        } catch (IOException e) {
            return fail("--listen: cannot listen on " + listen + ": " + e.getMessage());
        } catch (RuntimeException e) {
            // the connector's own checks (settings, sign-in) and Kafka's name what is wrong
            return fail(e.getMessage());
        }
    }

    private static WebhookRelay fail(String message) {
        System.err.println("webhook relay: " + message);
        System.exit(2);
        return null;
    }

    /** The configuration from a file: Connect's REST body, or the config object alone. */
    static Map<String, String> connectorConfig(Path file) throws IOException {
        JsonNode root = JSON.readTree(Files.readString(file));
        JsonNode config = root.has("config") ? root.get("config") : root;
        Map<String, String> flat = new LinkedHashMap<>();
        config.fields()
                .forEachRemaining(
                        field -> flat.put(field.getKey(), field.getValue().asText()));
        return flat;
    }
}
