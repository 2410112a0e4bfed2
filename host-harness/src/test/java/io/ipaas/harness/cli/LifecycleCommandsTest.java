package io.ipaas.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipaas.bcsandbox.BcSandbox;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ACTIVE ⇄ PAUSED → UNSUBSCRIBED: transitions, refusals in one line, and the remote's webhooks deleted at the end. */
class LifecycleCommandsTest {
    private static final String CLIENT_ID = "8e2b4d6f-0a1c-4e3b-9d5f-7c9e1b3a5d70";
    private static final String SECRET = "lifecycle-secret-2c9e";

    @TempDir
    Path home;

    private BcSandbox sandbox;

    @BeforeEach
    void start() {
        sandbox = BcSandbox.builder()
                .items(20)
                .customers(5)
                .client(CLIENT_ID, SECRET)
                .build()
                .start();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void aSubscriptionIsPausedResumedAndUnsubscribedWithItsWebhooksDeletedAndItsRecordsKept() throws Exception {
        Map<String, Object> settings = DemoCommand.sandboxSettings(sandbox, CLIENT_ID);
        settings.put("clientSecret", SECRET);
        Path file = home.resolve("settings.json");
        Files.writeString(file, new ObjectMapper().writeValueAsString(settings));
        String id = Cli.run(home, "subscribe", "dynamics365", "--settings", file.toString())
                .subscriptionId();

        Cli.Running serve = Cli.start(home, InputStream.nullInputStream(), "serve", "--port", "0", "--for", "4");
        serve.awaitOutput(Pattern.compile("(" + id + " customers: \\d+ records)"), Duration.ofSeconds(30));
        assertEquals(0, serve.await().exitCode());
        assertTrue(
                sandbox.subscriptions().ids().size() >= 4,
                sandbox.subscriptions().ids().toString());

        assertEquals(ExitCodes.BAD_INPUT, Cli.run(home, "resume", id).exitCode(), "an ACTIVE one is not resumed");
        Cli paused = Cli.run(home, "pause", id);
        assertEquals(0, paused.exitCode(), paused.err());
        assertTrue(Cli.run(home, "status", id).out().contains(": PAUSED"));
        assertEquals(0, Cli.run(home, "resume", id).exitCode());

        Cli unsubscribed = Cli.run(home, "unsubscribe", id);
        assertEquals(0, unsubscribed.exitCode(), unsubscribed.err());
        assertTrue(unsubscribed.out().contains("customers: webhook "), unsubscribed.out());
        assertEquals(List.of(), sandbox.subscriptions().ids(), "the remote's webhooks are gone");
        assertTrue(Cli.run(home, "status", id).out().contains(": UNSUBSCRIBED"));
        assertTrue(Cli.run(home, "records", id, "customers").out().contains("\"number\""), "records stay");
        Cli refused = Cli.run(home, "pause", id);
        assertEquals(ExitCodes.BAD_INPUT, refused.exitCode());
        assertTrue(refused.err().contains("is UNSUBSCRIBED; only an ACTIVE one can be paused"), refused.err());
        assertEquals(
                ExitCodes.BAD_INPUT,
                Cli.run(home, "serve", "--port", "0", "--no-ui", "--for", "1").exitCode(),
                "nothing to serve, and no UI to create a subscription in");
    }
}
