package io.ipaas.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipaas.bcsandbox.BcSandbox;
import io.ipaas.connector.testkit.BrowserSignIn;
import io.ipaas.connector.testkit.TestCertificates;
import io.ipaas.harness.secrets.EncryptedSecretStore;
import io.ipaas.harness.secrets.MasterKey;
import io.ipaas.harness.secrets.SecretCipher;
import io.ipaas.harness.store.Store;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code auth connect | status | disconnect} end to end: the real plugin JAR, the harness store, and the BC sandbox's
 * authorize and token endpoints. Access tokens live four minutes here, inside the connector's five-minute renewal
 * margin, so every command refreshes (and rotates) the refresh token: the lapsed-sign-in paths run for real.
 */
class AuthCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLIENT_ID = "0f8e2b6c-4d1a-4c9e-b37f-5a2d8e6c1b90";
    private static final String CERTIFICATE_CLIENT_ID = "5b1d7c3e-2a4f-4e8b-9c6d-1f0a3e5b7d92";
    private static final String SECRET = "auth-flow-secret-5d2e81";
    private static final String WRONG_SECRET = "wrong-secret-0b7f3a9c";
    private static final Pattern AUTHORIZE_URL = Pattern.compile("(http://\\S+/oauth2/v2\\.0/authorize\\?\\S+)");
    private static final HttpClient BROWSER =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private static BcSandbox sandbox;
    private static TestCertificates certificate;

    @TempDir
    Path home;

    @TempDir
    Path settingsFolder;
    /** Everything the commands of a test printed, for the leak checks. */
    private final List<Cli> transcript = new ArrayList<>();

    @BeforeAll
    static void start(@TempDir Path certificates) throws Exception {
        certificate = TestCertificates.create(certificates);
        sandbox = BcSandbox.builder()
                .items(30)
                .client(CLIENT_ID, SECRET)
                .clientCertificate(CERTIFICATE_CLIENT_ID, (X509Certificate) certificate.certificate)
                .tokenLifetime(Duration.ofMinutes(4))
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

    private Map<String, Object> settings() {
        Map<String, Object> raw = DemoCommand.sandboxSettings(sandbox, CLIENT_ID);
        raw.put("pageSize", 10);
        return raw;
    }

    private Map<String, Object> userSignInSettings() {
        Map<String, Object> raw = settings();
        raw.put("grantType", "authorization_code");
        raw.put("oauthUrlTemplate", sandbox.oauthUrlTemplate());
        raw.put("clientSecret", SECRET);
        return raw;
    }

    private Cli cli(String... args) {
        Cli cli = Cli.run(home, args);
        transcript.add(cli);
        return cli;
    }

    private String subscribe(String name, Map<String, Object> settings) throws IOException {
        Path file = settingsFolder.resolve(name + ".json");
        Files.writeString(file, JSON.writeValueAsString(settings));
        Cli cli = cli("subscribe", "dynamics365", "--name", name, "--settings", file.toString());
        assertEquals(0, cli.exitCode(), cli.err());
        return cli.subscriptionId();
    }

    /** {@code auth connect} listening on loopback; the test plays the browser and returns the code it carried. */
    private String connectThroughLoopback(String subscription) throws Exception {
        Cli.Running running = Cli.start(
                home, java.io.InputStream.nullInputStream(), "auth", "connect", subscription, "--timeout", "30");
        URI authorize = URI.create(running.awaitOutput(AUTHORIZE_URL, Duration.ofSeconds(20)));
        URI redirect = BrowserSignIn.redirectOf(authorize);
        assertTrue(
                redirect.toString().startsWith("http://127.0.0.1:"),
                "the sandbox sends the browser to loopback: " + redirect);
        HttpResponse<String> page =
                BROWSER.send(HttpRequest.newBuilder(redirect).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("You can close this window"), page.body());
        Cli connected = running.await();
        transcript.add(connected);
        assertEquals(0, connected.exitCode(), connected.err());
        assertTrue(connected.out().contains("signed in"), connected.out());
        return BrowserSignIn.query(redirect).get("code");
    }

    /** {@code auth connect --paste}: the test answers the prompt with what {@code paste} makes of the authorize URL. */
    private Cli connectByPaste(String subscription, Function<URI, String> paste) throws Exception {
        PipedOutputStream keyboard = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(keyboard);
        Cli.Running running = Cli.start(home, in, "auth", "connect", subscription, "--paste");
        URI authorize = URI.create(running.awaitOutput(AUTHORIZE_URL, Duration.ofSeconds(20)));
        keyboard.write((paste.apply(authorize) + "\n").getBytes(StandardCharsets.UTF_8));
        keyboard.close();
        Cli cli = running.await();
        transcript.add(cli);
        return cli;
    }

    @Test
    void aUserSignsInThroughTheLoopbackRedirectAndPullsPauseWhenTheSignInLapses() throws Exception {
        String id = subscribe("user", userSignInSettings());
        assertTrue(
                transcript.get(0).out().contains("sign in with: auth connect " + id),
                transcript.get(0).out());

        Cli before = cli("auth", "status", id);
        assertTrue(before.out().contains(id + ": NOT_CONNECTED"), before.out());
        long tokenRequests = sandbox.stats().tokenRequests();
        Cli early = cli("pull", id, "items");
        assertEquals(ExitCodes.AUTHENTICATION, early.exitCode(), early.err());
        assertTrue(
                early.err().contains("paused (NOT_CONNECTED)") && early.err().contains("auth connect " + id),
                early.err());
        assertEquals(
                tokenRequests, sandbox.stats().tokenRequests(), "nothing is asked of Entra before a user signs in");

        connectThroughLoopback(id);
        Cli status = cli("auth", "status", id);
        assertTrue(status.out().contains(id + ": CONNECTED"), status.out());
        Cli pull = cli("pull", id, "items");
        assertEquals(0, pull.exitCode(), pull.err());
        assertTrue(pull.out().contains("30 records received, 30 stored"), pull.out());

        // an administrator revokes the user's sessions: once the access token has lapsed, the next refresh fails
        // once, then nothing is retried
        sandbox.faults().revokeRefreshTokens();
        accessTokenLapses(id);
        tokenRequests = sandbox.stats().tokenRequests();
        Cli lapsed = cli("pull", id, "items", "--full");
        assertEquals(ExitCodes.AUTHENTICATION, lapsed.exitCode(), lapsed.err());
        assertTrue(lapsed.err().contains("paused (NEEDS_REAUTH)"), lapsed.err());
        assertTrue(lapsed.err().contains("AADSTS50173") && lapsed.err().contains("auth connect " + id), lapsed.err());
        assertEquals(1, lapsed.errorLines().size(), lapsed.err());
        assertEquals(tokenRequests + 1, sandbox.stats().tokenRequests(), "one refused refresh");
        Cli paused = cli("pull", id, "items", "--full");
        assertEquals(ExitCodes.AUTHENTICATION, paused.exitCode(), paused.err());
        assertTrue(paused.err().contains("paused (NEEDS_REAUTH)"), paused.err());
        assertEquals(tokenRequests + 1, sandbox.stats().tokenRequests(), "a paused subscription asks Entra nothing");
        Cli needs = cli("auth", "status", id);
        assertTrue(
                needs.out().contains(id + ": NEEDS_REAUTH") && needs.out().contains("auth connect " + id), needs.out());

        sandbox.faults().clear();
        connectThroughLoopback(id);
        Cli resumed = cli("pull", id, "items", "--full");
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.out().contains("30 records received"), resumed.out());

        Cli disconnect = cli("auth", "disconnect", id);
        assertEquals(0, disconnect.exitCode(), disconnect.err());
        assertTrue(disconnect.out().contains("tokens of " + id + " forgotten"), disconnect.out());
        assertTrue(
                disconnect.out().contains("no endpoint that revokes")
                        && disconnect.out().contains("Revoke sessions"),
                disconnect.out());
        Cli after = cli("auth", "status", id);
        assertTrue(after.out().contains(id + ": NOT_CONNECTED"), after.out());
        Cli gone = cli("pull", id, "items");
        assertEquals(ExitCodes.AUTHENTICATION, gone.exitCode(), gone.err());
    }

    @Test
    void serveWaitsForASignInThatLapsedAndSyncsAgainAfterIt() throws Exception {
        String id = subscribe("served", userSignInSettings());
        connectThroughLoopback(id);
        Cli.Running serve = Cli.startStoppable(
                home, "serve", "--port", "0", "--no-webhooks", "--poll-interval", "1", "--for", "60");
        serve.awaitOutput(Pattern.compile("(" + id + " items: 30 records)"), Duration.ofSeconds(30));

        sandbox.faults().revokeRefreshTokens();
        accessTokenLapses(id);
        serve.awaitOutput(
                Pattern.compile("(" + id + ": NEEDS_REAUTH — not synced until a user signs in again)"),
                Duration.ofSeconds(30));
        Cli status = cli("status", id);
        assertTrue(status.out().contains(id + " (dynamics365, served): NEEDS_REAUTH"), status.out());
        assertTrue(status.out().contains("waiting for a sign-in: auth connect " + id), status.out());

        // a change made while the sign-in lapsed arrives once a user signs in again
        var customers = sandbox.dataset().rows(BcSandbox.CRONUS_USA, "customers");
        java.util.UUID changed = (java.util.UUID) customers.row(0).get("id");
        customers.put(changed, "displayName", "Changed while signed out");
        sandbox.touch(BcSandbox.CRONUS_USA, "customers", changed);
        sandbox.faults().clear();
        connectThroughLoopback(id);
        serve.awaitOutput(Pattern.compile("(" + id + ": ACTIVE — synced again)"), Duration.ofSeconds(30));
        serve.awaitOutput(Pattern.compile("(" + id + " customers: 1 records)"), Duration.ofSeconds(30));
        assertTrue(cli("records", id, "customers", "--limit", "100").out().contains("Changed while signed out"));
        assertEquals(0, serve.stop().exitCode());
    }

    @Test
    void theStateIsSingleUseBoundToItsSubscriptionAndExpiresAfterTenMinutes() throws Exception {
        String first = subscribe("first", userSignInSettings());
        String second = subscribe("second", userSignInSettings());

        Instant started = Instant.now();
        List<URI> redirects = new ArrayList<>();
        Cli pasted = connectByPaste(first, authorize -> {
            redirects.add(BrowserSignIn.redirectOf(authorize));
            return redirects.get(0).toString();
        });
        Instant finished = Instant.now();
        assertEquals(0, pasted.exitCode(), pasted.err());
        assertTrue(pasted.out().contains("signed in"), pasted.out());
        String usedState = BrowserSignIn.query(redirects.get(0)).get("state");
        try (Store store = Store.open(home)) {
            Store.AuthAttempt attempt = store.authAttempt(usedState).orElseThrow();
            assertEquals(first, attempt.subscriptionId());
            assertTrue(
                    !attempt.expiresAt().isBefore(started.plus(Duration.ofMinutes(10)))
                            && !attempt.expiresAt().isAfter(finished.plus(Duration.ofMinutes(10))),
                    "a sign-in attempt lives ten minutes: " + started + " .. " + attempt.expiresAt());
            // a sign-in started for the first subscription, and one started eleven minutes ago
            store.saveAuthAttempt(new Store.AuthAttempt(
                    "state-of-first",
                    first,
                    new byte[] {1},
                    "http://127.0.0.1:1/callback",
                    Instant.now().plus(Duration.ofMinutes(5)),
                    false));
            store.saveAuthAttempt(new Store.AuthAttempt(
                    "stale-state",
                    second,
                    new byte[] {1},
                    "http://127.0.0.1:1/callback",
                    Instant.now().minus(Duration.ofMinutes(1)),
                    false));
        }

        Cli replayed = connectByPaste(first, authorize -> redirects.get(0).toString());
        assertEquals(ExitCodes.AUTHENTICATION, replayed.exitCode(), replayed.err());
        assertTrue(replayed.err().contains("already used"), replayed.err());

        String callback = "http://127.0.0.1:8765/callback?code=stolen-code&state=";
        Cli otherSubscription = connectByPaste(second, authorize -> callback + "state-of-first");
        assertEquals(ExitCodes.AUTHENTICATION, otherSubscription.exitCode(), otherSubscription.err());
        assertTrue(
                otherSubscription.err().contains("does not belong to a sign-in started for " + second),
                otherSubscription.err());
        Cli forged = connectByPaste(second, authorize -> callback + "forged");
        assertTrue(forged.err().contains("unknown state"), forged.err());
        Cli expired = connectByPaste(second, authorize -> callback + "stale-state");
        assertEquals(ExitCodes.AUTHENTICATION, expired.exitCode(), expired.err());
        assertTrue(expired.err().contains("has expired"), expired.err());
        Cli stateless = connectByPaste(second, authorize -> "http://127.0.0.1:8765/callback?code=stolen-code");
        assertTrue(stateless.err().contains("no state value"), stateless.err());
        Cli declined = connectByPaste(
                second,
                authorize -> "http://127.0.0.1:8765/callback?error=access_denied"
                        + "&error_description=AADSTS65004%3A+User+declined+to+consent&state="
                        + BrowserSignIn.query(authorize).get("state"));
        assertEquals(ExitCodes.AUTHENTICATION, declined.exitCode(), declined.err());
        assertTrue(declined.err().contains("access_denied (AADSTS65004: User declined to consent)"), declined.err());

        for (Cli cli : List.of(replayed, otherSubscription, forged, expired, stateless, declined)) {
            assertEquals(ExitCodes.AUTHENTICATION, cli.exitCode(), cli.err());
            assertEquals(1, cli.errorLines().size(), cli.err());
        }
        Cli status = cli("auth", "status", second);
        assertTrue(
                status.out().contains(second + ": NOT_CONNECTED"),
                "no refused answer signed anybody in: " + status.out());
    }

    @Test
    void theDemoRunsTheWholeUserSignInOffline() {
        Cli demo = cli("demo", "--grant", "authorization_code", "--items", "20", "--page-size", "8");
        assertEquals(0, demo.exitCode(), demo.err());
        assertTrue(demo.out().contains("/callback (HTTP 200)"), demo.out());
        assertTrue(demo.out().contains("sign-in: CONNECTED"), demo.out());
        assertTrue(demo.out().matches("(?s).*summary: 20 items with \\d+ variants pulled and mapped.*"), demo.out());
        assertTrue(demo.out().contains("3 requests for items (pageSize 8)"), demo.out());
        assertTrue(
                demo.out().contains("1 for the sign-in, 0 for the pull"),
                "the pull uses the access token of the code " + "redemption: " + demo.out());

        // a second run in the same home: the sandbox is new, so the stored sign-in is refused and a user signs in again
        Cli again = cli("demo", "--grant", "authorization_code", "--items", "20", "--page-size", "8");
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(
                again.out().contains("the stored sign-in no longer works")
                        && again.out().contains("sign-in: CONNECTED"),
                again.out());
        assertEquals(demo.subscriptionId(), again.subscriptionId());

        Cli wrong = cli("demo", "--grant", "password");
        assertEquals(ExitCodes.BAD_INPUT, wrong.exitCode());
        assertTrue(wrong.err().contains("--grant must be client_credentials or authorization_code"), wrong.err());
    }

    @Test
    void anExpiredCertificateIsRefusedAtSubscribeNamingTheSetting(@TempDir Path folder) throws Exception {
        TestCertificates expired = TestCertificates.expired(folder);
        Map<String, Object> raw = settings();
        raw.put("clientId", CERTIFICATE_CLIENT_ID);
        raw.put("grantType", "client_certificate");
        raw.put("clientCertificate", expired.pem);
        Path file = settingsFolder.resolve("expired.json");
        Files.writeString(file, JSON.writeValueAsString(raw));
        long tokenRequests = sandbox.stats().tokenRequests();
        Cli refused = cli("subscribe", "dynamics365", "--name", "expired", "--settings", file.toString());
        assertEquals(ExitCodes.BAD_INPUT, refused.exitCode(), refused.err());
        assertEquals(1, refused.errorLines().size(), refused.err());
        assertTrue(refused.err().contains("clientCertificate") && refused.err().contains("expired on"), refused.err());
        assertEquals(
                tokenRequests,
                sandbox.stats().tokenRequests(),
                "Entra is not asked about a certificate known to be expired");
    }

    @Test
    void connectRefusesAConnectionThatNeedsNoUserSignIn() throws Exception {
        Map<String, Object> raw = settings();
        raw.put("clientSecret", SECRET);
        String id = subscribe("app", raw);
        Cli connect = cli("auth", "connect", id);
        assertEquals(ExitCodes.BAD_INPUT, connect.exitCode(), connect.err());
        assertTrue(connect.err().contains("needs no user sign-in"), connect.err());
        assertFalse(
                connect.err().contains("grantType"), "the host names no setting of one connector: " + connect.err());
        Cli status = cli("auth", "status", id);
        assertTrue(status.out().contains(id + ": CONNECTED"), status.out());
    }

    @Test
    void noSecretOrTokenOfAFullFlowAppearsInLogsOutputOrStoreFilesInClear() throws Exception {
        Set<String> secrets =
                new LinkedHashSet<>(List.of(SECRET, WRONG_SECRET, certificate.pkcs12Base64, TestCertificates.PASSWORD));
        String key = certificate.pem.substring(certificate.pem.indexOf("-----BEGIN PRIVATE KEY-----"));
        key.lines().filter(line -> line.length() == 64).limit(5).forEach(secrets::add);

        // a user sign-in: subscribe, sign in, pull, refresh lapses, sign in again, disconnect
        String user = subscribe("user", userSignInSettings());
        secrets.add(connectThroughLoopback(user));
        secrets.addAll(storedTokens(user));
        assertEquals(0, cli("pull", user, "items").exitCode());
        secrets.addAll(storedTokens(user));
        sandbox.faults().revokeRefreshTokens();
        accessTokenLapses(user);
        assertEquals(ExitCodes.AUTHENTICATION, cli("pull", user, "itemVariants").exitCode());
        sandbox.faults().clear();
        secrets.add(connectThroughLoopback(user));
        secrets.addAll(storedTokens(user));
        assertEquals(0, cli("pull", user, "itemVariants").exitCode());
        secrets.addAll(storedTokens(user));
        assertEquals(0, cli("auth", "disconnect", user).exitCode());

        // the app's certificate (PKCS#12 with its password), and a wrong client secret
        Map<String, Object> withCertificate = settings();
        withCertificate.put("clientId", CERTIFICATE_CLIENT_ID);
        withCertificate.put("grantType", "client_certificate");
        withCertificate.put("clientCertificate", certificate.pkcs12Base64);
        withCertificate.put("clientCertificatePassword", TestCertificates.PASSWORD);
        String app = subscribe("certificate", withCertificate);
        assertEquals(0, cli("pull", app, "items").exitCode());
        Map<String, Object> wrong = settings();
        wrong.put("clientSecret", WRONG_SECRET);
        Path wrongFile = settingsFolder.resolve("wrong.json");
        Files.writeString(wrongFile, JSON.writeValueAsString(wrong));
        assertEquals(
                ExitCodes.BAD_INPUT,
                cli("subscribe", "dynamics365", "--name", "wrong", "--settings", wrongFile.toString())
                        .exitCode());

        assertTrue(secrets.size() >= 10, "the flow produced tokens to look for: " + secrets.size());
        List<Path> searched = new ArrayList<>();
        try (Stream<Path> files = Files.walk(home)) {
            files.filter(Files::isRegularFile).forEach(searched::add);
        }
        Path log = home.resolve("harness.log");
        assertTrue(Files.size(log) > 0, "the flow was logged");
        boolean storeSearchable = false;
        for (Path file : searched) {
            String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            // plain settings are stored in clear, so this search would see a secret stored in clear too
            storeSearchable |= file.getFileName().toString().startsWith(Store.FILE_NAME)
                    && content.contains(CERTIFICATE_CLIENT_ID);
            for (String secret : secrets) {
                assertFalse(
                        content.contains(secret), "a secret in clear in " + file + ": " + secret.substring(0, 6) + "…");
            }
        }
        assertTrue(storeSearchable, "the store file was found and read: " + searched);
        String logText = Files.readString(log, StandardCharsets.ISO_8859_1);
        assertFalse(logText.contains("eyJ"), "no JWT (access token or client assertion) in the log");
        for (Cli cli : transcript) {
            for (String secret : secrets) {
                assertFalse(cli.out().contains(secret) || cli.err().contains(secret), "a secret printed by a command");
            }
            assertFalse(cli.out().contains("eyJ") || cli.err().contains("eyJ"), "no JWT printed: " + cli);
        }
    }

    /**
     * Forgets the access token the connector cached for a subscription, as if its life had run out: the connector
     * reuses a valid access token for most of its life, so without this a pull right after a revocation succeeds.
     */
    private void accessTokenLapses(String subscription) {
        try (Store store = Store.open(home)) {
            List<String> cached = store.secretNames(subscription).stream()
                    .filter(name -> name.endsWith("accessToken"))
                    .toList();
            assertFalse(cached.isEmpty(), "an access token is cached for " + subscription);
            cached.forEach(name -> store.deleteSecret(subscription, name));
        }
    }

    /** The refresh and access tokens the harness holds for a subscription, decrypted the way the harness does. */
    private List<String> storedTokens(String subscription) {
        try (Store store = Store.open(home)) {
            EncryptedSecretStore secrets = new EncryptedSecretStore(
                    store,
                    new SecretCipher(MasterKey.existing(home, System.getenv(MasterKey.ENVIRONMENT_VARIABLE))
                            .orElseThrow()),
                    subscription);
            List<String> tokens = new ArrayList<>();
            for (String name : secrets.names()) {
                if (!name.startsWith("setting:")) {
                    secrets.get(name).ifPresent(token -> tokens.add(token.reveal()));
                }
            }
            assertFalse(tokens.isEmpty(), "tokens are stored for " + subscription);
            return tokens;
        }
    }
}
