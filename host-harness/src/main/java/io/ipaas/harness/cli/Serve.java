package io.ipaas.harness.cli;

import io.ipaas.connector.api.Connector;
import io.ipaas.connector.api.WorkUnit;
import io.ipaas.connector.api.entity.EntityAdapter;
import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.api.error.ErrorKind;
import io.ipaas.connector.api.webhook.ChangeNotice;
import io.ipaas.connector.api.webhook.Subscription;
import io.ipaas.connector.api.webhook.WebhookRequest;
import io.ipaas.connector.api.webhook.WebhookResponse;
import io.ipaas.connector.api.webhook.WebhookSink;
import io.ipaas.harness.plugin.LoadedPlugin;
import io.ipaas.harness.store.EntityStatus;
import io.ipaas.harness.store.Notice;
import io.ipaas.harness.store.Store;
import io.ipaas.harness.store.StoredCollection;
import io.ipaas.harness.sync.PullRunner;
import io.ipaas.harness.sync.WebhookEndpoint;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The long-running host for a home's active subscriptions: a webhook endpoint, one webhook subscription per entity the
 * remote notifies about (polled otherwise, and the reason kept), and a loop that pulls an entity when notices for it
 * wait or its poll interval has passed, under a lease so two harnesses on one store never pull it at once. Notices
 * are stored before the remote gets its 2xx and marked handled only after the pull they started committed.
 */
final class Serve implements AutoCloseable {
    /** Renew a webhook subscription when less than this is left (half of Business Central's three days). */
    static final Duration RENEW_BEFORE = Duration.ofHours(36);

    static final Duration LEASE = Duration.ofMinutes(10);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Harness harness;
    private final Store store;
    private final Clock clock;
    private final Duration pollInterval;
    private Duration reconcileInterval = Duration.ofHours(1);
    private final PrintWriter out;
    /**
     * This process as a lease holder: its machine and process id, so a serve started again on the same machine can
     * tell that a lease's holder was killed and take the lease over at once instead of waiting out {@link #LEASE}.
     */
    private final String owner =
            "serve@" + LeaseHolder.thisHost() + "#" + ProcessHandle.current().pid() + "#" + token().substring(0, 8);

    private final WebhookEndpoint endpoint;
    private final URI base;
    private final List<Unit> units = new ArrayList<>();
    private final Map<String, Unit> byToken = new ConcurrentHashMap<>();
    private final List<Connector> connectors = new ArrayList<>();
    /** Work handed over by other threads (the web UI), done at the start of the next pass. */
    private final java.util.Queue<Runnable> tasks = new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** Whether units get webhooks (serve --no-webhooks turns them off), for subscriptions set up later. */
    private boolean webhooksOn = true;
    /** Each subscription's state as serve last told it. */
    private final Map<String, String> announced = new java.util.HashMap<>();

    /** One work unit (entity of a company) of one subscription, as serve keeps it in step. */
    private static final class Unit {
        final io.ipaas.harness.store.Subscription subscription;
        final LoadedPlugin plugin;
        final Connector connector;
        final WorkUnit work;
        /** The unit's id: what the store keeps its checkpoint, notices, lease and status under. */
        final String entity;

        EntityStatus status;
        Optional<Subscription> remote = Optional.empty();
        boolean dueNow = true;
        Instant reconciledAt;

        Unit(
                io.ipaas.harness.store.Subscription subscription,
                LoadedPlugin plugin,
                Connector connector,
                WorkUnit work) {
            this.subscription = subscription;
            this.plugin = plugin;
            this.connector = connector;
            this.work = work;
            this.entity = work.id();
        }
    }

    Serve(
            Harness harness,
            Clock clock,
            Duration pollInterval,
            InetAddress bind,
            int port,
            Optional<URI> publicUrl,
            PrintWriter out)
            throws IOException {
        this.harness = harness;
        this.store = harness.store();
        this.clock = clock;
        this.pollInterval = pollInterval;
        this.out = out;
        this.endpoint = WebhookEndpoint.start(bind, port, this::receive, clock);
        String host = bind.isAnyLocalAddress() ? "127.0.0.1" : bind.getHostAddress();
        this.base = publicUrl.orElse(URI.create("http://" + host + ":" + endpoint.port()));
    }

    int port() {
        return endpoint.port();
    }

    /** How often the keys of polled entities are compared with the remote's, to find deletes no notice reported. */
    void reconcileEvery(Duration interval) {
        this.reconcileInterval = interval;
    }

