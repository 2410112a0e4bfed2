package io.ipaas.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipaas.bcsandbox.BcSandbox;
import io.ipaas.connector.testkit.JsonSchemas;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness commands end to end: the real plugin JAR loaded through PF4J from target/plugins, against the BC
 * sandbox. Every user-caused failure must be one line with the right exit code.
 */
class HarnessCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLIENT_ID = "0f8e2b6c-4d1a-4c9e-b37f-5a2d8e6c1b90";
    private static final String SECRET = "cli-test-secret-9c41e7";
    private static BcSandbox sandbox;

    @TempDir
    Path home;

    @BeforeAll
    static void start() {
        sandbox = BcSandbox.builder()
                .items(120)
                .variantsPerItem(2)
                .client(CLIENT_ID, SECRET)
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    static Map<String, Object> settings() {
        Map<String, Object> raw = DemoCommand.sandboxSettings(sandbox, CLIENT_ID);
        raw.put("clientSecret", SECRET);
        raw.put("pageSize", 50);
        return raw;
    }

    Path write(String name, Object settings) throws IOException {
        Path file = home.resolve(name);
        Files.writeString(file, settings instanceof String text ? text : JSON.writeValueAsString(settings));
        return file;
    }

    String subscribe(Map<String, Object> settings) throws IOException {
        Cli cli = Cli.run(
                home,
                "subscribe",
                "dynamics365",
                "--settings",
                write("settings.json", settings).toString());
        assertEquals(0, cli.exitCode(), cli.err());
        return cli.subscriptionId();
    }

    @Test
    void pluginsListsTheConnectorWithEntitiesAndAuthModes() {
        Cli cli = Cli.run(home, "plugins");
        assertEquals(0, cli.exitCode(), cli.err());
        assertTrue(cli.out().contains("dynamics365 1.0.0"), cli.out());
        assertTrue(
                cli.out().contains("entities:   companies, items, itemVariants, customers, contacts, paymentTerms,"),
                cli.out());
        assertTrue(cli.out().contains("CLIENT_CREDENTIALS"), cli.out());
    }

    @Test
    void aCorruptJarIsReportedAndSkippedWhileTheGoodPluginLoads() throws IOException {
        Path plugins = home.resolve("plugins");
        Files.createDirectories(plugins);
        try (Stream<Path> jars = Files.list(Path.of(System.getProperty("harness.plugins")))) {
            for (Path jar : jars.toList()) {
                Files.copy(jar, plugins.resolve(jar.getFileName()));
            }
        }
        Files.write(plugins.resolve("broken.jar"), "this is not a zip".getBytes(StandardCharsets.UTF_8));
        Cli cli = Cli.run(home, "--plugins", plugins.toString(), "plugins");
        assertEquals(0, cli.exitCode());
        assertTrue(cli.out().contains("dynamics365"), cli.out());
        assertEquals(1, cli.errorLines().size(), cli.err());
        assertTrue(cli.err().contains("skipped broken.jar: not a readable JAR"), cli.err());
    }

    @Test
    void schemaIsGeneratedAndPassesMetaValidation() throws IOException {
        Cli cli = Cli.run(home, "schema", "dynamics365");
        assertEquals(0, cli.exitCode(), cli.err());
        Map<String, Object> schema = JSON.readValue(cli.out(), new TypeReference<>() {});
        assertEquals(List.of(), JsonSchemas.metaValidate(schema));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> properties = (Map<String, Map<String, Object>>) schema.get("properties");
        assertEquals(true, properties.get("clientSecret").get("writeOnly"));
        assertEquals("authentication", properties.get("clientSecret").get("x-group"));
        assertEquals("uuid", properties.get("clientId").get("format"));
        assertEquals(3, ((List<?>) schema.get("x-profiles")).size());
        assertTrue(schema.containsKey("allOf"), "conditional requirement as if/then");
    }

    @Test
    void validateAcceptsGoodSettingsAndReportsEveryBadInputOnItsOwnLine() throws IOException {
        Cli good = Cli.run(
                home, "validate", "dynamics365", write("good.json", settings()).toString());
        assertEquals(0, good.exitCode(), good.err());
        assertEquals("valid", good.out().trim());

        Map<String, Object> bad = settings();
        bad.remove("companyName");
        bad.put("pageSze", 10);
        bad.put("salesPriceFieldSeparator", "//");
        Cli problems =
                Cli.run(home, "validate", "dynamics365", write("bad.json", bad).toString());
        assertEquals(2, problems.exitCode());
        List<String> lines = problems.errorLines();
        assertEquals(3, lines.size(), problems.err());
        assertEquals(
                List.of(
                        "pageSze: unknown setting (did you mean 'pageSize'?); remove it or correct its name",
                        "companyName: is required: Company name"),
                lines.subList(0, 2));
        assertTrue(lines.get(2).startsWith("salesPriceRecordDelimiter: must differ"), "cross-field rules run too");

        // every phase at once: a bad URL, a missing conditional secret and a cross-field rule in one answer
        Map<String, Object> careless = settings();
        careless.put("apiUrl", "htp:/nowhere");
        careless.remove("clientSecret");
        careless.put("salesPriceFieldSeparator", "//");
        List<String> all = Cli.run(
                        home,
                        "validate",
                        "dynamics365",
                        write("careless.json", careless).toString())
                .errorLines();
        assertEquals(
                List.of("apiUrl", "clientSecret", "salesPriceRecordDelimiter"),
                all.stream().map(line -> line.substring(0, line.indexOf(':'))).toList(),
                String.join("\n", all));

        Map<String, Object> crossField = settings();
        crossField.put("salesPriceFieldSeparator", "//");
        Cli cross = Cli.run(
                home, "validate", "dynamics365", write("cross.json", crossField).toString());
        assertEquals(2, cross.exitCode());
        assertTrue(cross.err().startsWith("salesPriceRecordDelimiter: must differ"), cross.err());

        Cli malformed = Cli.run(
                home,
                "validate",
                "dynamics365",
                write("broken.json", "{\n  \"tenantId\": \"x\",\n  oops\n}").toString());
        assertEquals(2, malformed.exitCode());
        assertEquals(1, malformed.errorLines().size());
        assertTrue(malformed.err().contains("invalid JSON at line 3, column 3"), malformed.err());

        Cli unknownPlugin =
                Cli.run(home, "validate", "sap", write("good2.json", settings()).toString());
        assertEquals(2, unknownPlugin.exitCode());
        assertTrue(
                unknownPlugin.err().startsWith("no plugin 'sap' is loaded; loaded plugins: dynamics365"),
                unknownPlugin.err());

        Cli missingFile = Cli.run(
                home, "validate", "dynamics365", home.resolve("nope.json").toString());
        assertEquals(2, missingFile.exitCode());
        assertTrue(missingFile.err().contains("no such file"));
    }

    @Test
    void subscribeStoresTheSubscriptionAndMappingsOnceAndPullStoresEveryItemOnce() throws IOException {
        String id = subscribe(settings());
        Cli again = Cli.run(
                home,
                "subscribe",
                "dynamics365",
                "--settings",
                home.resolve("settings.json").toString());
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("subscription " + id + " updated"), again.out());
        assertTrue(again.out().contains("bc-items-to-products (items -> product): already present"), again.out());

        long before = sandbox.stats().requests("items");
        Cli pull = Cli.run(home, "pull", id, "items");
        assertEquals(0, pull.exitCode(), pull.err());
        assertTrue(pull.out().contains("120 records received, 120 stored, 0 quarantined, 3 pages"), pull.out());
        assertEquals(3, sandbox.stats().requests("items") - before, "ceil(120 / 50) item requests");

        Cli full = Cli.run(home, "pull", id, "items", "--full");
        assertEquals(0, full.exitCode(), full.err());
        Cli records = Cli.run(home, "records", id, "items", "--limit", "1000");
        assertEquals(
                120,
                Pattern.compile("(?m)^# bc-items-to-products")
                        .matcher(records.out())
                        .results()
                        .count(),
                "a repeated pull updates, never duplicates");
        assertTrue(records.out().contains("\"variants\""), records.out().substring(0, 400));

        Cli incremental = Cli.run(home, "pull", id, "items");
        assertEquals(0, incremental.exitCode(), incremental.err());
        assertTrue(
                incremental.out().contains("0 records received"),
                "nothing changed since the watermark: " + incremental.out());
    }

    @Test
    void userErrorsArePrintedAsOneLineWithTheirExitCodes() throws IOException {
        Map<String, Object> wrongSecret = settings();
        wrongSecret.put("clientSecret", "not-the-secret");
        Cli refused = Cli.run(
                home,
                "subscribe",
                "dynamics365",
                "--settings",
                write("wrong.json", wrongSecret).toString());
        assertEquals(2, refused.exitCode(), refused.err());
        assertEquals(1, refused.errorLines().size(), refused.err());
        assertTrue(refused.err().contains("clientSecret") && refused.err().contains("AADSTS7000215"), refused.err());

        Map<String, Object> wrongCompany = settings();
        wrongCompany.put("companyName", "CRONUS UK");
        Cli company = Cli.run(
                home,
                "subscribe",
                "dynamics365",
                "--settings",
                write("company.json", wrongCompany).toString());
        assertEquals(2, company.exitCode());
        assertTrue(company.err().contains("'CRONUS USA, Inc.', 'CRONUS Canada', 'O'Brien Supplies'"), company.err());

        sandbox.faults().unregisterInBc(CLIENT_ID);
        try {
            Cli unregistered = Cli.run(
                    home,
                    "subscribe",
                    "dynamics365",
                    "--settings",
                    write("ok.json", settings()).toString());
            assertEquals(3, unregistered.exitCode(), unregistered.err());
            assertTrue(unregistered.err().contains("Microsoft Entra Applications"), unregistered.err());
        } finally {
            sandbox.faults().registerInBc(CLIENT_ID);
        }

        Map<String, Object> unreachable = settings();
        unreachable.put("apiUrl", "http://127.0.0.1:1");
        Cli down = Cli.run(
                home,
                "subscribe",
                "dynamics365",
                "--settings",
                write("down.json", unreachable).toString());
        assertEquals(4, down.exitCode(), down.err());

        Cli unknownSubscription = Cli.run(home, "pull", "sub-nothere", "items");
        assertEquals(2, unknownSubscription.exitCode());
        assertTrue(unknownSubscription.err().startsWith("no subscription 'sub-nothere'"), unknownSubscription.err());

        String id = subscribe(settings());
        Cli unknownEntity = Cli.run(home, "pull", id, "widgets");
        assertEquals(2, unknownEntity.exitCode());
        assertTrue(
                unknownEntity.err().contains("it offers: companies, items, itemVariants, customers, contacts"),
                unknownEntity.err());

        for (Cli cli : List.of(refused, company, down, unknownSubscription, unknownEntity)) {
            assertFalse(cli.err().contains("\tat "), "no stack traces on the console: " + cli.err());
        }
    }

    @Test
    void pullWithoutAnInboundMappingSaysWhatToDo() throws IOException {
        Cli subscribed = Cli.run(
                home,
                "subscribe",
                "dynamics365",
                "--name",
                "bare",
                "--no-default-mappings",
                "--settings",
                write("bare.json", settings()).toString());
        assertEquals(0, subscribed.exitCode(), subscribed.err());
        assertTrue(subscribed.out().contains("not installed (--no-default-mappings)"), subscribed.out());
        String id = subscribed.subscriptionId();
        Cli pull = Cli.run(home, "pull", id, "items");
        assertEquals(2, pull.exitCode());
        assertTrue(pull.err().contains("no inbound mapping for 'items'"), pull.err());
    }

    @Test
    void transientFailuresAreRetriedAndThePullCompletes() throws IOException {
        String id = subscribe(settings());
        sandbox.faults().retryAfterSeconds(0).failNext(2, 503);
        Cli pull = Cli.run(home, "pull", id, "itemVariants");
        assertEquals(0, pull.exitCode(), pull.err());
        assertTrue(
                pull.out().contains(sandbox.dataset().variantCount(BcSandbox.CRONUS_USA) + " records received"),
                pull.out());
    }

    @Test
    void secretsAreEncryptedAtRestAndNeverPrintedOrLogged() throws IOException {
        String id = subscribe(settings());
        Cli pull = Cli.run(home, "pull", id, "items");
        assertEquals(0, pull.exitCode(), pull.err());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(home)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertTrue(files.contains(home.resolve("harness.log")), "the log is searched too: " + files);
        for (Path file : files) {
            if (file.getFileName().toString().startsWith("settings")
                    || file.getFileName().toString().endsWith(".json")) {
                continue;
            }
            String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            assertFalse(content.contains(SECRET), "secret in clear in " + file);
        }
        assertFalse(pull.out().contains(SECRET) || pull.err().contains(SECRET));
        Path key = home.resolve("secret.key");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    }

    /** A custom API page declared in the settings is described, pulled and mapped with a mapping file: no code. */
    @Test
    void aCustomApiPageIsPulledAndMappedWithAMappingFileOnly() throws IOException {
        Map<String, Object> raw = settings();
        raw.put("customApiPages", java.util.List.of("contoso/commerce/v1.0/webCategories"));
        Path mapping = write("web-categories.json", """
                {"formatVersion": 1, "connector": "dynamics365", "collections": [{
                  "name": "contoso-web-categories", "entity": "webCategories", "direction": "inbound",
                  "target": "category", "keyField": "id",
                  "fields": [
                    {"kind": "field", "target": "code", "source": "code", "required": true},
                    {"kind": "field", "target": "name", "source": "displayName"},
                    {"kind": "field", "target": "custom.parent", "source": "parentCode"}
                  ]}]}
                """);
        Cli subscribe = Cli.run(
                home,
                "subscribe",
                "dynamics365",
                "--settings",
                write("custom.json", raw).toString(),
                "--mapping",
                mapping.toString());
        assertEquals(0, subscribe.exitCode(), subscribe.err());
        assertTrue(
                subscribe.out().contains("contoso-web-categories (webCategories -> category): installed from"),
                subscribe.out());
        String id = subscribe.subscriptionId();
        Cli pull = Cli.run(home, "pull", id, "webCategories");
        assertEquals(0, pull.exitCode(), pull.err());
        assertTrue(pull.out().contains("5 records received"), pull.out());
        Cli records = Cli.run(home, "records", id, "webCategories", "--limit", "10");
        assertTrue(
                records.out().contains("\"code\" : \"CHAIRS\"") && records.out().contains("\"parent\" : \"FURNITURE\""),
                records.out());

        Path wrong = write("wrong.json", Files.readString(mapping).replace("\"webCategories\"", "\"loyaltyTiers\""));
        Cli refused = Cli.run(
                home,
                "subscribe",
                "dynamics365",
                "--settings",
                home.resolve("custom.json").toString(),
                "--mapping",
                wrong.toString());
        assertEquals(2, refused.exitCode(), refused.err());
        assertTrue(refused.err().contains("reads the entity 'loyaltyTiers', which subscription"), refused.err());
    }
}
