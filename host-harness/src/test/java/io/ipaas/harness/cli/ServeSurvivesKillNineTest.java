package io.ipaas.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipaas.bcsandbox.BcSandbox;
import io.ipaas.bcsandbox.data.RowSet;
import io.ipaas.harness.store.Store;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} killed with SIGKILL at random moments while BC's notifications arrive and pulls run, and started
 * again on the same port: in the end the stored customers equal the sandbox's, every name as BC has it, none twice.
 * Notices stored before a kill are handled after it; changes whose notices went to a dead endpoint are found by the
 * pull from the watermark that every start makes; deletes whose notices went to a dead endpoint (BC retries them only
 * minutes later) are found by the reconciliation of keys every two seconds. Replay a failure with
 * {@code -Dkill.seed=N}.
 */
class ServeSurvivesKillNineTest {
    private static final String CLIENT_ID = "4b6d8f0a-2c4e-4a6b-8d0f-3e5a7c9b1d24";
    private static final String SECRET = "serve-kill-secret-6f1a";
    private static final UUID USA = BcSandbox.CRONUS_USA;
    private static final int ROUNDS = 6;

    @TempDir
    Path home;

    private Process child;

    @AfterEach
    void killLeftovers() throws InterruptedException {
        if (child != null && child.isAlive()) {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void killedWhileNotificationsArriveAndRestartedTheStoreEndsEqualToBusinessCentral() throws Exception {
        long seed = Long.getLong("kill.seed", System.nanoTime());
        System.out.println("ServeSurvivesKillNineTest seed " + seed + " (replay with -Dkill.seed=" + seed + ")");
        Random random = new Random(seed);
        try (BcSandbox sandbox = BcSandbox.builder()
                .items(20)
                .customers(300)
                .client(CLIENT_ID, SECRET)
                .webhookDelay(Duration.ofMillis(40))
                .build()
                .start()) {
            String id = subscribe(sandbox);
            int port;
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
            RowSet customers = sandbox.dataset().rows(USA, "customers");
            int deletes = 0;
            for (int round = 1; round <= ROUNDS; round++) {
                Path out = launch(round, id, port);
                awaitLine(out, id + " customers: webhook", Duration.ofSeconds(60));
                // the start's pull from the watermark has run: from here kills land amid notices and their pulls
                awaitLine(out, id + " customers: ", " records", Duration.ofSeconds(60));
                int changes = 20 + random.nextInt(60);
                for (int i = 0; i < changes; i++) {
                    List<String> ids = customers.ids();
                    UUID customer = UUID.fromString(ids.get(random.nextInt(ids.size())));
                    customers.put(customer, "displayName", "r" + round + "-" + i);
                    sandbox.touch(USA, "customers", customer);
                    if (i % 10 == 0) {
                        sandbox.create(USA, "customers");
                    }
                    if (i % 9 == 4) {
                        List<String> left = customers.ids();
                        sandbox.delete(USA, "customers", UUID.fromString(left.get(random.nextInt(left.size()))));
                        deletes++;
                    }
                    if (i % 7 == 0) {
                        Thread.sleep(random.nextInt(30));
                    }
                }
                Thread.sleep(50 + random.nextInt(600));
                child.destroyForcibly();
                assertTrue(child.waitFor(30, TimeUnit.SECONDS));
                System.out.println(
                        "round " + round + ": " + changes + " changes (" + deletes + " deletes so far), killed; "
                                + storedNames().size() + " customers stored, "
                                + sandbox.subscriptions().delivered() + " notices delivered so far");
            }
            Path out = launch(ROUNDS + 1, id, port);
            awaitLine(out, id + " customers: webhook", Duration.ofSeconds(60));
            Map<String, String> expected = new HashMap<>();
            for (long p = customers.next(0); p >= 0; p = customers.next(p + 1)) {
                Map<String, Object> row = customers.row(p);
                expected.put(row.get("id").toString(), (String) row.get("displayName"));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            Map<String, String> stored = storedNames();
            while (!stored.equals(expected) && System.nanoTime() < deadline) {
                Thread.sleep(250);
                stored = storedNames();
            }
            assertTrue(deletes > 0, "the rounds deleted customers");
            assertEquals(expected.size(), stored.size(), "one stored customer per customer in BC, none deleted there");
            assertEquals(expected, stored, "every customer, with the name BC has");
        }
    }

    private String subscribe(BcSandbox sandbox) throws IOException {
        Map<String, Object> settings = DemoCommand.sandboxSettings(sandbox, CLIENT_ID);
        settings.put("clientSecret", SECRET);
        Path file = home.resolve("settings.json");
        Files.writeString(file, new ObjectMapper().writeValueAsString(settings));
        Cli cli = Cli.run(home, "subscribe", "dynamics365", "--settings", file.toString());
        assertEquals(0, cli.exitCode(), cli.err());
        return cli.subscriptionId();
    }

    /** The stored customers' names by BC id, read straight from the store file. */
    private Map<String, String> storedNames() throws Exception {
        Map<String, String> names = new HashMap<>();
        ObjectMapper json = new ObjectMapper();
        try (Connection sqlite = DriverManager.getConnection("jdbc:sqlite:" + home.resolve(Store.FILE_NAME));
                Statement statement = sqlite.createStatement();
                ResultSet rows =
                        statement.executeQuery("SELECT r.record_key, r.fields FROM records r JOIN collections c"
                                + " ON c.id = r.collection_id WHERE c.entity = 'customers'")) {
            while (rows.next()) {
                JsonNode fields = json.readTree(rows.getString(2));
                names.put(rows.getString(1), fields.path("name").asText());
            }
        }
        return names;
    }

    private static boolean holds(String line, String text, String then) {
        int at = line.indexOf(text);
        return at >= 0 && line.indexOf(then, at + text.length()) >= 0;
    }

    private Path launch(int round, String id, int port) throws IOException {
        Path out = home.resolve("serve-" + round + ".out");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                "-Dharness.plugins=" + System.getProperty("harness.plugins"),
                HarnessMain.class.getName(),
                "--home",
                home.toString(),
                "serve",
                "--port",
                Integer.toString(port),
                "--poll-interval",
                "3600",
                "--reconcile-interval",
                "2",
                "--for",
                "600"));
        child = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(home.resolve("serve-" + round + ".err").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        return out;
    }

    private void awaitLine(Path out, String text, Duration timeout) throws Exception {
        awaitLine(out, text, "", timeout);
    }

    /** Waits for a line holding {@code text} and then {@code then}. */
    private void awaitLine(Path out, String text, String then, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(out) && Files.readString(out).lines().anyMatch(line -> holds(line, text, then))) {
                return;
            }
            if (!child.isAlive()) {
                throw new AssertionError("serve ended: " + Files.readString(out)
                        + Files.readString(Path.of(out.toString().replace(".out", ".err"))));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no '" + text + "' within " + timeout + ": " + Files.readString(out));
    }
}