    /** Opens each active subscription and puts each of its pulled entities on a webhook, or on polling with why. */
    void setUp(List<io.ipaas.harness.store.Subscription> subscriptions, boolean webhooks) {
        this.webhooksOn = webhooks;
        for (io.ipaas.harness.store.Subscription subscription : subscriptions) {
            // subscribed again (new settings): its units start over on a connection with the new settings
            dropUnits(subscription.id());
            LoadedPlugin plugin = harness.plugin(subscription.pluginId());
            Connector connector = harness.open(plugin, subscription);
            connectors.add(connector);
            Map<String, EntityStatus> known = new java.util.HashMap<>();
            store.entityStatus(subscription.id()).forEach(s -> known.put(s.entity(), s));
            for (WorkUnit work : harness.call(plugin, connector::workUnits)) {
                String entity = work.id();
                EntityAdapter adapter = harness.call(plugin, () -> connector.entity(work));
                if (adapter.pollSource().isEmpty()
                        || harness.inbound(subscription.id(), work.entity()).isEmpty()) {
                    continue;
                }
                Unit unit = new Unit(subscription, plugin, connector, work);
                unit.reconciledAt = clock.instant();
                unit.status = known.getOrDefault(entity, status(unit, "polling", "not set up yet", Optional.empty()));
                units.add(unit);
                Optional<WebhookSink> sink = harness.call(plugin, () -> connector.webhooks(work.scope()));
                if (!webhooks) {
                    save(unit, "polling", "webhooks are off (serve --no-webhooks); polled every " + every(), null);
                } else if (sink.isEmpty()) {
                    save(unit, "polling", "the connector offers no webhooks; polled every " + every(), null);
                } else {
                    subscribe(unit, sink.get());
                }
                out.println(subscription.id() + " " + entity + ": " + unit.status.mode() + " (" + unit.status.reason()
                        + ")");
            }
        }
        out.flush();
    }

    /** Creates the remote subscription (or renews the one a previous serve made) on the unit's own token. */
    private void subscribe(Unit unit, WebhookSink sink) {
        String token = unit.status.pathToken().orElseGet(Serve::token);
        byToken.put(token, unit);
        URI url = URI.create(base + "/webhooks/" + token);
        try {
            Subscription remote;
            Optional<Subscription> previous = previous(unit);
            if (previous.isPresent()) {
                try {
                    remote = harness.call(unit.plugin, () -> sink.renew(previous.get()));
                } catch (ConnectorException gone) {
                    remote = harness.call(unit.plugin, () -> sink.subscribe(unit.work.entity(), url));
                }
            } else {
                remote = harness.call(unit.plugin, () -> sink.subscribe(unit.work.entity(), url));
            }
            unit.remote = Optional.of(remote);
            save(unit, "webhook", "the remote notifies changes; also polled every " + every() + " to reconcile", token);
        } catch (ConnectorException e) {
            String reason = e.kind() == ErrorKind.UNSUPPORTED
                    ? e.getMessage()
                    : "the webhook subscription failed (" + e.getMessage() + "); polled every " + every()
                            + " meanwhile";
            save(unit, "polling", reason, token);
        }
    }

    private Optional<Subscription> previous(Unit unit) {
        EntityStatus status = unit.status;
        if (status.remoteId().isEmpty() || status.remoteExpires().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Subscription(
                status.remoteId().get(),
                unit.work.entity(),
                status.remoteExpires().get(),
                status.remoteAttributes()));
    }

    /** A webhook request for a token: the connector checks it, serve stores its notices before it is answered. */
    private Optional<WebhookResponse> receive(String token, WebhookRequest request) {
        Unit unit = byToken.get(token);
        if (unit == null) {
            return Optional.empty();
        }
        Optional<WebhookSink> sink = harness.call(unit.plugin, () -> unit.connector.webhooks(unit.work.scope()));
        if (sink.isEmpty()) {
            return Optional.empty();
        }
        WebhookResponse response = harness.call(unit.plugin, () -> sink.get().handle(request));
        if (response.status() / 100 == 2 && !response.notices().isEmpty()) {
            List<Notice> notices = new ArrayList<>();
            for (ChangeNotice notice : response.notices()) {
                if (notice.entity().equals(unit.work.entity())) {
                    notices.add(new Notice(
                            0,
                            unit.subscription.id(),
                            unit.entity,
                            notice.type().name(),
                            notice.hint().key(),
                            notice.hint().changedSince(),
                            request.receivedAt()));
                }
            }
            // durable before the 2xx: a crash after this answer loses nothing, one before it makes BC send again
            store.storeNotices(notices);
        }
        return Optional.of(response);
    }

