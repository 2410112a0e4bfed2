package io.ipaas.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipaas.bcsandbox.BcSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} against the sandbox with notifications a few milliseconds after a change: the entities BC notifies
 * about go on webhooks, the others on polling with the reason shown by {@code status}; a change in BC reaches the
 * store through a notice and a pull, with no poll interval passing.
 */
class ServeCommandTest {
    private static final String CLIENT_ID = "2c7e9a4f-6b1d-4e3a-8f5c-0d9b7a1e3c58";
    private static final String SECRET = "serve-test-secret-8a3d";
    private static final UUID USA = BcSandbox.CRONUS_USA;

    @TempDir
    Path home;

    private BcSandbox sandbox;

    @BeforeEach
    void start() {
        sandbox = BcSandbox.builder()
                .items(50)
                .customers(10)
                .client(CLIENT_ID, SECRET)
                .webhookDelay(Duration.ofMillis(50))
                .build()
                .start();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private String subscribe() throws Exception {
        Map<String, Object> settings = DemoCommand.sandboxSettings(sandbox, CLIENT_ID);
        settings.put("clientSecret", SECRET);
        Path file = home.resolve("settings.json");
        Files.writeString(file, new ObjectMapper().writeValueAsString(settings));
        Cli cli = Cli.run(home, "subscribe", "dynamics365", "--settings", file.toString());
        assertEquals(0, cli.exitCode(), cli.err());
        return cli.subscriptionId();
    }

    @Test
    void aChangeInBusinessCentralReachesTheStoreThroughItsWebhook() throws Exception {
        String id = subscribe();
        Cli.Running serve = Cli.startStoppable(home, "serve", "--port", "0", "--poll-interval", "3600", "--for", "60");
        serve.awaitOutput(Pattern.compile("(" + id + " customers: webhook)"), Duration.ofSeconds(20));
        serve.awaitOutput(Pattern.compile(id + " customers: (\\d+) records"), Duration.ofSeconds(20));
        assertTrue(
                sandbox.subscriptions().ids().size() >= 4,
                "customers, items, sales orders and invoices at least: "
                        + sandbox.subscriptions().ids());

        UUID customer = (UUID) sandbox.dataset().rows(USA, "customers").row(3).get("id");
        sandbox.dataset().rows(USA, "customers").put(customer, "displayName", "Renamed in Business Central");
        sandbox.touch(USA, "customers", customer);
        serve.awaitOutput(Pattern.compile("(" + id + " customers: 1 records after notices)"), Duration.ofSeconds(20));
        Cli records = Cli.run(home, "records", id, "customers", "--limit", "100");
        assertTrue(records.out().contains("Renamed in Business Central"), records.out());

        UUID gone = (UUID) sandbox.dataset().rows(USA, "customers").row(5).get("id");
        String goneName =
                (String) sandbox.dataset().rows(USA, "customers").row(5).get("displayName");
        assertTrue(Cli.run(home, "records", id, "customers", "--limit", "100")
                .out()
                .contains(goneName));
        sandbox.delete(USA, "customers", gone);
        serve.awaitOutput(
                Pattern.compile("(" + id + " customers: \\d+ records after notices, 1 deleted)"),
                Duration.ofSeconds(20));
        assertTrue(
                !Cli.run(home, "records", id, "customers", "--limit", "100")
                        .out()
                        .contains(goneName),
                "a record deleted in BC is deleted on the platform");

        Cli status = Cli.run(home, "status", id);
        assertEquals(0, status.exitCode(), status.err());
        assertTrue(status.out().contains("customers: webhook — the remote notifies changes"), status.out());
        assertTrue(
                status.out()
                        .contains(
                                "contacts: polling — contacts: Business Central documents no webhooks for it; it is polled"),
                status.out());
        assertTrue(status.out().contains("open notices 0"), status.out());
        Cli done = serve.stop();
        assertEquals(0, done.exitCode(), done.err());
    }

    @Test
    void twoCompaniesSyncSideBySideInOneSubscriptionEachWithItsOwnWebhooksAndRecords() throws Exception {
        Map<String, Object> settings = DemoCommand.sandboxSettings(sandbox, CLIENT_ID);
        settings.put("clientSecret", SECRET);
        settings.put("companies", List.of("CRONUS Canada"));
        Path file = home.resolve("settings.json");
        Files.writeString(file, new ObjectMapper().writeValueAsString(settings));
        Cli subscribed = Cli.run(home, "subscribe", "dynamics365", "--settings", file.toString());
        assertEquals(0, subscribed.exitCode(), subscribed.err());
        String id = subscribed.subscriptionId();

        Cli.Running serve = Cli.startStoppable(home, "serve", "--port", "0", "--poll-interval", "3600", "--for", "60");
        serve.awaitOutput(
                Pattern.compile("(" + id + " customers@CRONUS Canada: (\\d+) records)"), Duration.ofSeconds(20));
        serve.awaitOutput(Pattern.compile("(" + id + " customers: (\\d+) records)"), Duration.ofSeconds(20));
        var canada = sandbox.dataset().rows(BcSandbox.CRONUS_CANADA, "customers");
        // BC's ids are the stored keys; each company's collection holds its own
        String canadian = canada.row(1).get("id").toString();
        String american =
                sandbox.dataset().rows(USA, "customers").row(1).get("id").toString();
        Cli canadaRecords = Cli.run(home, "records", id, "customers@CRONUS Canada", "--limit", "100");
        Cli usaRecords = Cli.run(home, "records", id, "customers", "--limit", "100");
        assertTrue(canadaRecords.out().contains("@CRONUS Canada -> customer "), canadaRecords.out());
        assertTrue(canadaRecords.out().contains(canadian), canadaRecords.out());
        assertTrue(!canadaRecords.out().contains(american), "a USA customer among Canada's");
        assertTrue(usaRecords.out().contains(american), usaRecords.out());
        assertTrue(!usaRecords.out().contains(canadian), "a Canada customer among the USA's");

        // a change in Canada arrives on Canada's webhook and is pulled into Canada's records only
        UUID changed = (UUID) canada.row(2).get("id");
        canada.put(changed, "displayName", "Renamed in Canada");
        sandbox.touch(BcSandbox.CRONUS_CANADA, "customers", changed);
        serve.awaitOutput(
                Pattern.compile("(" + id + " customers@CRONUS Canada: 1 records after notices)"),
                Duration.ofSeconds(20));
        assertTrue(Cli.run(home, "records", id, "customers@CRONUS Canada", "--limit", "100")
                .out()
                .contains("Renamed in Canada"));
        assertTrue(!Cli.run(home, "records", id, "customers", "--limit", "100")
                .out()
                .contains("Renamed in Canada"));

        Cli status = Cli.run(home, "status", id);
        assertTrue(status.out().contains("customers@CRONUS Canada: webhook"), status.out());
        assertTrue(status.out().contains("customers: webhook"), status.out());
        assertEquals(0, serve.stop().exitCode());
    }

    @Test
    void aRecordDeletedInBusinessCentralWithoutANoticeIsFoundByTheReconciliation() throws Exception {
        String id = subscribe();
        Cli.Running serve = Cli.startStoppable(
                home,
                "serve",
                "--port",
                "0",
                "--no-webhooks",
                "--poll-interval",
                "3600",
                "--reconcile-interval",
                "1",
                "--for",
                "60");
        serve.awaitOutput(Pattern.compile("(" + id + " contacts: \\d+ records)"), Duration.ofSeconds(20));
        var contacts = sandbox.dataset().rows(USA, "contacts");
        UUID gone = (UUID) contacts.row(2).get("id");
        String goneName = (String) contacts.row(2).get("displayName");
        assertTrue(
                Cli.run(home, "records", id, "contacts", "--limit", "200").out().contains(goneName));
        sandbox.delete(USA, "contacts", gone);
        serve.awaitOutput(
                Pattern.compile("(" + id + " contacts: reconciled \\d+ remote keys, 1 deleted)"),
                Duration.ofSeconds(20));
        assertTrue(!Cli.run(home, "records", id, "contacts", "--limit", "200")
                .out()
                .contains(goneName));
        assertTrue(
                !serve.out().toString().contains("not reconciled"), serve.out().toString());
        assertEquals(0, serve.stop().exitCode());
    }
}
