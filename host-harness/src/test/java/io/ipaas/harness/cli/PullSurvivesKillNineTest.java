package io.ipaas.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipaas.bcsandbox.BcSandbox;
import io.ipaas.harness.store.Store;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records and checkpoint commit together, whatever the moment the harness dies: a long pull runs in a child JVM that
 * is killed with SIGKILL at random moments (and right after a commit, while the next batch is being written), then
 * restarted. After every kill the store holds whole batches only; in the end it holds exactly the sandbox's items,
 * and a further pull is incremental. Replay a failure with {@code -Dkill.seed=N}.
 */
class PullSurvivesKillNineTest {
    private static final String CLIENT_ID = "0f8e2b6c-4d1a-4c9e-b37f-5a2d8e6c1b90";
    private static final String SECRET = "kill-test-secret-07d3";
    private static final int ITEMS = 30_000;
    private static final int PAGE_SIZE = 300;
    private static final int KILLS = 20;
    private static final long LINE_TIMEOUT_MS = 60_000;

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
    void killedAtRandomMomentsAndRestartedThePullStoresExactlyTheSandboxsItems() throws Exception {
        long seed = Long.getLong("kill.seed", System.nanoTime());
        System.out.println("PullSurvivesKillNineTest seed " + seed + " (replay with -Dkill.seed=" + seed + ")");
        Random random = new Random(seed);
        try (BcSandbox sandbox = BcSandbox.builder()
                .items(ITEMS)
                .variantsPerItem(2)
                .client(CLIENT_ID, SECRET)
                .dataAnchor(Instant.now().minus(1, ChronoUnit.DAYS))
                .build()
                .start()) {
            String id = subscribe(sandbox);
            int killedMidFirstPass = 0;
            int killedAfterACommitLine = 0;
            int completedPasses = 0;
            for (int round = 1; round <= KILLS; round++) {
                boolean afterCommitLine = round % 5 == 0;
                Output output = launch(round, "pull", id, "items", "--progress");
                output.await("pulling items");
                long delay = 200 + random.nextInt(1300);
                if (afterCommitLine) {
                    output.await("committed up to batch");
                } else {
                    Thread.sleep(delay);
                }
                boolean finished = !child.isAlive();
                child.destroyForcibly();
                assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the killed harness went away");
                long stored = storedKeys().size();
                String moment = finished
                        ? "finished before the kill"
                        : "killed " + (afterCommitLine ? "right after a 'committed' line" : delay + " ms after start");
                System.out.println("round " + round + ": " + moment + ", " + stored + " records stored");
                if (finished && child.exitValue() != 0) {
                    fail("round " + round + ": the harness failed by itself (exit " + child.exitValue() + "): "
                            + Files.readString(errFile(round)));
                }
                if (completedPasses == 0) {
                    assertEquals(
                            0,
                            stored % PAGE_SIZE,
                            "round " + round + ": " + stored + " records is not a whole number of batches of "
                                    + PAGE_SIZE + ": part of an uncommitted batch is visible");
                    killedMidFirstPass++;
                }
                if (afterCommitLine) {
                    killedAfterACommitLine++;
                }
                if (stored == ITEMS && checkpointIsAtTheEnd()) {
                    // the pass completed before it was killed: start another one so later kills land mid-pull too
                    completedPasses++;
                    Cli reset = Cli.run(home, "reset", id, "items");
                    assertEquals(0, reset.exitCode(), reset.err());
                }
            }
            System.out.println(killedMidFirstPass + " kills in the first pass, " + killedAfterACommitLine
                    + " right after a commit, " + completedPasses + " passes completed between kills");
            assertTrue(killedMidFirstPass >= 2, "size the pull so that kills land in its first pass");

            Output last = launch(KILLS + 1, "pull", id, "items");
            assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the last pull finished");
            assertEquals(0, child.exitValue(), Files.readString(errFile(KILLS + 1)));
            last.drain();

            List<String> keys = storedKeys();
            Set<String> expected =
                    sandbox.dataset().itemIds(BcSandbox.CRONUS_USA).collect(Collectors.toSet());
            assertEquals(ITEMS, keys.size(), "one row per item, none duplicated");
            assertEquals(expected, new HashSet<>(keys), "nothing lost, nothing extra");

            long requestsBefore = sandbox.stats().requests("items");
            Cli incremental = Cli.run(home, "pull", id, "items");
            assertEquals(0, incremental.exitCode(), incremental.err());
            assertTrue(incremental.out().contains("0 records received"), incremental.out());
            assertEquals(1, sandbox.stats().requests("items") - requestsBefore, "nothing stuck: one page, no rework");
        }
    }

