package io.ipaas.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipaas.bcsandbox.BcSandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pull's waits and progress, and reset, end to end against the sandbox. */
class PullCommandTest {
    private static final String CLIENT_ID = "0f8e2b6c-4d1a-4c9e-b37f-5a2d8e6c1b90";
    private static final String SECRET = "pull-test-secret-51c2";
    private static BcSandbox sandbox;

    @TempDir
    Path home;

    @BeforeAll
    static void start() {
        sandbox = BcSandbox.builder()
                .items(90)
                .variantsPerItem(2)
                .client(CLIENT_ID, SECRET)
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @AfterEach
    void clearFaults() {
        sandbox.faults().clear();
    }

    String subscribe() throws IOException {
        Map<String, Object> settings = DemoCommand.sandboxSettings(sandbox, CLIENT_ID);
        settings.put("clientSecret", SECRET);
        settings.put("pageSize", 30);
        Path file = home.resolve("settings.json");
        Files.writeString(file, new ObjectMapper().writeValueAsString(settings));
        Cli cli = Cli.run(home, "subscribe", "dynamics365", "--settings", file.toString());
        assertEquals(0, cli.exitCode(), cli.err());
        return cli.subscriptionId();
    }

    @Test
    void aRetryAfterBeyondMaxWaitEndsThePullWithOneLineAndExitCode4AndTheCheckpointStays() throws IOException {
        String id = subscribe();
        Cli first = Cli.run(home, "pull", id, "items");
        assertEquals(0, first.exitCode(), first.err());
        sandbox.faults().retryAfterSeconds(3600).failNext(1, 429);
        long started = System.nanoTime();
        Cli throttled = Cli.run(home, "pull", id, "items", "--full", "--max-wait", "60");
        assertTrue(System.nanoTime() - started < 30_000_000_000L, "it did not sleep the hour");
        assertEquals(4, throttled.exitCode(), throttled.out() + throttled.err());
        assertEquals(1, throttled.errorLines().size(), throttled.err());
        String line = throttled.errorLines().get(0);
        assertTrue(line.contains("3600 s") && line.contains("--max-wait") && line.contains("checkpoint stays"), line);

        Cli incremental = Cli.run(home, "pull", id, "items");
        assertEquals(0, incremental.exitCode(), incremental.err());
        assertTrue(
                incremental.out().contains("0 records received"),
                "resumed at the kept checkpoint: " + incremental.out());
    }

    @Test
    void aShortWaitIsToldOnStderrAndThePullCompletes() throws IOException {
        String id = subscribe();
        // beyond the second the connector sleeps on itself, so the host waits and says so
        sandbox.faults().retryAfterSeconds(2).failNext(1, 503);
        Cli pull = Cli.run(home, "pull", id, "items", "--progress");
        assertEquals(0, pull.exitCode(), pull.err());
        assertTrue(pull.err().contains("waiting 2.0 s before retry 1 of 5 for items"), pull.err());
        List<String> committed =
                pull.out().lines().filter(l -> l.contains("committed")).toList();
        assertTrue(!committed.isEmpty() && committed.size() <= 3, pull.out());
        assertEquals("  committed up to batch 3: 90 records so far", committed.get(committed.size() - 1), pull.out());
        assertTrue(pull.out().startsWith("pulling items for " + id + " from the beginning"), pull.out());
    }

    @Test
    void resetMakesTheNextPullStartFromTheBeginning() throws IOException {
        String id = subscribe();
        assertEquals(0, Cli.run(home, "pull", id, "items").exitCode());
        Cli reset = Cli.run(home, "reset", id, "items");
        assertEquals(0, reset.exitCode(), reset.err());
        assertTrue(
                reset.out().contains("reset items for " + id + ": the committed checkpoint is forgotten"), reset.out());
        Cli again = Cli.run(home, "reset", id, "items");
        assertTrue(again.out().contains("had no committed checkpoint"), again.out());

        Cli pull = Cli.run(home, "pull", id, "items");
        assertEquals(0, pull.exitCode(), pull.err());
        assertTrue(pull.out().contains("90 records received, 90 stored"), pull.out());
    }

    @Test
    void resetNamesAnUnknownSubscriptionOrEntityInOneLine() throws IOException {
        String id = subscribe();
        Cli unknownSubscription = Cli.run(home, "reset", "sub-nothere", "items");
        assertEquals(2, unknownSubscription.exitCode());
        assertEquals(1, unknownSubscription.errorLines().size(), unknownSubscription.err());
        assertTrue(unknownSubscription.err().contains("no subscription 'sub-nothere'"), unknownSubscription.err());

        Cli unknownEntity = Cli.run(home, "reset", id, "itemz");
        assertEquals(2, unknownEntity.exitCode());
        assertEquals(1, unknownEntity.errorLines().size(), unknownEntity.err());
        assertTrue(unknownEntity.err().contains("offers no entity 'itemz'; it offers: "), unknownEntity.err());
        assertTrue(unknownEntity.err().contains("items"), unknownEntity.err());
    }

    @Test
    void badOptionsAreOneLine() throws IOException {
        String id = subscribe();
        Cli negative = Cli.run(home, "pull", id, "items", "--max-wait", "-1");
        assertEquals(2, negative.exitCode());
        assertEquals(List.of("--max-wait must be 0 or more seconds"), negative.errorLines());
        Cli help = Cli.run(home, "reset", "--help");
        assertEquals(0, help.exitCode(), help.err());
        assertTrue(help.out().contains("Forget an entity's committed checkpoint"), help.out());
    }
}
