package io.ipaas.harness.cli;

import io.ipaas.connector.api.ConnectorInfo;
import io.ipaas.connector.api.entity.EntityDescriptor;
import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.api.poll.Checkpoint;
import io.ipaas.harness.plugin.LoadedPlugin;
import io.ipaas.harness.store.EntityStatus;
import io.ipaas.harness.store.Notice;
import io.ipaas.harness.store.Store;
import io.ipaas.harness.store.Subscription;
import io.ipaas.harness.ui.UiBackend;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The web UI's backend inside {@code serve}: the same validation, subscribe, status and lifecycle code the CLI runs.
 * Changes to what serve keeps in step (a new subscription, run now) are handed to serve's own loop, never made from a
 * UI thread.
 */
final class UiHost implements UiBackend {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();
    private final Harness harness;
    private final Serve serve;
    private final boolean webhooks;

    UiHost(Harness harness, Serve serve, boolean webhooks) {
        this.harness = harness;
        this.serve = serve;
        this.webhooks = webhooks;
    }

    @Override
    public List<PluginView> plugins() {
        List<PluginView> views = new ArrayList<>();
        for (LoadedPlugin plugin : harness.plugins().plugins()) {
            ConnectorInfo info = harness.call(plugin, () -> plugin.factory().info());
            views.add(new PluginView(
                    plugin.id(),
                    plugin.version(),
                    info.displayName(),
                    info.description(),
                    info.entities().stream().map(EntityDescriptor::name).toList(),
                    info.authKinds().stream().map(Enum::name).sorted().toList()));
        }
        return views;
    }

    @Override
    public List<PluginProblemView> pluginProblems() {
        return harness.plugins().problems().stream()
                .map(p -> new PluginProblemView(p.path().getFileName().toString(), p.reason()))
                .toList();
    }

    @Override
    public List<SubscriptionView> subscriptions() {
        return harness.store().subscriptions().stream().map(UiHost::view).toList();
    }

    private static SubscriptionView view(Subscription s) {
        return new SubscriptionView(s.id(), s.pluginId(), s.name(), s.status());
    }

    @Override
    public Map<String, Object> settingsSchema(String pluginId) {
        LoadedPlugin plugin = harness.plugin(pluginId);
        return harness.call(
                plugin,
                () -> plugin.factory()
                        .settings()
                        .toJsonSchema(plugin.factory().info().displayName()));
    }