    /** Forgets a subscription's units and closes their connection; its webhooks and state stay. */
    private void dropUnits(String subscriptionId) {
        java.util.Set<Connector> closing = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        units.stream().filter(u -> u.subscription.id().equals(subscriptionId)).forEach(u -> closing.add(u.connector));
        units.removeIf(u -> u.subscription.id().equals(subscriptionId));
        byToken.values().removeIf(u -> u.subscription.id().equals(subscriptionId));
        for (Connector connector : closing) {
            connectors.remove(connector);
            try {
                connector.close();
            } catch (RuntimeException e) {
                // it is being replaced; nothing depends on it any more
            }
        }
    }

    /**
     * Looks at the plugins folder between passes (no pull runs then): a JAR dropped in is loaded, a replaced one
     * reloaded and its active subscriptions opened again on the new code, a removed one unloaded and its
     * subscriptions left waiting for it; a JAR that does not load is told with why.
     */
    void refreshPlugins() {
        io.ipaas.harness.plugin.PluginRegistry.Changes changes =
                harness.plugins().refresh();
        if (changes.none()) {
            return;
        }
        changes.loaded().forEach(id -> out.println("plugin " + id + " loaded"));
        changes.reloaded().forEach(id -> out.println("plugin " + id + " reloaded"));
        changes.unloaded().forEach(id -> out.println("plugin " + id + " unloaded"));
        changes.failed()
                .forEach(p -> out.println("plugin file " + p.path().getFileName() + " not loaded: " + p.reason()));
        for (String pluginId : changes.affected()) {
            List<io.ipaas.harness.store.Subscription> mine = store.subscriptions().stream()
                    .filter(s -> s.pluginId().equals(pluginId))
                    .toList();
            mine.forEach(s -> dropUnits(s.id()));
            if (harness.plugins().plugin(pluginId).isEmpty()) {
                mine.forEach(s -> out.println(s.id() + ": waits for plugin " + pluginId + " to come back"));
                continue;
            }
            List<io.ipaas.harness.store.Subscription> active = mine.stream()
                    .filter(s -> s.status().equals(LifecycleCommands.ACTIVE))
                    .toList();
            try {
                setUp(active, webhooksOn);
            } catch (RuntimeException e) {
                out.println("plugin " + pluginId + ": its subscriptions could not be opened again: " + e.getMessage());
            }
        }
        out.flush();
    }

    /** Hands work to serve's loop: it runs at the start of the next pass, on the loop's thread. */
    void submit(Runnable task) {
        tasks.add(task);
    }

    /** Pulls every unit of the subscription on this pass, whatever its interval. */
    void runNow(String subscriptionId) {
        units.stream().filter(u -> u.subscription.id().equals(subscriptionId)).forEach(u -> u.dueNow = true);
    }

