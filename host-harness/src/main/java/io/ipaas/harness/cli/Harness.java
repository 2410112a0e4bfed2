package io.ipaas.harness.cli;

import io.ipaas.connector.api.Connector;
import io.ipaas.connector.api.ConnectorFactory;
import io.ipaas.connector.api.DefaultMapping;
import io.ipaas.connector.api.WorkUnit;
import io.ipaas.connector.api.entity.EntityDescriptor;
import io.ipaas.connector.api.settings.SettingDefinition;
import io.ipaas.connector.api.settings.SettingProblem;
import io.ipaas.connector.api.settings.Settings;
import io.ipaas.harness.plugin.HarnessContext;
import io.ipaas.harness.plugin.LoadedPlugin;
import io.ipaas.harness.plugin.PluginCalls;
import io.ipaas.harness.plugin.PluginRegistry;
import io.ipaas.harness.plugin.Slf4jSystemLogger;
import io.ipaas.harness.secrets.EncryptedSecretStore;
import io.ipaas.harness.secrets.MasterKey;
import io.ipaas.harness.secrets.SecretCipher;
import io.ipaas.harness.store.HarnessStateStore;
import io.ipaas.harness.store.Store;
import io.ipaas.harness.store.Subscription;
import io.ipaas.mappings.MappingCollection;
import io.ipaas.mappings.MappingDirection;
import io.ipaas.mappings.MappingDocument;
import io.ipaas.mappings.MappingFormatException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** The harness's services for one command: store, secrets, plugins. Closed when the command ends. */
final class Harness implements AutoCloseable {
    private static final char[] ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();

    /** A subscription whose sealed secrets were forgotten with {@code secrets forget}: it must be subscribed again. */
    static final String SECRETS_FORGOTTEN = "SECRETS_FORGOTTEN";

    private final Path home;
    private final Store store;
    private final SecretCipher cipher;
    private final PluginRegistry plugins;
    private final boolean ownsPlugins;

    private Harness(Path home, Store store, SecretCipher cipher, PluginRegistry plugins, boolean ownsPlugins) {
        this.home = home;
        this.store = store;
        this.cipher = cipher;
        this.plugins = plugins;
        this.ownsPlugins = ownsPlugins;
    }

    /** Plugins only, for commands that keep nothing in the home (plugins, schema, validate): no store, no key. */
    static Harness pluginsOnly(Path home, Path pluginsFolder) {
        return new Harness(home, null, null, new PluginRegistry(pluginsFolder), true);
    }

    /** Plugins and the store, no secret key: for commands that must work while the key is lost. */
    static Harness withoutKey(Path home, Path pluginsFolder) {
        return withoutKey(home, pluginsFolder, StoreChoice.HOME);
    }

    /** Plugins and the chosen store, no secret key. */
    static Harness withoutKey(Path home, Path pluginsFolder, StoreChoice storeChoice) {
        Store store = storeChoice.open(HomeFolder.prepare(home));
        return new Harness(home, store, null, new PluginRegistry(pluginsFolder), true);
    }

    /**
     * Everything: the home proven writable, the store open and the secret key loaded, all before the command talks
     * to any remote system.
     */
    static Harness open(Path home, Path pluginsFolder, String keyFromEnvironment) {
        return open(home, pluginsFolder, keyFromEnvironment, StoreChoice.HOME);
    }

    /** Everything, on the chosen store (the home's file, or a PostgreSQL database several harnesses share). */
    static Harness open(Path home, Path pluginsFolder, String keyFromEnvironment, StoreChoice storeChoice) {
        PluginRegistry plugins = new PluginRegistry(pluginsFolder);
        try {
            return open(home, plugins, true, keyFromEnvironment, storeChoice);
        } catch (RuntimeException e) {
            plugins.close();
            throw e;
        }
    }

    /**
     * Everything, on plugins loaded once and shared by several homes (a long-running host, the bench): closing this
     * harness leaves them loaded, so their classes and the code the JIT compiled for them stay warm.
     */
    static Harness open(Path home, PluginRegistry sharedPlugins, String keyFromEnvironment) {
        return open(home, sharedPlugins, false, keyFromEnvironment, StoreChoice.HOME);
    }