    private String subscribe(BcSandbox sandbox) throws IOException {
        Map<String, Object> settings = DemoCommand.sandboxSettings(sandbox, CLIENT_ID);
        settings.put("clientSecret", SECRET);
        settings.put("pageSize", PAGE_SIZE);
        Path file = home.resolve("settings.json");
        Files.writeString(file, new ObjectMapper().writeValueAsString(settings));
        Cli cli = Cli.run(home, "subscribe", "dynamics365", "--settings", file.toString());
        assertEquals(0, cli.exitCode(), cli.err());
        return cli.subscriptionId();
    }

    private Path errFile(int round) {
        return home.resolve("child-" + round + ".err");
    }

    /** Starts the harness in a child JVM on the same home and plugins, like a user would. */
    private Output launch(int round, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                "-Dharness.plugins=" + System.getProperty("harness.plugins"),
                "-Dorg.slf4j.simpleLogger.logFile=" + home.resolve("child.log"),
                HarnessMain.class.getName(),
                "--home",
                home.toString()));
        command.addAll(List.of(args));
        child = new ProcessBuilder(command)
                .redirectError(errFile(round).toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        return new Output(child);
    }

    private List<String> storedKeys() throws SQLException {
        List<String> keys = new ArrayList<>();
        try (Connection sqlite = DriverManager.getConnection("jdbc:sqlite:" + home.resolve(Store.FILE_NAME));
                Statement statement = sqlite.createStatement();
                ResultSet rows = statement.executeQuery("SELECT record_key FROM records")) {
            while (rows.next()) {
                keys.add(rows.getString(1));
            }
        }
        return keys;
    }

    private boolean checkpointIsAtTheEnd() {
        try (Store store = Store.open(home)) {
            return store.subscriptions().stream()
                    .map(s -> store.checkpoint(s.id(), "items"))
                    .allMatch(c -> c.isPresent() && !c.get().values().containsKey("nextLink"));
        }
    }

    /** The child's stdout, line by line, read on a daemon thread so the child never blocks on a full pipe. */
    private static final class Output {
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final Thread reader;

        Output(Process process) {
            reader = new Thread(
                    () -> {
                        try (BufferedReader in = new BufferedReader(
                                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                            String line;
                            while ((line = in.readLine()) != null) {
                                lines.add(line);
                            }
                        } catch (IOException killed) {
                            // the child died
                        }
                        lines.add("<end>");
                    },
                    "kill-test-child-output");
            reader.setDaemon(true);
            reader.start();
        }

        /** Waits for a line containing {@code text} (or the child's end, which also returns). */
        void await(String text) throws InterruptedException {
            long deadline = System.currentTimeMillis() + LINE_TIMEOUT_MS;
            while (System.currentTimeMillis() < deadline) {
                String line = lines.poll(100, TimeUnit.MILLISECONDS);
                if (line != null && (line.contains(text) || line.equals("<end>"))) {
                    return;
                }
            }
            throw new AssertionError("no line with '" + text + "' within " + LINE_TIMEOUT_MS + " ms");
        }

        void drain() throws InterruptedException {
            reader.join(10_000);
        }
    }
}
