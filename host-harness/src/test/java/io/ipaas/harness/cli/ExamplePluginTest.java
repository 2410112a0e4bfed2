package io.ipaas.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipaas.connector.example.server.ContactsApiServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example connector as a second plugin: its shaded JAR from target/plugins (never on this class path), loaded
 * next to the Business Central one, subscribed, pulled and stored against the example contacts API.
 */
class ExamplePluginTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API_KEY = "harness-example-key-7f3a";
    private static final String COLLECTION = "example-contacts-to-contacts";

    @TempDir
    Path home;

    private ContactsApiServer api;

    @BeforeEach
    void start() {
        api = ContactsApiServer.start(API_KEY, 75);
        // a record the connector cannot read: it must be quarantined, not dropped and not blocking the rest
        api.addRaw("zz-broken", "{\"id\": \"c-broken\", \"name\": \"Broken\", \"updatedAt\": \"last tuesday\"}");
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private Path settingsFile(String apiKey) throws IOException {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("baseUrl", api.baseUrl().toString());
        settings.put("apiKey", apiKey);
        settings.put("pageSize", 20);
        Path file = home.resolve("example-" + apiKey.length() + ".json");
        Files.writeString(file, JSON.writeValueAsString(settings));
        return file;
    }

    private static int countLines(String text, String prefix) {
        return (int) text.lines().filter(line -> line.startsWith(prefix)).count();
    }

    @Test
    void bothPluginsAreListedWithTheExampleFromItsManifest() {
        Cli cli = Cli.run(home, "plugins");
        assertEquals(0, cli.exitCode(), cli.err());
        assertEquals(List.of(), cli.errorLines(), "no plugin skipped (manifest and info() agree)");
        assertTrue(cli.out().contains("dynamics365 1.0.0"), cli.out());
        assertTrue(cli.out().contains("example 1.0.0-SNAPSHOT  Example contacts API"), cli.out());
        assertTrue(cli.out().contains("entities:   contacts"), cli.out());
        assertTrue(cli.out().contains("auth modes: API_KEY"), cli.out());
    }

    @Test
    void subscribePullAndRecordsStoreEveryContactAndQuarantineTheBrokenOne() throws IOException {
        Cli subscribe = Cli.run(
                home,
                "subscribe",
                "example",
                "--settings",
                settingsFile(API_KEY).toString());
        assertEquals(0, subscribe.exitCode(), subscribe.err());
        assertTrue(subscribe.out().contains("connected to the contacts API as account 'Example Ltd'"), subscribe.out());
        assertTrue(subscribe.out().contains(COLLECTION + " (contacts -> contact): created"), subscribe.out());
        String id = subscribe.subscriptionId();

        // a throttled first request: the harness waits the server's Retry-After and polls the same checkpoint again
        api.failNext(429, "0");
        Cli pull = Cli.run(home, "pull", id, "contacts");
        assertEquals(0, pull.exitCode(), pull.err());
        assertTrue(
                pull.out().contains("75 records received, 75 stored, 1 quarantined, 4 pages, 5 requests"), pull.out());
        assertTrue(pull.out().contains("c-broken"), "the quarantine is listed: " + pull.out());

        Cli records = Cli.run(home, "records", id, "contacts", "--limit", "100");
        assertEquals(0, records.exitCode(), records.err());
        assertEquals(75, countLines(records.out(), "# " + COLLECTION + " -> contact "), records.out());
        assertTrue(records.out().contains("\"number\" : \"c-00010\""), records.out());
        assertTrue(records.out().contains("\"type\" : \"company\""), records.out());
        assertTrue(records.out().contains("\"companyName\" : \"Company 5\""), records.out());

        api.upsert("c-00002", Map.of("name", "Renamed Person", "kind", "person"));
        api.delete("c-00003");
        Cli again = Cli.run(home, "pull", id, "contacts");
        assertEquals(0, again.exitCode(), again.err());
        // the last contact of the first sync (inclusive watermark), the broken one again, and the two changes
        assertTrue(again.out().contains("3 records received"), again.out());
        Cli after = Cli.run(home, "records", id, "contacts", "--limit", "100");
        assertEquals(74, countLines(after.out(), "# " + COLLECTION + " -> contact "), after.out());
        assertTrue(after.out().contains("Renamed Person"), after.out());
        assertFalse(after.out().contains(" c-00003\n"), "the deleted contact is gone: " + after.out());
    }

    @Test
    void aRefusedKeyIsOneLineNamingApiKeyAndTheKeyIsNeverStoredInClear() throws IOException {
        Cli wrong = Cli.run(
                home,
                "subscribe",
                "example",
                "--settings",
                settingsFile("not-the-right-key").toString());
        assertEquals(3, wrong.exitCode(), wrong.out() + wrong.err());
        assertEquals(1, wrong.errorLines().size(), wrong.err());
        assertTrue(wrong.err().contains("apiKey"), wrong.err());

        Cli good = Cli.run(
                home,
                "subscribe",
                "example",
                "--settings",
                settingsFile(API_KEY).toString());
        assertEquals(0, good.exitCode(), good.err());
        Files.delete(settingsFile(API_KEY));
        try (Stream<Path> files = Files.walk(home)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertFalse(content.contains(API_KEY), "the API key is stored in clear in " + file);
            }
        }
    }

    @Test
    void plainHttpToAnotherHostIsRefusedByValidate() throws IOException {
        Path file = home.resolve("remote.json");
        Files.writeString(
                file, JSON.writeValueAsString(Map.of("baseUrl", "http://contacts.example.com", "apiKey", API_KEY)));
        Cli cli = Cli.run(home, "validate", "example", file.toString());
        assertEquals(2, cli.exitCode());
        assertEquals(1, cli.errorLines().size(), cli.err());
        assertTrue(cli.err().startsWith("baseUrl: must use https"), cli.err());
    }
}