    @Override
    public SubscribeResult subscribe(String pluginId, String name, Map<String, Object> raw, boolean defaultMappings) {
        LoadedPlugin plugin = harness.plugin(pluginId);
        List<Problem> problems = harness.problems(plugin, raw).stream()
                .map(p -> new Problem(p.key(), p.message()))
                .toList();
        if (!problems.isEmpty()) {
            return new SubscribeResult(Optional.empty(), "", problems);
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String id;
        try {
            id = SubscribeCommand.subscribe(
                    harness,
                    pluginId,
                    raw,
                    name,
                    defaultMappings,
                    new PrintWriter(out, true),
                    new PrintWriter(err, true));
        } catch (ConnectorException e) {
            // the connection check failed: shown next to the setting it names, or above the form
            return new SubscribeResult(
                    Optional.empty(), "", List.of(new Problem(e.settingKey().orElse(""), e.getMessage())));
        } catch (UserFailure e) {
            return new SubscribeResult(Optional.empty(), "", List.of(new Problem("", e.getMessage())));
        }
        if (id == null) {
            return new SubscribeResult(
                    Optional.empty(), "", List.of(new Problem("", err.toString().strip())));
        }
        Subscription subscription = harness.subscription(id);
        serve.submit(() -> serve.setUp(List.of(subscription), webhooks));
        return new SubscribeResult(
                Optional.of(id), out.toString().lines().findFirst().orElse(""), List.of());
    }

    @Override
    public Optional<DashboardView> dashboard(String subscriptionId) {
        Store store = harness.store();
        Optional<Subscription> found = store.subscription(subscriptionId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Subscription subscription = found.get();
        List<Notice> open = store.openNotices(subscriptionId);
        List<UnitView> units = new ArrayList<>();
        for (EntityStatus status : store.entityStatus(subscriptionId)) {
            String unit = status.entity();
            Optional<Checkpoint> checkpoint = store.checkpoint(subscriptionId, unit);
            units.add(new UnitView(
                    unit,
                    status.mode(),
                    status.reason(),
                    checkpoint
                            .map(c -> String.valueOf(c.values().getOrDefault("watermark", "—")))
                            .orElse("never pulled"),
                    status.lastRunAt(),
                    status.lastRecords(),
                    store.count("records", subscriptionId, unit),
                    store.count("quarantine", subscriptionId, unit),
                    status.remoteExpires(),
                    status.lastNoticeAt(),
                    open.stream().filter(n -> n.entity().equals(unit)).count(),
                    status.lastError()));
        }
        List<OutboxView> outbox = new ArrayList<>();
        for (String entity : store.pushedEntities(subscriptionId)) {
            store.outboundQuarantine(subscriptionId, entity)
                    .forEach(f -> outbox.add(new OutboxView(
                            entity, f.key(), f.status(), f.attempts(), f.errorKind() + ": " + f.message())));
        }
        String signIn;
        boolean interactive;
        LoadedPlugin plugin = harness.plugin(subscription.pluginId());
        try (var connector = harness.open(plugin, subscription)) {
            var auth = harness.call(plugin, () -> connector.auth().status());
            interactive = harness.call(plugin, () -> connector.auth().kind().interactive());
            signIn = auth.state().name() + (auth.message().isBlank() ? "" : ": " + auth.message());
        } catch (RuntimeException e) {
            signIn = "cannot tell (" + e.getMessage() + ")";
            interactive = false;
        }
        List<RunView> runs =
                store.runs(subscriptionId, java.time.Instant.now().minus(java.time.Duration.ofDays(1))).stream()
                        .map(r -> new RunView(r.at(), r.entity(), r.records(), r.requests()))
                        .toList();
        return Optional.of(new DashboardView(
                view(subscription), StatusCommand.whatToDo(subscription), signIn, interactive, units, outbox, runs));
    }

    @Override
    public void pause(String subscriptionId) {
        // as the pause command: only an ACTIVE subscription moves; the dashboard then shows where it stands
        harness.store().changeStatus(subscriptionId, LifecycleCommands.ACTIVE, LifecycleCommands.PAUSED);
    }

    @Override
    public void resume(String subscriptionId) {
        harness.store().changeStatus(subscriptionId, LifecycleCommands.PAUSED, LifecycleCommands.ACTIVE);
    }

    @Override
    public void runNow(String subscriptionId) {
        serve.submit(() -> serve.runNow(subscriptionId));
    }

    @Override
    public List<Check> verify(String subscriptionId) {
        return VerifyCommand.dryRun(harness, harness.subscription(subscriptionId)).stream()
                .map(o -> new Check(o.name(), o.passed(), o.detail()))
                .toList();
    }

    @Override
    public String retry(String subscriptionId, String entity, String key) {
        Subscription subscription = harness.subscription(subscriptionId);
        Map<String, Object> record =
                harness.store().outboundByKey(subscriptionId, key).get(entity);
        if (record == null) {
            return "no record '" + key + "' of " + entity + " in the outbox any more";
        }
        StringWriter text = new StringWriter();
        try {
            PushCommand.push(harness, subscription, entity, List.of(record), false, new PrintWriter(text, true));
        } catch (UserFailure | ConnectorException e) {
            return key + ": " + e.getMessage();
        }
        return text.toString().lines().reduce((a, b) -> b).orElse("");
    }

    @Override
    public List<MappingView> mappings(String subscriptionId) {
        List<MappingView> views = new ArrayList<>();
        harness.store().mappingDocuments(subscriptionId).forEach((name, json) -> {
            List<String> collections = new ArrayList<>();
            String pretty = json;
            try {
                io.ipaas.mappings.MappingDocument.parse(json)
                        .collections()
                        .forEach(c -> collections.add(
                                c.name() + " (" + c.direction().name().toLowerCase(java.util.Locale.ROOT) + ": "
                                        + c.entity() + " → " + c.target() + ")"));
                pretty = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(json));
            } catch (RuntimeException | java.io.IOException e) {
                collections.add("cannot be read: " + e.getMessage());
            }
            views.add(new MappingView(name, pretty, collections));
        });
        views.sort(java.util.Comparator.comparing(MappingView::name));
        return views;
    }

    @Override
    public Optional<String> saveMapping(String subscriptionId, String documentName, String json) {
        try {
            SubscribeCommand.checkedMapping(harness, subscriptionId, json, "mapping '" + documentName + "'");
        } catch (UserFailure e) {
            return Optional.of(e.getMessage());
        }
        harness.store().saveMappingDocument(subscriptionId, documentName, json);
        return Optional.empty();
    }

    @Override
    public Preview preview(String subscriptionId, String collection, String sampleJson) {
        Optional<io.ipaas.mappings.MappingCollection> found = harness.collections(subscriptionId).stream()
                .filter(c -> c.name().equals(collection))
                .findFirst();
        if (found.isEmpty()) {
            return new Preview(false, "no collection '" + collection + "' in this subscription's mappings");
        }
        Map<String, Object> sample;
        try {
            sample = JSON.readValue(sampleJson, new com.fasterxml.jackson.core.type.TypeReference<>() {});
        } catch (java.io.IOException | RuntimeException e) {
            return new Preview(false, "the sample is not a JSON object: " + e.getMessage());
        }
        try {
            Map<String, Object> mapped = io.ipaas.mappings.MappingEngine.prepare(
                            found.get(),
                            Map.of(
                                    "settings",
                                    harness.subscription(subscriptionId).settings()))
                    .apply(sample);
            return new Preview(true, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(mapped));
        } catch (io.ipaas.mappings.MappingException e) {
            return new Preview(false, e.getMessage());
        } catch (java.io.IOException e) {
            return new Preview(false, "the mapped record cannot be shown: " + e.getMessage());
        }
    }

    @Override
    public List<String> log(String filter, int limit) {
        Path file = harness.home().resolve(io.ipaas.harness.logging.HarnessLog.FILE_NAME);
        try {
            return io.ipaas.harness.logging.LogExcerpt.newest(file, filter, limit);
        } catch (java.io.IOException e) {
            return List.of("the log " + file + " cannot be read: " + e.getMessage());
        }
    }

    @Override
    public java.net.URI beginSignIn(String subscriptionId, java.net.URI redirectUri) {
        Subscription subscription = harness.subscription(subscriptionId);
        LoadedPlugin plugin = harness.plugin(subscription.pluginId());
        try (var connector = harness.open(plugin, subscription)) {
            return new SignIn(harness).begin(plugin, connector, subscriptionId, redirectUri);
        }
    }

    @Override
    public SignInResult completeSignIn(Map<String, String> parameters) {
        Optional<String> subscriptionId = Optional.ofNullable(parameters.get("state"))
                .flatMap(state -> harness.store().authAttempt(state))
                .map(Store.AuthAttempt::subscriptionId);
        if (subscriptionId.isEmpty()) {
            return new SignInResult(
                    Optional.empty(), false, "this answer does not belong to a sign-in started here; start again");
        }
        Subscription subscription = harness.subscription(subscriptionId.get());
        LoadedPlugin plugin = harness.plugin(subscription.pluginId());
        try (var connector = harness.open(plugin, subscription)) {
            var status = new SignIn(harness).complete(plugin, connector, subscription.id(), parameters);
            boolean connected = status.state() == io.ipaas.connector.api.auth.AuthState.CONNECTED;
            if (connected) {
                // the units wait for a sign-in: serve pulls them on its next pass
                serve.submit(() -> serve.runNow(subscription.id()));
            }
            return new SignInResult(subscriptionId, connected, status.message());
        } catch (UserFailure | ConnectorException e) {
            return new SignInResult(subscriptionId, false, e.getMessage());
        }
    }
}
