package io.ipaas.harness.ui;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the web UI asks of the host. The UI renders and checks requests; every action goes through the same code the
 * CLI runs (validation, subscribe, status, pause and resume), implemented by the host behind this interface.
 */
public interface UiBackend {

    List<PluginView> plugins();

    /** JARs in the plugins folder that did not load, with why. */
    List<PluginProblemView> pluginProblems();

    List<SubscriptionView> subscriptions();

    /** The plugin's settings as JSON Schema 2020-12, with its groups and profiles. */
    Map<String, Object> settingsSchema(String pluginId);

    /** Checks the settings as the CLI does and subscribes; problems name their setting (or "" for the whole form). */
    SubscribeResult subscribe(String pluginId, String name, Map<String, Object> raw, boolean defaultMappings);

    Optional<DashboardView> dashboard(String subscriptionId);

    void pause(String subscriptionId);

    void resume(String subscriptionId);

    /** Pulls every unit of the subscription on serve's next pass. */
    void runNow(String subscriptionId);

    /**
     * Starts a user's sign-in (state and PKCE kept by the host for ten minutes); returns the identity provider's
     * authorize address, which sends the browser back to {@code redirectUri}.
     */
    java.net.URI beginSignIn(String subscriptionId, java.net.URI redirectUri);

    /** Redeems the provider's answer (state checked once, PKCE verifier sealed); the outcome to show. */
    SignInResult completeSignIn(Map<String, String> parameters);

    record SignInResult(Optional<String> subscriptionId, boolean connected, String message) {}

    /** The installation guide's post-installation checks, the sample push as a dry run. */
    List<Check> verify(String subscriptionId);

    record Check(String name, boolean passed, String detail) {}

    /** Pushes one outbox record again now, as {@code retry} does; the push's last line. */
    String retry(String subscriptionId, String entity, String key);

    /** The subscription's mapping documents, by name. */
    List<MappingView> mappings(String subscriptionId);

    /** Checks a mapping document as subscribe does and saves it; the problem, or empty when saved. */
    Optional<String> saveMapping(String subscriptionId, String documentName, String json);

    /** Maps a sample record with one collection, stores nothing: the mapped record, or why it cannot be mapped. */
    Preview preview(String subscriptionId, String collection, String sampleJson);

    record MappingView(String name, String json, List<String> collections) {}

    record Preview(boolean mapped, String output) {}

    /** The newest log lines holding {@code filter} (any case), anything shaped like a credential masked. */
    List<String> log(String filter, int limit);

    record PluginView(
            String id,
            String version,
            String displayName,
            String description,
            List<String> entities,
            List<String> auth) {}

    record PluginProblemView(String jar, String reason) {}

    record SubscriptionView(String id, String pluginId, String name, String state) {}

    /** Either the new subscription's id and the connection check's message, or the problems to show. */
    record SubscribeResult(Optional<String> id, String message, List<Problem> problems) {}

    record Problem(String key, String message) {}

    /**
     * @param signIn where the connection stands with its identity provider, e.g. "CONNECTED" or "NEEDS_REAUTH: …"
     * @param interactive whether a user signs in (the page then offers Connect)
     */
    record DashboardView(
            SubscriptionView subscription,
            String whatToDo,
            String signIn,
            boolean interactive,
            List<UnitView> units,
            List<OutboxView> outbox,
            List<RunView> runs) {}

    /** One pull: when, which unit, records received, requests made. */
    record RunView(Instant at, String unit, long records, long requests) {}

    record UnitView(
            String id,
            String mode,
            String reason,
            String watermark,
            Optional<Instant> lastRun,
            Optional<Long> lastRecords,
            long stored,
            long quarantined,
            Optional<Instant> webhookExpires,
            Optional<Instant> lastNotice,
            long openNotices,
            Optional<String> lastError) {}

    record OutboxView(String entity, String key, String status, int attempts, String error) {}
}
