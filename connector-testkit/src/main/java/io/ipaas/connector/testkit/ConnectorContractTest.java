package io.ipaas.connector.testkit;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
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
import io.ipaas.connector.api.WorkUnit;
import io.ipaas.connector.api.auth.AuthState;
import io.ipaas.connector.api.auth.AuthStatus;
import io.ipaas.connector.api.auth.AuthStrategy;
import io.ipaas.connector.api.auth.AuthorizationCallback;
import io.ipaas.connector.api.auth.AuthorizationStart;
import io.ipaas.connector.api.entity.EntityAdapter;
import io.ipaas.connector.api.entity.EntityDescriptor;
import io.ipaas.connector.api.entity.EntityWriter;
import io.ipaas.connector.api.entity.Operation;
import io.ipaas.connector.api.entity.OutboundRecord;
import io.ipaas.connector.api.entity.Record;
import io.ipaas.connector.api.entity.WriteOutcome;
import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.api.error.ErrorKind;
import io.ipaas.connector.api.poll.PollSource;
import io.ipaas.connector.api.poll.RejectedRecord;
import io.ipaas.connector.api.settings.SettingDefinition;
import io.ipaas.connector.api.settings.SettingProblem;
import io.ipaas.connector.api.settings.Settings;
import io.ipaas.connector.api.settings.SettingsProfile;
import io.ipaas.connector.api.settings.SettingsSpec;
import io.ipaas.connector.api.state.Secret;
import io.ipaas.connector.api.webhook.Subscription;
import io.ipaas.connector.api.webhook.WebhookRequest;
import io.ipaas.connector.api.webhook.WebhookResponse;
import io.ipaas.connector.api.webhook.WebhookSink;
import io.ipaas.mappings.MappingDocument;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract every connector passes. A connector's test extends this class, names its factory and a
 * {@link ContractBackend}, and inherits every check: settings schema and validation, default mappings,
 * connection check, authentication (status, disconnect, interactive sign-in), no network I/O in {@code open()} and
 * {@code auth().status()}, complete, bounded and duplicate-free pulls, resumption by a restarted host after a crash
 * at every commit point, checkpoints through the host's JSON store, incremental syncs, an unreadable record rejected
 * while the rest arrives, throttled and unavailable polls reported as TRANSIENT and recovered from without loss,
 * idempotent writes where one bad record fails alone, webhook validation, and secret hygiene.
 *
 * <p>Cases that need something the connector or the {@link ContractBackend} does not offer (default mappings,
 * credentials, a writer, webhooks, request counting, record changes, unreadable records, failing requests) are
 * skipped with a reason naming it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ConnectorContractTest {
    /** A loopback redirect URI nothing listens on: the suite reads the redirect instead of following it. */
    private static final URI REDIRECT = URI.create("http://127.0.0.1:9/callback");
    /** Where the host would receive notifications; nothing is sent there by the kit. */
    private static final URI NOTIFICATION_URL = URI.create("https://host.invalid/webhooks/contract");
    /** An odd batch size that is unlikely to be a connector's own page size. */
    private static final int SMALL_BATCH = 7;
    /** Polls in a row the transient-failure case has throttled, so a retry that fails again is covered too. */
    private static final int THROTTLED_POLLS = 2;
    /** The Retry-After the case asks for; distinct from common defaults (1 s) so a made-up wait is noticed. */
    private static final Duration THROTTLE_WAIT = Duration.ofSeconds(2);

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

    /** The backend {@link #startBackend()} returned, for subclasses' own cases. */
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
        assumeTrue(!mappings.isEmpty(), "the connector ships no default mappings");
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
        try (Connector connector = open(wrongCredentialsOrSkip(), TestConnectorContext.create())) {
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

    @Test
    void workUnitsAreUniqueAndTheFirstScopeKeepsEntityNames() {
        try (Connector connector = open(backend.validSettings(), TestConnectorContext.create())) {
            List<String> scopes = connector.scopes();
            assertFalse(scopes.isEmpty(), "scopes() lists at least one scope");
            Set<String> ids = new HashSet<>();
            for (WorkUnit unit : connector.workUnits()) {
                assertTrue(ids.add(unit.id()), "two work units share the id " + unit.id());
                assertEquals(unit, connector.workUnit(unit.id()));
                assertEquals(unit.entity(), connector.entity(unit).descriptor().name());
            }
            for (EntityAdapter adapter : connector.entities()) {
                String name = adapter.descriptor().name();
                assertEquals(name, connector.workUnit(name).id(), "the first scope's unit of " + name);
            }
            ConnectorException e = assertThrows(
                    ConnectorException.class, () -> connector.entities("no such scope " + UUID.randomUUID()));
            assertEquals(ErrorKind.UNSUPPORTED, e.kind());
        }
    }

    @Test
    void eachScopeReadsItsOwnRecords() {
        Map<String, Object> settings = backend.settingsWithScopes().orElse(null);
        assumeTrue(settings != null, "the connector has one scope");
        try (Connector connector = open(settings, TestConnectorContext.create())) {
            List<String> scopes = connector.scopes();
            assertTrue(scopes.size() > 1, "settingsWithScopes() gives more than one scope: " + scopes);
            // an entity of the second scope: entities that are not scoped live in the first only
            String entity = connector.entities(scopes.get(1)).stream()
                    .filter(a -> a.pollSource().isPresent())
                    .findFirst()
                    .orElseThrow()
                    .descriptor()
                    .name();
            Map<String, Set<String>> keys = new LinkedHashMap<>();
            for (String scope : scopes) {
                WorkUnit unit = connector.workUnits().stream()
                        .filter(u -> u.scope().equals(scope) && u.entity().equals(entity))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("scope " + scope + " has no unit of " + entity));
                List<Record> records =
                        new HostLoop(connector.entity(unit).pollSource().orElseThrow(), 1_000).drain(batch -> {});
                keys.put(scope, records.stream().map(Record::key).collect(Collectors.toSet()));
            }
            assertEquals(scopes.size(), new HashSet<>(keys.values()).size(), "each scope reads its own " + entity);
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
            if (!auth.kind().interactive()) {
                assertEquals(
                        AuthState.CONNECTED,
                        status.state(),
                        "configured " + auth.kind() + " credentials are CONNECTED until refused: " + status);
            }
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
            assertNotConnectedWithAHint(auth.status(), "before the sign-in");
            ConnectorException early = assertThrows(ConnectorException.class, connector::check);
            assertEquals(ErrorKind.AUTHENTICATION, early.kind(), "before the sign-in a check asks for one");

            // the host makes a PKCE pair only for a strategy that asks for one
            Optional<PkcePair> pkce = auth.usesPkce() ? Optional.of(PkcePair.random()) : Optional.empty();
            String state = "contract-" + PkcePair.random().verifier().substring(0, 8);
            URI url = auth.authorizationUrl(new AuthorizationStart(REDIRECT, state, pkce.map(PkcePair::challenge)));
            Map<String, String> query = BrowserSignIn.query(url);
            assertTrue(query.containsValue(state), "the authorize URL carries the state: " + url);
            assertTrue(query.containsValue(REDIRECT.toString()), "the authorize URL carries the redirect URI: " + url);
            if (pkce.isPresent()) {
                assertTrue(
                        query.containsValue(pkce.get().challenge()),
                        "the authorize URL carries the PKCE challenge: " + url);
                assertEquals("S256", query.get("code_challenge_method"), "the PKCE method: " + url);
            } else {
                assertFalse(
                        query.containsKey("code_challenge"),
                        "a strategy without PKCE sends no challenge the host did not make: " + url);
            }

            Map<String, String> callback = BrowserSignIn.callbackOf(url);
            assertEquals(state, callback.get("state"), "the provider echoes the state");
            AuthStatus status = auth.completeAuthorization(
                    new AuthorizationCallback(REDIRECT, callback, pkce.map(pair -> Secret.of(pair.verifier()))));
            assertEquals(AuthState.CONNECTED, status.state());
            assertEquals(AuthState.CONNECTED, auth.status().state());
            assertFalse(connector.check().message().isBlank());
            assertFalse(context.secretStore().everStored().isEmpty(), "tokens are kept in the host's secret store");

            auth.disconnect();
            auth.disconnect();
            assertNotConnectedWithAHint(auth.status(), "after disconnect");
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
    void interactiveSignInWithTheWrongPkceVerifierIsAnAuthenticationError() {
        TestConnectorContext context = TestConnectorContext.create();
        try (Connector connector = open(interactiveSettingsOrSkip(), context)) {
            AuthStrategy auth = connector.auth();
            assumeTrue(auth.usesPkce(), auth.kind() + " signs in without PKCE (AuthStrategy.usesPkce)");
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
        }
    }

    @Test
    void interactiveSignInRefusedByTheUserIsAnAuthenticationErrorWithTheProvidersReason() {
        TestConnectorContext context = TestConnectorContext.create();
        try (Connector connector = open(interactiveSettingsOrSkip(), context)) {
            AuthStrategy auth = connector.auth();
            Optional<Secret> verifier =
                    auth.usesPkce() ? Optional.of(Secret.of(PkcePair.random().verifier())) : Optional.empty();
            String reason = "the user declined to consent";
            ConnectorException refused = assertThrows(
                    ConnectorException.class,
                    () -> auth.completeAuthorization(new AuthorizationCallback(
                            REDIRECT,
                            Map.of("error", "access_denied", "error_description", reason, "state", "contract-refused"),
                            verifier)));
            assertEquals(ErrorKind.AUTHENTICATION, refused.kind());
            assertTrue(
                    refused.getMessage().contains(reason),
                    "the provider's reason reaches the user: " + refused.getMessage());
            assertNotConnectedWithAHint(auth.status(), "after a refused sign-in");
        }
    }

    // --- network --------------------------------------------------------------------------------------

    @Test
    void openAndAuthStatusMakeNoRequests() {
        long before = requestsOrSkip();
        Connector connector = open(backend.validSettings(), TestConnectorContext.create());
        try {
            assertNoRequestsSince(before, "open()");
            long beforeStatus = backend.requests().getAsLong();
            connector.auth().status();
            assertNoRequestsSince(beforeStatus, "auth().status() before any request");
            connector.check();
            long afterCheck = backend.requests().getAsLong();
            connector.auth().status();
            assertNoRequestsSince(afterCheck, "auth().status() after check()");
        } finally {
            connector.close();
        }
    }

    // --- pulls ----------------------------------------------------------------------------------------

    @Test
    void fullPullIsCompleteAndDuplicateFree() {
        try (Connector connector = open(backend.validSettings(), TestConnectorContext.create())) {
            for (Map.Entry<String, Set<String>> expected :
                    backend.expectedKeys().entrySet()) {
                String entity = expected.getKey();
                HostLoop loop = loop(connector, entity, maxRecordsPerPoll());
                List<Record> records = loop.drain(batch -> {});
                Map<String, Integer> seen = new HashMap<>();
                records.forEach(r -> seen.merge(r.key(), 1, Integer::sum));
                List<String> duplicates = seen.entrySet().stream()
                        .filter(e -> e.getValue() > 1)
                        .map(Map.Entry::getKey)
                        .toList();
                assertEquals(List.of(), duplicates, entity + " delivered records twice in one full pull");
                assertSameKeys(expected.getValue(), present(records, loop), entity + " full pull");
                assertTrue(
                        loop.batches() > 1 || expected.getValue().size() <= maxRecordsPerPoll(),
                        "expected paging for " + entity);
            }
        }
    }

    @Test
    void everyBatchHoldsAtMostMaxRecords() {
        try (Connector connector = open(backend.validSettings(), TestConnectorContext.create())) {
            for (Map.Entry<String, Set<String>> expected :
                    backend.expectedKeys().entrySet()) {
                // an odd size that is unlikely to be the connector's own page size
                HostLoop loop = loop(connector, expected.getKey(), SMALL_BATCH);
                assertSameKeys(
                        expected.getValue(),
                        present(loop.drain(batch -> {}), loop),
                        expected.getKey() + " pull in batches of " + SMALL_BATCH);
            }
        }
    }

    @Test
    void streamedAndPlainPollsReturnTheSameBatches() {
        try (Connector connector = open(backend.validSettings(), TestConnectorContext.create())) {
            for (String entity : backend.expectedKeys().keySet()) {
                // the harness polls through stream(); a connector that overrides it must agree with poll()
                HostLoop streamed = loop(connector, entity, SMALL_BATCH);
                HostLoop plain = loop(connector, entity, SMALL_BATCH).plain();
                List<String> streamedKeys = new ArrayList<>();
                List<String> plainKeys = new ArrayList<>();
                boolean more = true;
                int batch = 0;
                while (more) {
                    batch++;
                    more = streamed.pollAndCommit(records -> records.forEach(r -> streamedKeys.add(r.key())));
                    boolean plainMore = plain.pollAndCommit(records -> records.forEach(r -> plainKeys.add(r.key())));
                    assertEquals(
                            plainKeys,
                            streamedKeys,
                            entity + " batch " + batch + ": stream() returned other records than poll()");
                    assertEquals(
                            plainMore, more, entity + " batch " + batch + ": stream() and poll() disagree on hasMore");
                    assertTrue(batch <= 10_000, entity + ": the sync had not ended after 10,000 polls");
                }
            }
        }
    }

    @Test
    void recordsNameTheirEntityCarryTheirKeyAndHoldOnlyJsonValues() {
        try (Connector connector = open(backend.validSettings(), TestConnectorContext.create())) {
            for (String entity : backend.expectedKeys().keySet()) {
                // the loop checks entity, key field and JSON values of every record it is handed
                List<Record> records =
                        loop(connector, entity, maxRecordsPerPoll()).drain(batch -> {});
                for (Record record : records) {
                    record.version()
                            .ifPresent(v -> assertFalse(v.isBlank(), entity + " record " + record.key() + " version"));
                }
            }
        }
    }

    @Test
    void pullResumedByARestartedHostAfterACrashAtEveryCommitPointLosesNothing() {
        TestConnectorContext context = TestConnectorContext.create();
        for (Map.Entry<String, Set<String>> expected : backend.expectedKeys().entrySet()) {
            String entity = expected.getKey();
            int batches;
            try (Connector connector = open(backend.validSettings(), context)) {
                HostLoop clean = loop(connector, entity, maxRecordsPerPoll());
                clean.drain(batch -> {});
                batches = clean.batches();
            }
            for (int crashAt = 0; crashAt < batches; crashAt++) {
                List<Record> stored = new ArrayList<>();
                HostLoop loop;
                try (Connector first = open(backend.validSettings(), context)) {
                    loop = loop(first, entity, maxRecordsPerPoll());
                    boolean more = true;
                    for (int i = 0; i < crashAt && more; i++) {
                        more = loop.pollAndCommit(stored::addAll);
                    }
                    // the process dies after the poll: nothing of this batch was stored or committed
                    loop.pollWithoutCommit();
                }
                try (Connector restarted = open(backend.validSettings(), context)) {
                    loop.resumeWith(pollSource(restarted, entity));
                    stored.addAll(loop.drain(batch -> {}));
                }
                assertSameKeys(
                        expected.getValue(),
                        present(stored, loop),
                        entity + " resumed by a new connector after a crash before committing batch " + (crashAt + 1)
                                + " of " + batches);
            }
        }
    }

    @Test
    void checkpointsSurviveTheHostsJsonRoundTrip() {
        try (Connector connector = open(backend.validSettings(), TestConnectorContext.create())) {
            for (String entity : backend.expectedKeys().keySet()) {
                // the loop commits every checkpoint through the host's JSON store and polls on from what came back
                HostLoop loop = loop(connector, entity, maxRecordsPerPoll());
                loop.drain(batch -> {});
                assertTrue(
                        loop.committed().format() > 0,
                        entity + ": a completed sync must commit a checkpoint with a format number, got "
                                + loop.committed());
                loop.drain(batch -> {});
            }
        }
    }

    @Test
    void incrementalSyncReturnsTheChangesAndNotTheWholeSet() {
        boolean changedAny = false;
        try (Connector connector = open(backend.validSettings(), TestConnectorContext.create())) {
            for (String entity : List.copyOf(backend.expectedKeys().keySet())) {
                HostLoop loop = loop(connector, entity, maxRecordsPerPoll());
                loop.drain(batch -> {});
                Optional<RecordChanges> change = backend.changeRecords(entity);
                if (change.isEmpty()) {
                    continue;
                }
                changedAny = true;
                RecordChanges changes = change.get();
                Set<String> now = backend.expectedKeys().get(entity);
                List<Record> second = loop.drain(batch -> {});
                Map<String, Operation> last = new HashMap<>();
                second.forEach(r -> last.put(r.key(), r.operation()));
                for (String key : changes.upserted()) {
                    assertEquals(
                            Operation.UPSERT,
                            last.get(key),
                            entity + ": the sync after a change did not deliver changed record " + key);
                }
                for (String key : changes.deleted()) {
                    if (changes.deletesVisible()) {
                        assertEquals(
                                Operation.DELETE,
                                last.get(key),
                                entity + ": the sync after a delete did not report deleted record " + key);
                    } else {
                        assertNotEquals(
                                Operation.UPSERT,
                                last.get(key),
                                entity + ": the sync after a delete delivered deleted record " + key + " as an upsert");
                    }
                }
                if (connector.entity(entity).descriptor().cursorField().isPresent()) {
                    Set<String> unchangedDelivered = new HashSet<>(last.keySet());
                    unchangedDelivered.removeAll(changes.all());
                    int unchanged = now.size() - changes.upserted().size();
                    int allowed = Math.max(2, unchanged / 10);
                    assertTrue(
                            unchangedDelivered.size() <= allowed,
                            entity + ": the sync after " + changes.all().size() + " changes delivered "
                                    + unchangedDelivered.size() + " of " + unchanged + " unchanged records (at most "
                                    + allowed + " allowed); an incremental sync must start from the committed"
                                    + " watermark, not re-read the whole set");
                }
            }
        }
        assumeTrue(changedAny, "the backend changes no records (ContractBackend.changeRecords)");
    }

    @Test
    void anUnreadableRecordIsRejectedAndEveryOtherRecordArrives() {
        boolean servedAny = false;
        try (Connector connector = open(backend.validSettings(), TestConnectorContext.create())) {
            for (String entity : List.copyOf(backend.expectedKeys().keySet())) {
                Optional<UnreadableRecord> served = backend.serveUnreadableRecord(entity);
                if (served.isEmpty()) {
                    continue;
                }
                servedAny = true;
                try (UnreadableRecord bad = served.get()) {
                    String what = entity + " record " + bad.key().orElse("without a key") + " (" + bad.flaw() + ")";
                    HostLoop loop = loop(connector, entity, maxRecordsPerPoll());
                    List<Record> records;
                    try {
                        records = loop.drain(batch -> {});
                    } catch (ConnectorException e) {
                        throw new AssertionError(
                                entity + ": the unreadable " + what + " failed the whole poll (" + e.kind() + ": "
                                        + e.getMessage() + "); report it as a RejectedRecord of its batch and"
                                        + " deliver the rest",
                                e);
                    }
                    Set<String> delivered = upserted(records);
                    bad.key()
                            .ifPresent(key -> assertFalse(
                                    delivered.contains(key),
                                    entity + ": the unreadable " + what + " was delivered as a record"));
                    List<RejectedRecord> rejected = loop.rejected();
                    assertFalse(
                            rejected.isEmpty(),
                            entity + ": the unreadable " + what + " was dropped silently; a record the connector"
                                    + " cannot read is reported in PollBatch.rejected() for the host to quarantine");
                    for (RejectedRecord rejection : rejected) {
                        assertFalse(
                                rejection.reason().isBlank(),
                                entity + ": rejected record " + rejection.key() + " gives no reason");
                    }
                    bad.key()
                            .ifPresent(key -> assertTrue(
                                    rejected.stream().anyMatch(r -> r.key().equals(key)),
                                    entity + ": the rejections "
                                            + rejected.stream()
                                                    .map(RejectedRecord::key)
                                                    .toList()
                                            + " do not name the unreadable record " + key));
                    assertSameKeys(
                            backend.expectedKeys().get(entity),
                            delivered,
                            entity + " full pull past the unreadable " + what);
                }
            }
        }
        assumeTrue(servedAny, "the backend serves no unreadable record (ContractBackend.serveUnreadableRecord)");
    }

    @Test
    void throttledAndUnavailablePollsAreTransientAndPollingAgainLosesNothing() {
        try (Connector connector = open(backend.validSettings(), TestConnectorContext.create())) {
            for (Map.Entry<String, Set<String>> expected :
                    backend.expectedKeys().entrySet()) {
                String entity = expected.getKey();
                HostLoop loop = loop(connector, entity, maxRecordsPerPoll());
                List<Record> stored = new ArrayList<>();
                // fail mid-sync where the entity pages, so "again" means from a committed checkpoint, not the start
                boolean more = loop.pollAndCommit(stored::addAll);
                assumeTrue(
                        backend.failNextRequests(THROTTLED_POLLS, Optional.of(THROTTLE_WAIT)),
                        "the backend cannot fail requests (ContractBackend.failNextRequests)");
                for (int poll = 1; poll <= THROTTLED_POLLS; poll++) {
                    ConnectorException throttled = failedPoll(loop, entity, "429 with Retry-After", poll);
                    Optional<Duration> wait = throttled.retryAfter();
                    assertTrue(
                            wait.isPresent() && wait.get().compareTo(THROTTLE_WAIT) >= 0,
                            entity + ": a 429 with Retry-After " + THROTTLE_WAIT.toSeconds() + " s must reach the host"
                                    + " as retryAfter() of at least that, got " + wait + " (" + throttled.getMessage()
                                    + ")");
                }
                if (more) {
                    more = loop.pollAndCommit(stored::addAll);
                }
                assertTrue(backend.failNextRequests(1, Optional.empty()), "the backend failed requests before");
                unavailableOnce(loop, entity, stored);
                stored.addAll(loop.drain(batch -> {}));
                assertSameKeys(
                        expected.getValue(),
                        present(stored, loop),
                        entity + " sync polled again after " + THROTTLED_POLLS + " throttled polls and a 503");
            }
        }
    }

    // --- writes ---------------------------------------------------------------------------------------

    @Test
    void writesAreIdempotentOnTheIdempotencyKey() {
        try (Connector connector = open(backend.validSettings(), TestConnectorContext.create())) {
            for (WriterFixture fixture : writerFixturesOrSkip(connector)) {
                EntityWriter writer = writer(connector, fixture.entity());
                Optional<Integer> before = count(fixture.entity());
                List<WriteOutcome> first = writer.write(fixture.valid());
                assertAllWritten(fixture.valid(), first, fixture.entity() + " first write");
                // the host's outbox repeats a call whose outcome it did not record before a crash
                List<WriteOutcome> again = writer.write(fixture.valid());
                assertAllWritten(fixture.valid(), again, fixture.entity() + " repeated write");
                for (int i = 0; i < first.size(); i++) {
                    if (first.get(i).remoteKey().isPresent()) {
                        assertEquals(
                                first.get(i).remoteKey(),
                                again.get(i).remoteKey(),
                                fixture.entity() + ": repeating idempotency key "
                                        + fixture.valid().get(i).idempotencyKey() + " wrote another record");
                    }
                }
                before.ifPresent(count -> assertEquals(
                        count + fixture.valid().size(),
                        count(fixture.entity()).orElseThrow(),
                        fixture.entity() + ": writing " + fixture.valid().size()
                                + " records twice must add each once"));
            }
        }
    }

    @Test
    void oneBadRecordFailsAloneInAWrite() {
        try (Connector connector = open(backend.validSettings(), TestConnectorContext.create())) {
            for (WriterFixture fixture : writerFixturesOrSkip(connector)) {
                List<OutboundRecord> mixed = List.of(
                        fixture.valid().get(0), fixture.bad(), fixture.valid().get(1));
                List<WriteOutcome> outcomes;
                try {
                    outcomes = writer(connector, fixture.entity()).write(mixed);
                } catch (ConnectorException e) {
                    throw new AssertionError(
                            fixture.entity() + ": one bad record failed the whole write (" + e.getMessage()
                                    + "); per-record failures are outcomes",
                            e);
                }
                assertOutcomesInOrder(mixed, outcomes, fixture.entity());
                assertTrue(outcomes.get(0).succeeded(), fixture.entity() + ": the good record before the bad one");
                assertTrue(outcomes.get(2).succeeded(), fixture.entity() + ": the good record after the bad one");
                ConnectorException failure = outcomes.get(1)
                        .failure()
                        .orElseThrow(() -> new AssertionError(fixture.entity() + ": the bad record was accepted"));
                assertEquals(ErrorKind.DATA, failure.kind(), fixture.entity() + ": a refused record is a DATA error");
                assertFalse(failure.getMessage().isBlank(), "a refused record says why");
            }
        }
    }

    // --- webhooks -------------------------------------------------------------------------------------

    @Test
    void webhookAcceptsAGenuineNotificationAndRejectsAForgedOne() {
        try (Connector connector = open(backend.validSettings(), TestConnectorContext.create())) {
            WebhookSink sink = webhookSinkOrSkip(connector);
            WebhookFixture fixture = backend.webhookFixture().orElseThrow();
            Subscription subscription =
                    sink.subscribe(fixture.entity(), backend.notificationUrl().orElse(NOTIFICATION_URL));
            WebhookResponse genuine = handle(sink, fixture.validNotification(subscription));
            assertTrue(
                    genuine.status() >= 200 && genuine.status() < 300,
                    "a genuine notification is accepted, got " + genuine.status());
            assertFalse(genuine.notices().isEmpty(), "a genuine notification yields a change notice");
            genuine.notices()
                    .forEach(notice -> assertEquals(fixture.entity(), notice.entity(), "notice entity: " + notice));
            assertRejected(handle(sink, fixture.forgedNotification(subscription)), "a forged notification");
            sink.unsubscribe(subscription);
            sink.unsubscribe(subscription);
        }
    }

    @Test
    void webhookRejectsMalformedRequestsWithoutNotices() {
        try (Connector connector = open(backend.validSettings(), TestConnectorContext.create())) {
            WebhookSink sink = webhookSinkOrSkip(connector);
            WebhookFixture fixture = backend.webhookFixture().orElseThrow();
            Subscription subscription =
                    sink.subscribe(fixture.entity(), backend.notificationUrl().orElse(NOTIFICATION_URL));
            WebhookRequest genuine = fixture.validNotification(subscription);
            byte[] body = genuine.body();
            Map<String, byte[]> malformed = new LinkedHashMap<>();
            malformed.put("an empty body", new byte[0]);
            malformed.put("a truncated body", Arrays.copyOf(body, body.length / 2));
            malformed.put("a body that is not JSON", "<notification/>".getBytes(StandardCharsets.UTF_8));
            malformed.put("a JSON body of the wrong shape", "[42]".getBytes(StandardCharsets.UTF_8));
            malformed.forEach((what, bytes) -> {
                WebhookRequest request = new WebhookRequest(
                        genuine.method(), genuine.headers(), genuine.query(), bytes, genuine.receivedAt());
                WebhookResponse response = assertDoesNotThrow(
                        () -> handle(sink, request), what + " must be answered with an error status, not thrown");
                assertRejected(response, what);
            });
            sink.unsubscribe(subscription);
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
            loop(connector, entity, maxRecordsPerPoll()).drain(records -> {});
            texts.add(connector.auth().status().toString());
            texts.add(connector.metrics().toString());
        }
        Optional<Map<String, Object>> wrong = backend.settingsWithWrongCredentials();
        if (wrong.isPresent()) {
            try (Connector connector = open(wrong.get(), context)) {
                texts.add(
                        assertThrows(ConnectorException.class, connector::check).getMessage());
            }
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

    private static void assertNotConnectedWithAHint(AuthStatus status, String when) {
        assertEquals(AuthState.NOT_CONNECTED, status.state(), when);
        assertTrue(
                status.reconnectHint().filter(hint -> !hint.isBlank()).isPresent(),
                when + " the status tells the user how to connect: " + status);
    }

    private Map<String, Object> wrongCredentialsOrSkip() {
        Optional<Map<String, Object>> raw = backend.settingsWithWrongCredentials();
        assumeTrue(
                raw.isPresent(),
                "the backend offers no wrong credentials (ContractBackend.settingsWithWrongCredentials)");
        return raw.get();
    }

    /** Opens a connector as the host does: parse, cross-field validation, then open. */
    protected final Connector open(Map<String, Object> raw, TestConnectorContext context) {
        ConnectorFactory factory = factory();
        List<SettingProblem> problems = factory.validateAll(raw);
        if (!problems.isEmpty()) {
            fail("the backend's settings fail validation: " + problems);
        }
        return factory.open(factory.settings().parse(raw), context);
    }

    /** The entity's poll source; fails when the connector offers none. */
    protected static PollSource pollSource(Connector connector, String entity) {
        return connector
                .entity(entity)
                .pollSource()
                .orElseThrow(() -> new AssertionError(entity + " offers no poll source"));
    }

    /**
     * A host loop for one entity, bounded to three times the polls its expected records need plus ten, so a sync
     * that never ends fails with what it saw.
     */
    protected final HostLoop loop(Connector connector, String entity, int maxRecords) {
        int expected = backend.expectedKeys().getOrDefault(entity, Set.of()).size();
        int maxPolls = (expected / maxRecords) * 3 + 10;
        return new HostLoop(
                pollSource(connector, entity), connector.entity(entity).descriptor(), maxRecords, maxPolls);
    }

    /**
     * One poll while the backend fails requests: it must throw a TRANSIENT {@link ConnectorException} and commit
     * nothing (the loop commits only batches that came back).
     */
    /**
     * One 503 without Retry-After: the connector either reports it as TRANSIENT or repeats the request itself (a
     * bounded retry with backoff); then the backend must have seen the repeat, and the batch is committed as usual.
     */
    private void unavailableOnce(HostLoop loop, String entity, List<Record> stored) {
        OptionalLong before = backend.requests();
        try {
            loop.pollAndCommit(stored::addAll);
        } catch (ConnectorException e) {
            assertEquals(
                    ErrorKind.TRANSIENT,
                    e.kind(),
                    entity + " poll answered 503 threw " + e.kind() + " (" + e.getMessage() + "); an unavailable"
                            + " remote is TRANSIENT, so the host waits and retries instead of stopping the subscription");
            return;
        }
        OptionalLong after = backend.requests();
        if (before.isPresent() && after.isPresent()) {
            assertTrue(
                    after.getAsLong() - before.getAsLong() >= 2,
                    entity + " poll answered 503 returned normally after " + (after.getAsLong() - before.getAsLong())
                            + " request(s); a connector that swallows a failed request skips data: repeat it or throw"
                            + " a TRANSIENT ConnectorException");
        }
    }

    private static ConnectorException failedPoll(HostLoop loop, String entity, String answer, int poll) {
        String what = entity + " poll " + poll + " answered " + answer;
        ConnectorException failure;
        try {
            List<Record> records = loop.pollWithoutCommit();
            throw new AssertionError(what + " returned " + records.size() + " records instead of throwing; a"
                    + " connector that swallows a failed request skips data, throw a TRANSIENT ConnectorException"
                    + " and the host polls again from the committed checkpoint");
        } catch (ConnectorException e) {
            failure = e;
        }
        assertEquals(
                ErrorKind.TRANSIENT,
                failure.kind(),
                what + " threw " + failure.kind() + " (" + failure.getMessage() + "); a throttled or unavailable"
                        + " remote is TRANSIENT, so the host waits and retries instead of stopping the subscription");
        assertFalse(failure.getMessage().isBlank(), what + ": a transient failure says what happened");
        return failure;
    }

    /** Keys whose last record in {@code records} is an upsert. */
    private static Set<String> upserted(List<Record> records) {
        Map<String, Operation> last = new LinkedHashMap<>();
        records.forEach(r -> last.put(r.key(), r.operation()));
        Set<String> keys = new HashSet<>();
        last.forEach((key, operation) -> {
            if (operation == Operation.UPSERT) {
                keys.add(key);
            }
        });
        return keys;
    }

    /** Keys whose last record in {@code records} is an upsert, plus the keys the source rejected (quarantined). */
    private static Set<String> present(List<Record> records, HostLoop loop) {
        Set<String> keys = upserted(records);
        loop.rejected().forEach(r -> keys.add(r.key()));
        return keys;
    }

    private static void assertSameKeys(Set<String> expected, Set<String> actual, String what) {
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(actual);
        Set<String> extra = new TreeSet<>(actual);
        extra.removeAll(expected);
        if (!missing.isEmpty() || !extra.isEmpty()) {
            fail(what + " lost " + missing.size() + " of " + expected.size() + " records " + sample(missing)
                    + " and delivered " + extra.size() + " unknown ones " + sample(extra));
        }
    }

    private static String sample(Set<String> keys) {
        return keys.stream().limit(5).collect(Collectors.joining(", ", "[", keys.size() > 5 ? ", …]" : "]"));
    }

    private long requestsOrSkip() {
        OptionalLong requests = backend.requests();
        assumeTrue(requests.isPresent(), "the backend does not count requests (ContractBackend.requests)");
        return requests.getAsLong();
    }

    private void assertNoRequestsSince(long before, String what) {
        long sent = backend.requests().getAsLong() - before;
        assertEquals(
                0, sent, what + " sent " + sent + " request(s); only check(), polls and writes may use the network");
    }

    private List<WriterFixture> writerFixturesOrSkip(Connector connector) {
        List<String> writable = connector.entities().stream()
                .filter(adapter -> adapter.writer().isPresent())
                .map(adapter -> adapter.descriptor().name())
                .toList();
        assumeTrue(!writable.isEmpty(), "the connector offers no writer");
        List<WriterFixture> fixtures = backend.writerFixtures();
        assumeTrue(
                !fixtures.isEmpty(),
                "the backend offers no writer fixtures (ContractBackend.writerFixtures) for " + writable);
        return fixtures;
    }

    private static EntityWriter writer(Connector connector, String entity) {
        return connector
                .entity(entity)
                .writer()
                .orElseThrow(
                        () -> new AssertionError(entity + " has a writer fixture but the connector offers no writer"));
    }

    private Optional<Integer> count(String entity) {
        return Optional.ofNullable(backend.expectedKeys().get(entity)).map(Set::size);
    }

    private static void assertOutcomesInOrder(List<OutboundRecord> records, List<WriteOutcome> outcomes, String what) {
        assertEquals(records.size(), outcomes.size(), what + ": one outcome per record");
        for (int i = 0; i < records.size(); i++) {
            assertEquals(
                    records.get(i).idempotencyKey(),
                    outcomes.get(i).idempotencyKey(),
                    what + ": outcomes come in input order");
        }
    }

    private static void assertAllWritten(List<OutboundRecord> records, List<WriteOutcome> outcomes, String what) {
        assertOutcomesInOrder(records, outcomes, what);
        for (WriteOutcome outcome : outcomes) {
            assertTrue(
                    outcome.succeeded(),
                    what + ": " + outcome.idempotencyKey() + " failed: "
                            + outcome.failure().map(Throwable::getMessage).orElse(""));
        }
    }

    private WebhookSink webhookSinkOrSkip(Connector connector) {
        Optional<WebhookSink> sink = connector.webhooks();
        assumeTrue(sink.isPresent(), "the connector offers no webhooks");
        assumeTrue(
                backend.webhookFixture().isPresent(),
                "the backend offers no webhook fixture (ContractBackend.webhookFixture)");
        return sink.get();
    }

    /** Hands a request to the sink, checking it fetches nothing while it answers (when the backend counts). */
    private WebhookResponse handle(WebhookSink sink, WebhookRequest request) {
        OptionalLong before = backend.requests();
        WebhookResponse response = sink.handle(request);
        before.ifPresent(count -> assertNoRequestsSince(count, "handling a webhook request"));
        return response;
    }

    private static void assertRejected(WebhookResponse response, String what) {
        assertTrue(
                response.status() >= 400 && response.status() < 500,
                what + " must be answered with a 4xx status, got " + response.status());
        assertEquals(List.of(), response.notices(), what + " must yield no change notice");
    }

    private List<String> secretValues() {
        List<String> secrets = new ArrayList<>();
        List<Map<String, Object>> all = new ArrayList<>();
        all.add(backend.validSettings());
        backend.settingsWithWrongCredentials().ifPresent(all::add);
        for (SettingDefinition definition : factory().settings().definitions()) {
            if (definition.secret()) {
                for (Map<String, Object> settings : all) {
                    if (settings.get(definition.key()) instanceof String value && value.length() >= 4) {
                        secrets.add(value);
                    }
                }
            }
        }
        return secrets;
    }

    /** Keys of the given records, for subclasses' own assertions. */
    protected static Set<String> keys(List<Record> records) {
        return records.stream().map(Record::key).collect(Collectors.toSet());
    }
}
