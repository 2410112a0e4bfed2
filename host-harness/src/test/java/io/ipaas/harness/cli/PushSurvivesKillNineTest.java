package io.ipaas.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipaas.bcsandbox.BcSandbox;
import io.ipaas.bcsandbox.data.Item;
import io.ipaas.bcsandbox.data.RowSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A push killed with SIGKILL at random moments (while BC holds a batch, after it stored orders whose answer never
 * came back, between chunks) and run again with the same file creates every order exactly once: after every kill
 * the sandbox has no order twice, and in the end it has each of them. Replay a failure with {@code -Dkill.seed=N}.
 */
class PushSurvivesKillNineTest {
    private static final String CLIENT_ID = "9d3f6b2e-1a7c-4e5d-8b0f-2c4a6e8d0b13";
    private static final String SECRET = "push-kill-secret-5e21";
    private static final int ORDERS = 2000;
    private static final int KILLS = 8;

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
    void killedAtRandomMomentsAndRunAgainThePushCreatesEveryOrderExactlyOnce() throws Exception {
        long seed = Long.getLong("kill.seed", System.nanoTime());
        System.out.println("PushSurvivesKillNineTest seed " + seed + " (replay with -Dkill.seed=" + seed + ")");
        Random random = new Random(seed);
        try (BcSandbox sandbox = BcSandbox.builder()
                .items(300)
                .customers(20)
                .salesOrders(0)
                .client(CLIENT_ID, SECRET)
                .build()
                .start()) {
            String id = subscribe(sandbox);
            Path orders = writeOrders(sandbox);
            // every request takes 20 ms in BC, so a kill lands while BC holds a batch as often as between them
            sandbox.faults().slowNext(100_000, Duration.ofMillis(20));
            int killedMidPush = 0;
            for (int round = 1; round <= KILLS; round++) {
                long before = sandbox.salesOrdersCreated();
                launch(round, "push", id, "salesOrders", orders.toString());
                String moment;
                if (before < ORDERS) {
                    // the moment BC has just stored orders whose answer is still on its way to the harness
                    long threshold = before + 1 + random.nextInt(250);
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while (sandbox.salesOrdersCreated() < threshold
                            && child.isAlive()
                            && System.nanoTime() < deadline) {
                        Thread.sleep(0, 200_000);
                    }
                    moment = "killed once BC held " + threshold + " orders";
                } else {
                    // everything is in BC: the push is looking its orders up
                    long delay = 500 + random.nextInt(2000);
                    Thread.sleep(delay);
                    moment = "killed after " + delay + " ms";
                }
                boolean finished = !child.isAlive();
                child.destroyForcibly();
                assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the killed harness went away");
                long created = sandbox.salesOrdersCreated();
                System.out.println("round " + round + ": " + (finished ? "finished before the kill" : moment) + ", "
                        + created + " orders in Business Central");
                assertEquals(0, sandbox.duplicateSalesOrders(), "round " + round + ": an order was created twice");
                if (!finished && before < ORDERS) {
                    killedMidPush++;
                }
            }
            assertTrue(killedMidPush >= 2, "size the push so that kills land in it: " + killedMidPush);

            launch(KILLS + 1, "push", id, "salesOrders", orders.toString());
            assertTrue(child.waitFor(300, TimeUnit.SECONDS), "the last push finished");
            String out = Files.readString(home.resolve("child-" + (KILLS + 1) + ".out"));
            assertEquals(0, child.exitValue(), out + Files.readString(home.resolve("child-" + (KILLS + 1) + ".err")));
            assertTrue(out.contains("pushed " + ORDERS + " salesOrders: " + ORDERS + " written, 0 failed"), out);
            assertEquals(ORDERS, sandbox.salesOrdersCreated(), "every order, once");
            assertEquals(0, sandbox.duplicateSalesOrders());
            assertEquals(expectedNumbers(), storedNumbers(sandbox), "nothing lost, nothing extra");
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

    private Path writeOrders(BcSandbox sandbox) throws IOException {
        String customer = (String)
                sandbox.dataset().rows(BcSandbox.CRONUS_USA, "customers").row(0).get("number");
        List<String> skus = sandbox.dataset()
                .items(BcSandbox.CRONUS_USA)
                .filter(item -> !item.blocked() && item.type().equals("Inventory"))
                .map(Item::number)
                .limit(20)
                .toList();
        ObjectMapper json = new ObjectMapper();
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < ORDERS; i++) {
            Map<String, Object> order = new LinkedHashMap<>();
            order.put("externalNumber", "KILL-" + i);
            order.put("customerNumber", customer);
            order.put("lines", List.of(Map.of("type", "item", "sku", skus.get(i % skus.size()), "quantity", 1)));
            lines.append(json.writeValueAsString(order)).append('\n');
        }
        Path file = home.resolve("orders.jsonl");
        Files.writeString(file, lines);
        return file;
    }

    private static Set<String> expectedNumbers() {
        Set<String> numbers = new HashSet<>();
        for (int i = 0; i < ORDERS; i++) {
            numbers.add("KILL-" + i);
        }
        return numbers;
    }

    private static Set<String> storedNumbers(BcSandbox sandbox) {
        RowSet rows = sandbox.dataset().rows(BcSandbox.CRONUS_USA, "salesOrders");
        Set<String> numbers = new HashSet<>();
        for (long p = rows.next(0); p >= 0; p = rows.next(p + 1)) {
            numbers.add((String) rows.row(p).get("externalDocumentNumber"));
        }
        return numbers;
    }

    /** Starts the harness in a child JVM on the same home and plugins, like a user would. */
    private void launch(int round, String... args) throws IOException {
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
                home.toString()));
        command.addAll(List.of(args));
        child = new ProcessBuilder(command)
                .redirectOutput(home.resolve("child-" + round + ".out").toFile())
                .redirectError(home.resolve("child-" + round + ".err").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
    }
}