    /** One pass: renew what needs it, pull what is due. */
    void tick() {
        for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
            try {
                task.run();
            } catch (RuntimeException e) {
                out.println("a request from the web UI failed: " + e.getMessage());
                out.flush();
            }
        }
        Map<String, String> states = new java.util.HashMap<>();
        for (Unit unit : units) {
            String state = states.computeIfAbsent(unit.subscription.id(), this::currentState);
            if (!state.equals(LifecycleCommands.ACTIVE)) {
                // paused, unsubscribed or waiting for a sign-in: its notices wait in the store
                continue;
            }
            renewIfDue(unit);
            long upTo = store.openNoticesUpTo(unit.subscription.id(), unit.entity);
            Instant now = clock.instant();
            boolean due = unit.dueNow
                    || upTo > 0
                    || unit.status
                            .lastRunAt()
                            .map(last -> !last.plus(pollInterval).isAfter(now))
                            .orElse(true);
            if (!due || !lease(unit, now)) {
                continue;
            }
            try {
                PrintWriter quiet = new PrintWriter(Writer.nullWriter());
                PullCommand.Result result = PullCommand.pull(
                        harness,
                        unit.subscription.id(),
                        unit.entity,
                        false,
                        20_000,
                        PullRunner.DEFAULT_MAX_WAIT,
                        quiet,
                        quiet,
                        PullCommand.Display.NONE);
                // the pull committed: the notices it answers are handled, deletes applied in the same transaction
                int deleted = handle(unit, upTo);
                unit.dueNow = false;
                record(unit, Optional.of(result.report().received()), Optional.empty());
                if (result.report().received() > 0 || upTo > 0) {
                    out.println(unit.subscription.id() + " " + unit.entity + ": "
                            + result.report().received()
                            + " records" + (upTo > 0 ? " after notices" : "")
                            + (deleted > 0 ? ", " + deleted + " deleted" : ""));
                    out.flush();
                }
            } catch (RuntimeException e) {
                record(unit, Optional.empty(), Optional.of(e.getMessage()));
                out.println(unit.subscription.id() + " " + unit.entity + ": " + e.getMessage());
                out.flush();
                // a failed pull may have paused the subscription (a sign-in lapsed): its other units wait, not fail
                states.remove(unit.subscription.id());
            } finally {
                store.releaseLease(unit.subscription.id(), unit.entity, owner);
            }
        }
    }

    /**
     * Takes the unit's lease: free, run out, or held by a serve on this machine whose process is gone (killed, say),
     * which is taken over and told.
     */
    private boolean lease(Unit unit, Instant now) {
        if (store.tryLease(unit.subscription.id(), unit.entity, owner, now.plus(LEASE))) {
            return true;
        }
        Optional<String> holder = store.leaseOwner(unit.subscription.id(), unit.entity);
        if (holder.isEmpty() || !LeaseHolder.goneFromThisHost(holder.get())) {
            return false;
        }
        store.releaseLease(unit.subscription.id(), unit.entity, holder.get());
        out.println(unit.subscription.id() + " " + unit.entity + ": took over the lease of a serve that stopped ("
                + holder.get() + ")");
        out.flush();
        return store.tryLease(unit.subscription.id(), unit.entity, owner, now.plus(LEASE));
    }

    /** The subscription's state in the store, told once on the output when it changed since the last pass. */
    private String currentState(String subscriptionId) {
        String state = store.subscription(subscriptionId)
                .map(io.ipaas.harness.store.Subscription::status)
                .orElse(LifecycleCommands.UNSUBSCRIBED);
        String before = announced.put(subscriptionId, state);
        if (!state.equals(before) && (before != null || !state.equals(LifecycleCommands.ACTIVE))) {
            out.println(subscriptionId + ": " + state + " — " + whatServeDoes(subscriptionId, state));
            out.flush();
        }
        return state;
    }

    private static String whatServeDoes(String subscriptionId, String state) {
        switch (state) {
            case LifecycleCommands.ACTIVE:
                return "synced again; notices that waited are handled now";
            case LifecycleCommands.PAUSED:
                return "not synced; notices keep arriving and wait (resume " + subscriptionId + ")";
            case LifecycleCommands.UNSUBSCRIBED:
                return "no longer synced";
            case Harness.SECRETS_FORGOTTEN:
                return "not synced until it is subscribed again with its settings file (its secrets were forgotten)";
            default:
                return "not synced until a user signs in again (auth connect " + subscriptionId
                        + "); notices keep arriving and wait";
        }
    }

    /**
     * Removes the records the remote reported deleted from every inbound collection of the entity (the platform's
     * tombstones: a pull from the watermark never sees a delete) and marks the notices handled, in one transaction.
     */
    private int handle(Unit unit, long upTo) {
        if (upTo == 0) {
            return 0;
        }
        List<String> deleted = store.openDeletedKeys(unit.subscription.id(), unit.entity, upTo);
        List<StoredCollection> collections = collections(unit);
        store.inTransaction(tx -> {
            for (StoredCollection collection : collections) {
                tx.deleteRecords(collection, deleted);
            }
            tx.noticesHandled(unit.subscription.id(), unit.entity, upTo);
        });
        return deleted.size();
    }

    /**
     * For every unit whose connector lists keys, polled or on a webhook: every reconcile interval, the keys stored
     * before the listing began that the remote no longer has are deleted (the platform's tombstones for deletes nothing
     * notified: an entity without webhooks, or a delete notice the remote gave up on while this host was down). A
     * listing that fails deletes nothing.
     */
    void reconcileDue() {
        for (Unit unit : units) {
            Instant now = clock.instant();
            if (unit.reconciledAt.plus(reconcileInterval).isAfter(now)) {
                continue;
            }
            if (!store.subscription(unit.subscription.id())
                    .map(s -> s.status().equals(LifecycleCommands.ACTIVE))
                    .orElse(false)) {
                continue;
            }
            Optional<io.ipaas.connector.api.entity.RecordKeys> keys = harness.call(
                    unit.plugin, () -> unit.connector.entity(unit.work).keys());
            unit.reconciledAt = now;
            if (keys.isEmpty() || !lease(unit, now)) {
                continue;
            }
            try {
                long started = System.currentTimeMillis();
                java.util.Set<String> remote = new java.util.HashSet<>();
                harness.call(unit.plugin, () -> {
                    keys.get().forEach(remote::add);
                    return null;
                });
                int deleted = 0;
                for (StoredCollection collection : collections(unit)) {
                    List<String> gone = store.storedKeysBefore(collection, started).stream()
                            .filter(key -> !remote.contains(key))
                            .toList();
                    if (!gone.isEmpty()) {
                        store.inTransaction(tx -> tx.deleteRecords(collection, gone));
                        deleted += gone.size();
                    }
                }
                out.println(unit.subscription.id() + " " + unit.entity + ": reconciled " + remote.size()
                        + " remote keys, " + deleted + " deleted");
            } catch (RuntimeException e) {
                out.println(unit.subscription.id() + " " + unit.entity + ": not reconciled, nothing deleted: "
                        + e.getMessage());
            } finally {
                store.releaseLease(unit.subscription.id(), unit.entity, owner);
                out.flush();
            }
        }
    }

    /** Where the entity's inbound collections keep their records. */
    private List<StoredCollection> collections(Unit unit) {
        return harness.inbound(unit.subscription.id(), unit.work.entity()).stream()
                .map(c -> store.collection(
                        unit.subscription.id(), unit.work.qualified(c.name()), unit.entity, c.target()))
                .toList();
    }

    /** Sends again the pushes whose next attempt on the outbox's schedule is due. */
    void sendDueOutbox() {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Unit unit : units) {
            io.ipaas.harness.store.Subscription subscription = unit.subscription;
            if (!seen.add(subscription.id())
                    || !store.subscription(subscription.id())
                            .map(s -> s.status().equals(LifecycleCommands.ACTIVE))
                            .orElse(false)) {
                continue;
            }
            store.dueOutbound(subscription.id(), clock.instant()).forEach((entity, records) -> {
                StringWriterLine line = new StringWriterLine();
                try {
                    PushCommand.push(harness, subscription, entity, records, false, line.writer());
                    out.println(subscription.id() + " " + entity + ": outbox, " + line.last());
                } catch (RuntimeException e) {
                    out.println(subscription.id() + " " + entity + ": outbox not sent again: " + e.getMessage());
                }
                out.flush();
            });
        }
    }

    /** Keeps the last line a command printed. */
    private static final class StringWriterLine {
        private final java.io.StringWriter text = new java.io.StringWriter();

        PrintWriter writer() {
            return new PrintWriter(text, true);
        }

        String last() {
            return text.toString().lines().reduce((a, b) -> b).orElse("");
        }
    }

    private void renewIfDue(Unit unit) {
        if (unit.remote.isEmpty()
                || unit.remote.get().expiresAt().minus(RENEW_BEFORE).isAfter(clock.instant())) {
            return;
        }
        Optional<WebhookSink> sink = harness.call(unit.plugin, () -> unit.connector.webhooks(unit.work.scope()));
        if (sink.isPresent()) {
            subscribe(unit, sink.get());
            // a subscription the remote dropped may have missed changes: the next pull reconciles from the watermark
            unit.dueNow = true;
        }
    }

    private void record(Unit unit, Optional<Long> records, Optional<String> error) {
        EntityStatus s = unit.status;
        unit.status = new EntityStatus(
                s.subscriptionId(),
                s.entity(),
                s.mode(),
                s.reason(),
                s.remoteId(),
                s.remoteExpires(),
                s.remoteAttributes(),
                s.pathToken(),
                Optional.of(clock.instant()),
                records.isPresent() ? records : s.lastRecords(),
                error,
                s.lastNoticeAt());
        store.saveEntityStatus(unit.status);
    }

    private void save(Unit unit, String mode, String reason, String token) {
        unit.status = status(unit, mode, reason, Optional.ofNullable(token));
        store.saveEntityStatus(unit.status);
    }

    private EntityStatus status(Unit unit, String mode, String reason, Optional<String> token) {
        EntityStatus s = unit.status;
        return new EntityStatus(
                unit.subscription.id(),
                unit.entity,
                mode,
                reason,
                unit.remote.map(Subscription::id),
                unit.remote.map(Subscription::expiresAt),
                unit.remote.map(Subscription::attributes).orElse(Map.of()),
                token,
                s == null ? Optional.empty() : s.lastRunAt(),
                s == null ? Optional.empty() : s.lastRecords(),
                s == null ? Optional.empty() : s.lastError(),
                s == null ? Optional.empty() : s.lastNoticeAt());
    }

    private String every() {
        return pollInterval.toSeconds() + " s";
    }

    private static String token() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public void close() {
        endpoint.close();
        for (Connector connector : connectors) {
            try {
                connector.close();
            } catch (RuntimeException e) {
                // closing releases the connector's resources; nothing else depends on it
            }
        }
    }
}