    private static Harness open(
            Path home,
            PluginRegistry plugins,
            boolean ownsPlugins,
            String keyFromEnvironment,
            StoreChoice storeChoice) {
        Store store = storeChoice.open(HomeFolder.prepare(home));
        try {
            int sealed = store.secretOwners().stream()
                    .mapToInt(owner -> store.secretNames(owner).size())
                    .sum();
            SecretCipher cipher = new SecretCipher(MasterKey.load(home, keyFromEnvironment, sealed));
            return new Harness(home, store, cipher, plugins, ownsPlugins);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    Path home() {
        return home;
    }

    Store store() {
        if (store == null) {
            throw new IllegalStateException("this command opened no store");
        }
        return store;
    }

    PluginRegistry plugins() {
        return plugins;
    }

    LoadedPlugin plugin(String id) {
        return plugins.plugin(id)
                .orElseThrow(() -> UserFailure.badInput("no plugin '" + id + "' is loaded; loaded plugins: "
                        + (plugins.plugins().isEmpty()
                                ? "none"
                                : plugins.plugins().stream()
                                        .map(LoadedPlugin::id)
                                        .collect(Collectors.joining(", ")))
                        + (plugins.problems().isEmpty() ? "" : "; skipped: " + plugins.problems())));
    }

    <T> T call(LoadedPlugin plugin, Supplier<T> call) {
        return PluginCalls.withLoader(plugins.loaderOf(plugin), call);
    }

    /** Every problem of raw settings at once: per field first, then the connector's cross-field rules. */
    List<SettingProblem> problems(LoadedPlugin plugin, Map<String, Object> raw) {
        ConnectorFactory factory = plugin.factory();
        return call(plugin, () -> factory.validateAll(raw));
    }

    Subscription subscription(String id) {
        return store.subscription(id)
                .orElseThrow(() -> UserFailure.badInput("no subscription '" + id + "'; known: "
                        + (store.subscriptions().isEmpty()
                                ? "none (run subscribe first)"
                                : store.subscriptions().stream()
                                        .map(s -> s.id() + " (" + s.name() + ")")
                                        .collect(Collectors.joining(", ")))));
    }

    /** Stores a subscription (updating the one with the same plugin and name) and its secrets, encrypted. */
    SubscribeOutcome saveSubscription(LoadedPlugin plugin, String name, Settings settings) {
        var existing = store.subscription(plugin.id(), name);
        String id = existing.map(Subscription::id).orElseGet(Harness::newId);
        Instant created = existing.map(Subscription::createdAt).orElse(Instant.now());
        EncryptedSecretStore secrets = secrets(id);
        for (SettingDefinition definition : settings.spec().definitions()) {
            if (definition.secret()) {
                settings.secret(definition.key())
                        .ifPresentOrElse(
                                value -> secrets.put("setting:" + definition.key(), value),
                                () -> secrets.delete("setting:" + definition.key()));
            }
        }
        // saved after its secrets: a subscription whose secrets were forgotten stays marked until they are back
        store.save(new Subscription(id, plugin.id(), name, settings.nonSecretValues(), "ACTIVE", created));
        return new SubscribeOutcome(id, existing.isPresent());
    }

    /** Result of storing a subscription. */
    record SubscribeOutcome(String id, boolean updated) {}

    /** Installs default mappings; returns each collection name with whether it was new. */
    Map<String, Boolean> installDefaultMappings(LoadedPlugin plugin, String subscriptionId) {
        Set<String> present = collections(subscriptionId).stream()
                .map(MappingCollection::name)
                .collect(Collectors.toSet());
        Map<String, Boolean> result = new LinkedHashMap<>();
        for (DefaultMapping mapping : call(plugin, () -> plugin.factory().defaultMappings())) {
            MappingDocument document;
            try {
                document = MappingDocument.parse(mapping.json());
            } catch (MappingFormatException e) {
                throw new UserFailure(
                        ExitCodes.OTHER,
                        "plugin '" + plugin.id() + "' ships an invalid default mapping '" + mapping.name() + "': "
                                + e.getMessage() + "; report it to the plugin's provider");
            }
            boolean fresh = document.collections().stream().anyMatch(c -> !present.contains(c.name()));
            if (fresh) {
                store.saveMappingDocument(subscriptionId, mapping.name(), mapping.json());
            }
            document.collections().forEach(c -> result.put(c.name(), !present.contains(c.name())));
        }
        return result;
    }

    List<MappingCollection> collections(String subscriptionId) {
        List<MappingCollection> collections = new ArrayList<>();
        store.mappingDocuments(subscriptionId)
                .values()
                .forEach(json -> collections.addAll(MappingDocument.parse(json).collections()));
        return collections;
    }

    List<MappingCollection> inbound(String subscriptionId, String entity) {
        return collections(subscriptionId).stream()
                .filter(c ->
                        c.direction() == MappingDirection.INBOUND && c.entity().equals(entity))
                .toList();
    }

    List<MappingCollection> outbound(String subscriptionId, String entity) {
        return collections(subscriptionId).stream()
                .filter(c ->
                        c.direction() == MappingDirection.OUTBOUND && c.entity().equals(entity))
                .toList();
    }

    /**
     * The work unit a command names: the entity's name, or {@code entity@scope} for a further scope (a company).
     *
     * @throws UserFailure naming the units the subscription offers
     */
    WorkUnit unit(LoadedPlugin plugin, Connector connector, Subscription subscription, String id) {
        List<WorkUnit> units = call(plugin, connector::workUnits);
        return units.stream()
                .filter(u -> u.id().equals(id))
                .findFirst()
                .orElseThrow(() -> UserFailure.badInput("subscription " + subscription.id() + " offers no entity '" + id
                        + "'; it offers: " + units.stream().map(WorkUnit::id).collect(Collectors.joining(", "))));
    }

    /** Settings of a stored subscription, secrets decrypted, validated again. */
    Settings settings(LoadedPlugin plugin, Subscription subscription) {
        if (subscription.status().equals(SECRETS_FORGOTTEN)) {
            throw UserFailure.badInput("subscription " + subscription.id() + " lost its secrets to 'secrets forget';"
                    + " subscribe it again with its settings file: subscribe " + subscription.pluginId() + " --name "
                    + subscription.name() + " --settings FILE");
        }
        Map<String, Object> raw = new LinkedHashMap<>(subscription.settings());
        EncryptedSecretStore secrets = secrets(subscription.id());
        for (String name : secrets.names()) {
            if (name.startsWith("setting:")) {
                secrets.get(name).ifPresent(value -> raw.put(name.substring("setting:".length()), value.reveal()));
            }
        }
        return call(plugin, () -> plugin.factory().settings().parse(raw));
    }

    Connector open(LoadedPlugin plugin, Subscription subscription) {
        Settings settings = settings(plugin, subscription);
        HarnessContext context = new HarnessContext(
                subscription.id(),
                new HarnessStateStore(store, subscription.id()),
                secrets(subscription.id()),
                Clock.systemUTC(),
                new Slf4jSystemLogger("connector." + plugin.id()));
        return call(plugin, () -> plugin.factory().open(settings, context));
    }

    Connector open(LoadedPlugin plugin, String instanceId, Settings settings) {
        HarnessContext context = new HarnessContext(
                instanceId,
                new HarnessStateStore(store, instanceId),
                secrets(instanceId),
                Clock.systemUTC(),
                new Slf4jSystemLogger("connector." + plugin.id()));
        return call(plugin, () -> plugin.factory().open(settings, context));
    }

    SecretCipher cipher() {
        if (cipher == null) {
            throw new IllegalStateException("this command loaded no secret key");
        }
        return cipher;
    }

    EncryptedSecretStore secrets(String subscriptionId) {
        return new EncryptedSecretStore(store, cipher, subscriptionId);
    }

    static String entities(ConnectorFactory factory) {
        return factory.info().entities().stream().map(EntityDescriptor::name).collect(Collectors.joining(", "));
    }

    private static String newId() {
        SecureRandom random = new SecureRandom();
        StringBuilder id = new StringBuilder("sub-");
        for (int i = 0; i < 8; i++) {
            id.append(ID_ALPHABET[random.nextInt(ID_ALPHABET.length)]);
        }
        return id.toString();
    }

    @Override
    public void close() {
        try {
            if (ownsPlugins) {
                plugins.close();
            }
        } finally {
            if (store != null) {
                store.close();
            }
        }
    }
}
