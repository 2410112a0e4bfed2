package io.ipaas.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipaas.bcsandbox.BcSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guide's post-installation checks, each step with its result, the push a dry run unless confirmed. */
class VerifyCommandTest {
    private static final String CLIENT_ID = "1d3f5b7a-9c2e-4f6a-8b1d-5e7c9a2b4d61";
    private static final String SECRET = "verify-secret-7b3e";

    @TempDir
    Path home;

    private BcSandbox sandbox;

    @BeforeEach
    void start() {
        sandbox = BcSandbox.builder()
                .items(30)
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
    void everyStepSaysWhatItFoundAndOnlyAConfirmedPushWrites() throws Exception {
        Map<String, Object> settings = DemoCommand.sandboxSettings(sandbox, CLIENT_ID);
        settings.put("clientSecret", SECRET);
        Path file = home.resolve("settings.json");
        Files.writeString(file, new ObjectMapper().writeValueAsString(settings));
        String id = Cli.run(home, "subscribe", "dynamics365", "--settings", file.toString())
                .subscriptionId();

        long created = sandbox.salesOrdersCreated();
        Cli first = Cli.run(home, "verify", id);
        assertEquals(ExitCodes.OTHER, first.exitCode(), first.out());
        assertTrue(first.out().contains("✓ connection: "), first.out());
        assertTrue(first.out().contains("✓ sign-in: connected"), first.out());
        assertTrue(
                first.out().contains("✓ sample pull: 5 items, 5 customers read and mapped (nothing stored)"),
                first.out());
        assertTrue(
                first.out()
                        .contains("✓ sample push: dry run of 1 salesOrders: 1 valid, 0 invalid; nothing was written"
                                + " (run with --confirm-push to create it)"),
                first.out());
        assertTrue(first.out().contains("✗ end to end: serve has not run this subscription yet"), first.out());
        assertTrue(first.out().contains("1 check(s) failed: end to end"), first.out());
        assertEquals(created, sandbox.salesOrdersCreated(), "a dry run writes nothing");

        assertEquals(
                0,
                Cli.run(home, "serve", "--port", "0", "--no-webhooks", "--for", "3")
                        .exitCode());
        Cli second = Cli.run(home, "verify", id, "--confirm-push");
        assertEquals(0, second.exitCode(), second.out());
        assertTrue(second.out().contains("✓ end to end: "), second.out());
        assertTrue(second.out().contains("✓ sample push: pushed 1 salesOrders: 1 written, 0 failed"), second.out());
        assertTrue(second.out().contains("verified: every check passed"), second.out());
        assertEquals(created + 1, sandbox.salesOrdersCreated());
    }
}
