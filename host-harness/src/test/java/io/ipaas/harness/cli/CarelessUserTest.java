package io.ipaas.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipaas.bcsandbox.BcSandbox;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a careless or hostile user meets: a lost, emptied or wrong secret key, a read-only home, a settings file with
 * a key twice or with invisible characters, and failures nobody planned for. Each is one line on stderr that says
 * what to do, found before any request reaches Business Central.
 */
class CarelessUserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLIENT_ID = "0f8e2b6c-4d1a-4c9e-b37f-5a2d8e6c1b90";
    private static final String SECRET = "careless-secret-41c9d2";
    private static BcSandbox sandbox;

    @TempDir
    Path home;

    @TempDir
    Path files;

    /** Folders a test made read-only, made writable again so the temporary folders can be removed. */
    private final List<Path> frozen = new ArrayList<>();

    @BeforeAll
    static void start() {
        sandbox =
                BcSandbox.builder().items(40).client(CLIENT_ID, SECRET).build().start();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @AfterEach
    void thaw() throws Exception {
        for (Path folder : frozen) {
            chattr("-i", folder);
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        }
    }

    /** chattr where the machine has it; without it the read-only case is skipped by its own probe. */
    private static void chattr(String flag, Path folder) throws InterruptedException {
        try {
            new ProcessBuilder("chattr", flag, folder.toString())
                    .redirectErrorStream(true)
                    .start()
                    .waitFor();
        } catch (java.io.IOException noChattr) {
            // not installed: the folder stays as it is
        }
    }

    private static Map<String, Object> settings() {
        Map<String, Object> raw = DemoCommand.sandboxSettings(sandbox, CLIENT_ID);
        raw.put("clientSecret", SECRET);
        raw.put("pageSize", 20);
        return raw;
    }

    private Path write(String name, String text) throws IOException {
        Path file = files.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private Path settingsFile() throws IOException {
        return write("settings.json", JSON.writeValueAsString(settings()));
    }

    private String subscribe(Path home) throws IOException {
        Cli cli = Cli.run(
                home, "subscribe", "dynamics365", "--settings", settingsFile().toString());
        assertEquals(0, cli.exitCode(), cli.err());
        return cli.subscriptionId();
    }

    /** Requests that reached the sandbox, tokens included. */
    private static long remoteCalls() {
        return sandbox.stats().apiRequests() + sandbox.stats().tokenRequests();
    }

    private static void assertOneLine(Cli cli, int exitCode, String expected) {
        assertEquals(exitCode, cli.exitCode(), cli.err());
        assertEquals(1, cli.errorLines().size(), cli.err());
        assertTrue(cli.err().contains(expected), cli.err());
        assertFalse(cli.err().contains("\tat ") || cli.err().contains("unexpected"), cli.err());
    }

    /** The commands that keep nothing secret work whatever state the key is in. */
    private void commandsWithoutSecretsStillWork(Map<String, String> environment) throws IOException {
        assertEquals(0, Cli.runWith(environment, home, "plugins").exitCode());
        assertEquals(0, Cli.runWith(environment, home, "schema", "dynamics365").exitCode());
        Cli validate = Cli.runWith(
                environment, home, "validate", "dynamics365", settingsFile().toString());
        assertEquals(0, validate.exitCode(), validate.err());
        assertEquals(0, Cli.runWith(environment, home, "pull", "--help").exitCode());
    }

    @Test
    void aDeletedKeyFileIsNotSilentlyReplacedAndSecretsForgetStartsOverKeepingTheSubscription() throws IOException {
        String id = subscribe(home);
        assertEquals(0, Cli.run(home, "pull", id, "items").exitCode());
        Path key = home.resolve("secret.key");
        Files.delete(key);

        long before = remoteCalls();
        Cli pull = Cli.run(home, "pull", id, "items");
        assertOneLine(pull, 2, key + " is missing, and the store holds ");
        assertTrue(
                pull.err().contains("bring back the key that sealed them (as secret.key, or in HARNESS_SECRET_KEY)"),
                pull.err());
        assertTrue(pull.err().contains("secrets forget --yes"), pull.err());
        assertEquals(before, remoteCalls(), "nothing was asked of Business Central");
        assertFalse(Files.exists(key), "no new key was made while secrets sealed with the old one exist");
        commandsWithoutSecretsStillWork(System.getenv());
        assertEquals(0, Cli.run(home, "records", id, "items", "--limit", "1").exitCode());

        Cli status = Cli.run(home, "secrets", "status");
        assertEquals(0, status.exitCode(), status.err());
        assertTrue(status.out().contains("key: none usable"), status.out());
        assertTrue(status.out().contains(id + " (dynamics365 'default'): 1 sealed, 0 open"), status.out());

        Cli careless = Cli.run(home, "secrets", "forget");
        assertOneLine(careless, 2, "nothing was forgotten; run again with --yes");
        assertTrue(careless.out().contains("would forget " + id), careless.out());
        assertFalse(Files.exists(key));

        Cli forget = Cli.run(home, "secrets", "forget", "--yes");
        assertEquals(0, forget.exitCode(), forget.err());
        assertTrue(
                forget.out().contains("forgot " + id + " (dynamics365 'default'): setting:clientSecret"), forget.out());
        assertTrue(forget.out().contains("subscribe it again: subscribe dynamics365 --name default"), forget.out());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));

        assertOneLine(Cli.run(home, "pull", id, "items"), 2, "lost its secrets to 'secrets forget'");
        assertEquals(id, subscribe(home), "the same subscription, its secrets stored anew");
        Cli resumed = Cli.run(home, "pull", id, "items");
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.out().contains("0 records received"), "its checkpoint survived: " + resumed.out());
    }

    @Test
    void anEmptyKeyFileIsMadeAnewWhileNothingIsSealedAndExplainedOnceSomethingIs() throws IOException {
        Files.writeString(home.resolve("secret.key"), "");
        String id = subscribe(home);
        assertEquals(44, Files.readString(home.resolve("secret.key")).trim().length(), "a fresh key was written");

        Files.writeString(home.resolve("secret.key"), "");
        long before = remoteCalls();
        assertOneLine(Cli.run(home, "pull", id, "items"), 2, home.resolve("secret.key") + " is empty, and the store");
        assertEquals(before, remoteCalls());
        commandsWithoutSecretsStillWork(System.getenv());
    }

    @Test
    void aBadOrWrongKeyVariableIsOneLineBeforeAnyRequest() throws IOException {
        Map<String, String> bad = Map.of("HARNESS_SECRET_KEY", "abc");
        long before = remoteCalls();
        Cli subscribe = Cli.runWith(
                bad,
                home,
                "subscribe",
                "dynamics365",
                "--settings",
                settingsFile().toString());
        assertOneLine(subscribe, 2, "HARNESS_SECRET_KEY is not a base64-encoded 32-byte key (it decodes to 2 bytes)");
        assertEquals(before, remoteCalls());
        commandsWithoutSecretsStillWork(bad);

        Map<String, String> first =
                Map.of("HARNESS_SECRET_KEY", Base64.getEncoder().encodeToString(new byte[32]));
        byte[] other = new byte[32];
        other[0] = 1;
        Map<String, String> second =
                Map.of("HARNESS_SECRET_KEY", Base64.getEncoder().encodeToString(other));
        Cli subscribed = Cli.runWith(
                first,
                home,
                "subscribe",
                "dynamics365",
                "--settings",
                settingsFile().toString());
        assertEquals(0, subscribed.exitCode(), subscribed.err());
        before = remoteCalls();
        assertOneLine(
                Cli.runWith(second, home, "pull", subscribed.subscriptionId(), "items"),
                2,
                "cannot be decrypted with the key from HARNESS_SECRET_KEY: it was sealed with another key");
        assertEquals(before, remoteCalls());
        assertEquals(
                0,
                Cli.runWith(first, home, "pull", subscribed.subscriptionId(), "items")
                        .exitCode());
    }

    @Test
    void aReadOnlyHomeIsOneLineNamingItBeforeAnyRequest() throws Exception {
        String id = subscribe(home);
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("r-x------"));
        frozen.add(home);
        if (Files.isWritable(home)) {
            // root ignores permissions; an immutable folder refuses new files even to root
            chattr("+i", home);
        }
        boolean readOnly;
        try {
            Files.delete(Files.createTempFile(home, "probe", ""));
            readOnly = false;
        } catch (IOException expected) {
            readOnly = true;
        }
        assumeTrue(readOnly, "this machine cannot make a folder read-only for this user");

        long before = remoteCalls();
        Cli pull = Cli.run(home, "pull", id, "items");
        assertOneLine(pull, 2, "the home folder " + home + " is not writable (");
        assertTrue(pull.err().contains("or pass --home DIR"), pull.err());
        assertEquals(before, remoteCalls(), "found before calling Business Central");
        assertOneLine(
                Cli.run(
                        home,
                        "subscribe",
                        "dynamics365",
                        "--settings",
                        settingsFile().toString()),
                2,
                "is not writable");
        assertEquals(before, remoteCalls());
        assertEquals(0, Cli.run(home, "plugins").exitCode(), "reading plugins needs no writable home");

        Path file = write("not-a-folder", "");
        assertOneLine(
                Cli.run(file.resolve("home"), "records", "sub-x", "items"),
                2,
                "cannot create the home folder " + file.resolve("home") + " (");
    }

    @Test
    void theHomeAndItsLogAreOwnerOnlyAndTheLogKeepsEarlierFailures() throws IOException {
        Path fresh = files.resolve("fresh-home");
        subscribe(fresh);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)));
        Path log = fresh.resolve("harness.log");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(log)));

        Map<String, Object> unreachable = settings();
        unreachable.put("apiUrl", "http://127.0.0.1:1");
        Path down = write("down.json", JSON.writeValueAsString(unreachable));
        assertEquals(
                4,
                Cli.run(fresh, "subscribe", "dynamics365", "--settings", down.toString())
                        .exitCode());
        String failure = Files.readString(log);
        assertTrue(failure.contains("\tat "), "the failure's trace is in the log");
        assertEquals(0, Cli.run(fresh, "plugins").exitCode());
        String after = Files.readString(log);
        assertTrue(after.startsWith(failure), "the next command appends; the trace is still there");
        assertTrue(after.substring(failure.length()).contains("host-harness plugins started"), after);

        Path loose = files.resolve("loose-home");
        Files.createDirectory(
                loose, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        assertEquals(0, Cli.run(loose, "plugins").exitCode());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(loose)));
    }

    @Test
    void aKeyGivenTwiceInASettingsFileIsRefusedNamingTheKeyAndLine() throws IOException {
        Path twice = write(
                "twice.json", "{\n  \"clientSecret\": \"old\",\n  \"pageSize\": 20,\n  \"clientSecret\": \"new\"\n}\n");
        Cli validate = Cli.run(home, "validate", "dynamics365", twice.toString());
        assertOneLine(
                validate, 2, twice + ": the key 'clientSecret' appears twice (again at line 4); keep one of them");
        assertOneLine(
                Cli.run(home, "subscribe", "dynamics365", "--settings", twice.toString()),
                2,
                "'clientSecret' appears twice");
    }

    @Test
    void invisibleAndControlCharactersFromUsersAndRemoteSystemsAreShownEscaped() throws IOException {
        Map<String, Object> spoofed = settings();
        spoofed.put("page\u202ESize", 5);
        Cli validate = Cli.run(
                home,
                "validate",
                "dynamics365",
                write("spoofed.json", JSON.writeValueAsString(spoofed)).toString());
        assertEquals(2, validate.exitCode());
        assertTrue(validate.err().startsWith("page\\u202ESize: unknown setting"), validate.err());
        assertFalse(validate.err().contains("\u202E"));

        Map<String, Object> split = settings();
        split.put("valid\nclientId", 5);
        Cli splitKey = Cli.run(
                home,
                "validate",
                "dynamics365",
                write("split.json", JSON.writeValueAsString(split)).toString());
        assertOneLine(splitKey, 2, "valid\\nclientId: unknown setting");

        Map<String, Object> colored = settings();
        colored.put("companyName", "CRONUS\u001B[2J\nUSA");
        Cli subscribe = Cli.run(
                home,
                "subscribe",
                "dynamics365",
                "--settings",
                write("colored.json", JSON.writeValueAsString(colored)).toString());
        assertEquals(2, subscribe.exitCode(), subscribe.err());
        assertEquals(
                1,
                subscribe.errorLines().size(),
                "a line break in a value does not split the message: " + subscribe.err());
        assertTrue(subscribe.err().contains("CRONUS\\u001B[2J\\nUSA"), subscribe.err());
        assertFalse(subscribe.err().contains("\u001B"));

        Cli option = Cli.run(home, "records", "sub-\u202Ex", "items");
        assertOneLine(option, 2, "no subscription 'sub-\\u202Ex'");
    }

    @Test
    void anUnexpectedFailureIsOneLineAndItsTraceGoesToTheLog() throws IOException {
        Map<String, Object> user = settings();
        user.put("grantType", "authorization_code");
        user.put("oauthUrlTemplate", sandbox.oauthUrlTemplate());
        Path file = write("user.json", JSON.writeValueAsString(user));
        Cli subscribed = Cli.run(home, "subscribe", "dynamics365", "--settings", file.toString());
        assertEquals(0, subscribed.exitCode(), subscribed.err());
        String id = subscribed.subscriptionId();

        StringWriter pastedOut = new StringWriter();
        StringWriter pastedErr = new StringWriter();
        int pasted = HarnessMain.run(
                new String[] {"--home", home.toString(), "auth", "connect", id, "--paste"},
                new java.io.ByteArrayInputStream("http://127.0.0.1:8765/callback?code=a b\n".getBytes()),
                new PrintWriter(pastedOut),
                new PrintWriter(pastedErr));
        assertEquals(2, pasted, pastedErr.toString());
        assertTrue(
                pastedErr.toString().startsWith("the pasted text is not an address (Illegal character in query at"),
                pastedErr.toString());

        for (Throwable failure : List.of(new IOException("the keyboard is gone"), new NoClassDefFoundError("x/Y"))) {
            InputStream keyboard = new InputStream() {
                @Override
                public int read() throws IOException {
                    if (failure instanceof IOException io) {
                        throw io;
                    }
                    throw (Error) failure;
                }
            };
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = HarnessMain.run(
                    new String[] {"--home", home.toString(), "auth", "connect", id, "--paste"},
                    keyboard,
                    new PrintWriter(out),
                    new PrintWriter(err));
            assertEquals(1, code, err.toString());
            List<String> lines = err.toString().lines().toList();
            assertEquals(1, lines.size(), err.toString());
            assertEquals(
                    "unexpected error: " + failure.getClass().getSimpleName() + ": " + failure.getMessage()
                            + "; the stack trace is in " + home.toAbsolutePath().resolve("harness.log"),
                    lines.get(0));
            String log = Files.readString(home.resolve("harness.log"));
            assertTrue(log.contains(failure.getClass().getName() + ": " + failure.getMessage() + "\n\tat "), log);
        }
    }
}
