package io.ipaas.connector.testkit;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ipaas.connector.api.Connector;
import io.ipaas.connector.api.ConnectorFactory;
import io.ipaas.connector.api.DefaultMapping;
import io.ipaas.connector.api.auth.AuthState;
import io.ipaas.connector.api.auth.AuthStatus;
import io.ipaas.connector.api.auth.AuthStrategy;
import io.ipaas.connector.api.auth.AuthorizationCallback;
import io.ipaas.connector.api.auth.AuthorizationStart;
import io.ipaas.connector.api.entity.EntityAdapter;
import io.ipaas.connector.api.entity.EntityDescriptor;
import io.ipaas.connector.api.entity.Record;
import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.api.error.ErrorKind;
import io.ipaas.connector.api.poll.PollSource;
import io.ipaas.connector.api.settings.SettingDefinition;
import io.ipaas.connector.api.settings.SettingProblem;
import io.ipaas.connector.api.settings.Settings;
import io.ipaas.connector.api.settings.SettingsProfile;
import io.ipaas.connector.api.settings.SettingsSpec;
import io.ipaas.connector.api.state.Secret;
import io.ipaas.mappings.MappingDocument;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract every connector passes. A connector's test extends this class, names its factory and a
 * {@link ContractBackend}, and inherits every check: settings schema and validation, default mappings,
 * connection check, authentication (status, disconnect, interactive sign-in), complete and duplicate-free pulls, crash-safe resumption, and secret hygiene.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ConnectorContractTest {
    /** A loopback redirect URI nothing listens on: the suite reads the redirect instead of following it. */
    private static final URI REDIRECT = URI.create("http://127.0.0.1:9/callback");

    private ContractBackend backend;

    /** The factory under test, constructed as the host would (no-arg). */
    protected abstract ConnectorFactory factory();

    /** Starts the backend the suite runs against. */
    protected abstract ContractBackend startBackend();

    /** Records per poll the suite asks for; small values exercise paging. */
    protected int maxRecordsPerPoll() {
        return 50;
    }

    @BeforeAll
    final void startContractBackend() {
        backend = startBackend();
    }

    @AfterAll
    final void stopContractBackend() {
        if (backend != null) {
            backend.close();
        }
    }

    protected final ContractBackend backend() {
        return backend;
    }

    // --- settings -------------------------------------------------------------------------------------

    @Test
    void settingsSchemaIsValidJsonSchema202012() {
        Map<String, Object> schema =
                factory().settings().toJsonSchema(factory().info().displayName());
        List<String> problems = JsonSchemas.metaValidate(schema);
        assertTrue(problems.isEmpty(), "settings schema fails meta-validation: " + problems);
        assertTrue(
                JsonSchemas.validate(schema, backend.validSettings()).isEmpty(),
                "the backend's valid settings fail the exported schema: "
                        + JsonSchemas.validate(schema, backend.validSettings()));
    }

    @Test
    void everySettingHasATitleAndADescriptionOfItsOwn() {
        for (SettingDefinition definition : factory().settings().definitions()) {
            assertAll(
                    definition.key(),
                    () -> assertFalse(definition.title().isBlank(), "title"),
                    () -> assertTrue(definition.description().length() >= 20, "description too short to help anyone"),
                    () -> assertNotEquals(
                            definition.title(), definition.description(), "description repeats the title"));
        }
    }

    @Test
    void defaultsAndEveryProfilePassValidation() {
        SettingsSpec spec = factory().settings();
        for (SettingDefinition definition : spec.definitions()) {
            definition.defaultValue().ifPresent(value -> {
                Map<String, Object> settings = new LinkedHashMap<>(backend.validSettings());
                settings.put(definition.key(), value);
                assertEquals(List.of(), spec.validate(settings), "default of " + definition.key());
            });
        }
        for (SettingsProfile profile : spec.profiles()) {
            Map<String, Object> settings = new LinkedHashMap<>(backend.validSettings());
            settings.putAll(profile.values());
            List<SettingProblem> problems = factory().validateAll(settings);
            assertEquals(List.of(), problems, "profile " + profile.name());
        }
    }

    @Test
    void schemaAndJavaValidatorAgreeOnGoodAndBadSettings() {
        SettingsSpec spec = factory().settings();
        Map<String, Object> schema = spec.toJsonSchema("settings");
        Map<String, Object> good = backend.validSettings();
        assertEquals(List.of(), spec.validate(good));
        assertTrue(JsonSchemas.validate(schema, good).isEmpty());

        Map<String, Object> typo = new LinkedHashMap<>(good);
        typo.put("definitelyNotASetting", "x");
        assertFalse(spec.validate(typo).isEmpty(), "java validator accepted an unknown key");
        assertFalse(JsonSchemas.validate(schema, typo).isEmpty(), "schema accepted an unknown key");

        for (SettingDefinition definition : spec.definitions()) {
            if (definition.required() && definition.defaultValue().isEmpty()) {
                Map<String, Object> missing = new LinkedHashMap<>(good);
                missing.remove(definition.key());
                assertTrue(
                        spec.validate(missing).stream().anyMatch(p -> p.key().equals(definition.key())),
                        "missing " + definition.key() + " not reported by name");
                assertFalse(
                        JsonSchemas.validate(schema, missing).isEmpty(), "schema accepted missing " + definition.key());
            }
        }
    }

    @Test
    void unknownSettingIsReportedByNameWithASuggestion() {
        SettingsSpec spec = factory().settings();
        String real = spec.definitions().get(spec.definitions().size() / 2).key();
        String typo = real.substring(0, real.length() - 1);
        Map<String, Object> settings = new LinkedHashMap<>(backend.validSettings());
        settings.put(typo, settings.getOrDefault(real, "x"));
        List<SettingProblem> problems = spec.validate(settings);
        assertTrue(
                problems.stream()
                        .anyMatch(p -> p.key().equals(typo) && p.message().contains(real)),
                "expected a problem for " + typo + " suggesting " + real + ", got " + problems);
    }

    @Test
    void secretsAreMaskedWhenSettingsArePrinted() {
        Settings settings = factory().settings().parse(backend.validSettings());
        for (String secret : secretValues()) {
            assertFalse(settings.toString().contains(secret), "Settings.toString() shows a secret");
            assertFalse(settings.nonSecretValues().toString().contains(secret), "nonSecretValues() holds a secret");
        }
    }

    // --- default mappings -----------------------------------------------------------------------------

    @Test
    void defaultMappingsValidateAndNameDeclaredEntities() {
        Set<String> entities =
                factory().info().entities().stream().map(EntityDescriptor::name).collect(Collectors.toSet());
        List<DefaultMapping> mappings = factory().defaultMappings();
        assertFalse(mappings.isEmpty(), "connector ships no default mappings");
        Set<String> names = new HashSet<>();
        for (DefaultMapping mapping : mappings) {
            assertTrue(names.add(mapping.name()), "default mapping name used twice: " + mapping.name());
            MappingDocument document = MappingDocument.parse(mapping.json());
            document.collections()
                    .forEach(collection -> assertTrue(
                            entities.contains(collection.entity()),
                            mapping.name() + " maps undeclared entity " + collection.entity()));
        }
    }

    // --- connection -----------------------------------------------------------------------------------

    @Test
    void checkSucceedsWithValidSettings() {
        try (Connector connector = open(backend.validSettings(), TestConnectorContext.create())) {
            assertFalse(connector.check().message().isBlank());
        }
    }

    @Test
    void wrongCredentialsAreClassifiedAndNameASetting() {
        try (Connector connector = open(backend.settingsWithWrongCredentials(), TestConnectorContext.create())) {
            ConnectorException e = assertThrows(ConnectorException.class, connector::check);
            assertTrue(e.kind() == ErrorKind.CONFIGURATION || e.kind() == ErrorKind.AUTHENTICATION, "kind " + e.kind());
            assertTrue(e.settingKey().isPresent(), "no setting named in: " + e.getMessage());
        }
    }

    @Test
    void openedEntitiesAreDeclaredInInfo() {
        Set<String> declared =
                factory().info().entities().stream().map(EntityDescriptor::name).collect(Collectors.toSet());
        try (Connector connector = open(backend.validSettings(), TestConnectorContext.create())) {
            for (EntityAdapter adapter : connector.entities()) {
                assertTrue(
                        declared.contains(adapter.descriptor().name()),
                        adapter.descriptor().name());
            }
        }
    }

    // --- authentication -------------------------------------------------------------------------------

    @Test
    void authKindInUseIsDeclaredInInfoAndStatusNeedsNoNetwork() {
        try (Connector connector = open(backend.validSettings(), TestConnectorContext.create())) {
            AuthStrategy auth = connector.auth();
            assertTrue(
                    factory().info().authKinds().contains(auth.kind()), auth.kind() + " is not in info().authKinds()");
            AuthStatus status = auth.status();
            assertFalse(status.message().isBlank(), "a status tells the user something");
        }
    }

    @Test
    void nonInteractiveKindsRefuseTheInteractiveSteps() {
        try (Connector connector = open(backend.validSettings(), TestConnectorContext.create())) {
            AuthStrategy auth = connector.auth();
            assumeTrue(!auth.kind().interactive(), "the valid settings sign in interactively");
            PkcePair pkce = PkcePair.random();
            ConnectorException start = assertThrows(
                    ConnectorException.class,
                    () -> auth.authorizationUrl(
                            new AuthorizationStart(REDIRECT, "contract-state", Optional.of(pkce.challenge()))));
            assertEquals(ErrorKind.UNSUPPORTED, start.kind());
            ConnectorException complete = assertThrows(
                    ConnectorException.class,
                    () -> auth.completeAuthorization(new AuthorizationCallback(
                            REDIRECT,
                            Map.of("code", "c", "state", "contract-state"),
                            Optional.of(Secret.of(pkce.verifier())))));
            assertEquals(ErrorKind.UNSUPPORTED, complete.kind());
        }
    }

    @Test
    void disconnectIsIdempotentAndANonInteractiveConnectionSignsInAgainByItself() {
        TestConnectorContext context = TestConnectorContext.create();
        try (Connector connector = open(backend.validSettings(), context)) {
            assumeTrue(!connector.auth().kind().interactive(), "the valid settings sign in interactively");
            connector.check();
            connector.auth().disconnect();
            connector.auth().disconnect();
            assertFalse(connector.check().message().isBlank(), "after disconnect the next request gets a new token");
        }
    }

    @Test
    void interactiveSignInCarriesStateAndChallengeStoresTokensAndDisconnectForgetsThem() {
        TestConnectorContext context = TestConnectorContext.create();
        try (Connector connector = open(interactiveSettingsOrSkip(), context)) {
            AuthStrategy auth = connector.auth();
            assertTrue(auth.kind().interactive(), auth.kind() + " is not an interactive kind");
            assertEquals(AuthState.NOT_CONNECTED, auth.status().state());
            ConnectorException early = assertThrows(ConnectorException.class, connector::check);
            assertEquals(ErrorKind.AUTHENTICATION, early.kind(), "before the sign-in a check asks for one");

            PkcePair pkce = PkcePair.random();
            String state = "contract-" + pkce.verifier().substring(0, 8);
            URI url = auth.authorizationUrl(new AuthorizationStart(REDIRECT, state, Optional.of(pkce.challenge())));
            Map<String, String> query = BrowserSignIn.query(url);
            assertTrue(query.containsValue(state), "the authorize URL carries the state: " + url);
            assertTrue(query.containsValue(pkce.challenge()), "the authorize URL carries the PKCE challenge: " + url);
            assertTrue(query.containsValue(REDIRECT.toString()), "the authorize URL carries the redirect URI: " + url);

            Map<String, String> callback = BrowserSignIn.callbackOf(url);
            assertEquals(state, callback.get("state"), "the provider echoes the state");
            AuthStatus status = auth.completeAuthorization(
                    new AuthorizationCallback(REDIRECT, callback, Optional.of(Secret.of(pkce.verifier()))));
            assertEquals(AuthState.CONNECTED, status.state());
            assertEquals(AuthState.CONNECTED, auth.status().state());
            assertFalse(connector.check().message().isBlank());
            assertFalse(context.secretStore().everStored().isEmpty(), "tokens are kept in the host's secret store");

            auth.disconnect();
            auth.disconnect();
            assertEquals(AuthState.NOT_CONNECTED, auth.status().state());
            assertEquals(
                    ErrorKind.AUTHENTICATION,
                    assertThrows(ConnectorException.class, connector::check).kind(),
                    "after disconnect a new sign-in is needed");
        }
        for (String line : context.logger().lines()) {
            for (String secret : context.secretStore().everStored()) {
                assertFalse(line.contains(secret), "a token leaked into the log: " + line);
            }
        }
    }

    @Test
    void interactiveSignInWithTheWrongVerifierOrARefusalIsAnAuthenticationError() {
        TestConnectorContext context = TestConnectorContext.create();
        try (Connector connector = open(interactiveSettingsOrSkip(), context)) {
            AuthStrategy auth = connector.auth();
            PkcePair pkce = PkcePair.random();
            Map<String, String> callback = BrowserSignIn.callbackOf(auth.authorizationUrl(
                    new AuthorizationStart(REDIRECT, "contract-wrong-verifier", Optional.of(pkce.challenge()))));
            ConnectorException wrongVerifier = assertThrows(
                    ConnectorException.class,
                    () -> auth.completeAuthorization(new AuthorizationCallback(
                            REDIRECT,
                            callback,
                            Optional.of(Secret.of(PkcePair.random().verifier())))));
            assertEquals(ErrorKind.AUTHENTICATION, wrongVerifier.kind());
            assertEquals(AuthState.NOT_CONNECTED, auth.status().state(), "a failed sign-in stores nothing");

            String reason = "the user declined to consent";
            ConnectorException refused = assertThrows(
                    ConnectorException.class,
                    () -> auth.completeAuthorization(new AuthorizationCallback(
                            REDIRECT,
                            Map.of("error", "access_denied", "error_description", reason, "state", "contract-refused"),
                            Optional.of(Secret.of(pkce.verifier())))));
            assertEquals(ErrorKind.AUTHENTICATION, refused.kind());
            assertTrue(
                    refused.getMessage().contains(reason),
                    "the provider's reason reaches the user: " + refused.getMessage());
        }
    }

    // --- pulls ----------------------------------------------------------------------------------------

    @Test
    void fullPullIsCompleteAndDuplicateFree() {
        try (Connector connector = open(backend.validSettings(), TestConnectorContext.create())) {
            for (Map.Entry<String, Set<String>> expected :
                    backend.expectedKeys().entrySet()) {
                HostLoop loop = new HostLoop(pollSource(connector, expected.getKey()), maxRecordsPerPoll());
                Map<String, Integer> seen = new HashMap<>();
                loop.drain(records -> records.forEach(r -> seen.merge(r.key(), 1, Integer::sum)));
                List<String> duplicates = seen.entrySet().stream()
                        .filter(e -> e.getValue() > 1)
                        .map(Map.Entry::getKey)
                        .toList();
                assertEquals(List.of(), duplicates, expected.getKey() + " delivered records twice in one full pull");
                assertEquals(
                        expected.getValue(),
                        seen.keySet(),
                        expected.getKey() + " pull is incomplete or has extra keys");
                assertTrue(
                        loop.batches() > 1 || expected.getValue().size() <= maxRecordsPerPoll(),
                        "expected paging for " + expected.getKey());
            }
        }
    }

    @Test
    void pullResumedAfterACrashBeforeEachCommitLosesNothing() {
        try (Connector connector = open(backend.validSettings(), TestConnectorContext.create())) {
            for (Map.Entry<String, Set<String>> expected :
                    backend.expectedKeys().entrySet()) {
                PollSource source = pollSource(connector, expected.getKey());
                Set<String> stored = new HashSet<>();
                HostLoop loop = new HostLoop(source, maxRecordsPerPoll());
                // a crash after storing but before committing repeats the batch: duplicates allowed, gaps not
                loop.pollWithoutCommit().forEach(r -> stored.add(r.key()));
                loop.drain(records -> records.forEach(r -> stored.add(r.key())));
                assertEquals(expected.getValue(), stored, expected.getKey());
            }
        }
    }

    @Test
    void checkpointsAreJsonCompatible() {
        try (Connector connector = open(backend.validSettings(), TestConnectorContext.create())) {
            String entity = backend.expectedKeys().keySet().iterator().next();
            HostLoop loop = new HostLoop(pollSource(connector, entity), maxRecordsPerPoll());
            loop.drain(records -> {});
            assertJsonCompatible(loop.committed().values(), "checkpoint");
            assertTrue(loop.committed().format() > 0, "a committed checkpoint must carry a format number");
        }
    }

    // --- hygiene --------------------------------------------------------------------------------------

    @Test
    void noSecretAppearsInLogsOrErrorMessages() {
        TestConnectorContext context = TestConnectorContext.create();
        List<String> texts = new ArrayList<>();
        try (Connector connector = open(backend.validSettings(), context)) {
            connector.check();
            String entity = backend.expectedKeys().keySet().iterator().next();
            new HostLoop(pollSource(connector, entity), maxRecordsPerPoll()).drain(records -> {});
            texts.add(connector.auth().status().toString());
            texts.add(connector.metrics().toString());
        }
        try (Connector connector = open(backend.settingsWithWrongCredentials(), context)) {
            texts.add(assertThrows(ConnectorException.class, connector::check).getMessage());
        }
        texts.addAll(context.logger().lines());
        List<String> secrets = new ArrayList<>(secretValues());
        secrets.addAll(context.secretStore().everStored());
        for (String secret : secrets) {
            for (String text : texts) {
                assertFalse(text.contains(secret), "a secret value leaked into: " + text);
            }
        }
    }

    @Test
    void closeIsIdempotent() {
        Connector connector = open(backend.validSettings(), TestConnectorContext.create());
        connector.close();
        connector.close();
    }

    // --- helpers --------------------------------------------------------------------------------------

    private Map<String, Object> interactiveSettingsOrSkip() {
        Optional<Map<String, Object>> raw = backend.interactiveSettings();
        assumeTrue(raw.isPresent(), "no interactive sign-in offered");
        return raw.get();
    }

    protected final Connector open(Map<String, Object> raw, TestConnectorContext context) {
        ConnectorFactory factory = factory();
        Settings settings = factory.settings().parse(raw);
        List<SettingProblem> problems = factory.validate(settings);
        if (!problems.isEmpty()) {
            fail("backend settings fail cross-field validation: " + problems);
        }
        return factory.open(settings, context);
    }

    protected static PollSource pollSource(Connector connector, String entity) {
        return connector
                .entity(entity)
                .pollSource()
                .orElseThrow(() -> new AssertionError(entity + " offers no poll source"));
    }

    private List<String> secretValues() {
        List<String> secrets = new ArrayList<>();
        for (SettingDefinition definition : factory().settings().definitions()) {
            if (definition.secret()) {
                for (Map<String, Object> settings :
                        List.of(backend.validSettings(), backend.settingsWithWrongCredentials())) {
                    if (settings.get(definition.key()) instanceof String value && value.length() >= 4) {
                        secrets.add(value);
                    }
                }
            }
        }
        return secrets;
    }

    private static void assertJsonCompatible(Object value, String path) {
        if (value == null
                || value instanceof String
                || value instanceof Boolean
                || value instanceof Integer
                || value instanceof Long
                || value instanceof BigDecimal
                || value instanceof Double) {
            return;
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                assertJsonCompatible(list.get(i), path + "[" + i + "]");
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                assertTrue(k instanceof String, path + " has a non-string key");
                assertJsonCompatible(v, path + "." + k);
            });
            return;
        }
        fail(path + " holds a " + value.getClass().getName() + ", which is not JSON-compatible");
    }

    /** Keys of the given records, for subclasses' own assertions. */
    protected static Set<String> keys(List<Record> records) {
        return records.stream().map(Record::key).collect(Collectors.toSet());
    }
}
