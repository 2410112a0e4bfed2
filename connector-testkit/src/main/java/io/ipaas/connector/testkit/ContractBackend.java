package io.ipaas.connector.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The system a connector's contract test runs against (an emulator, a WireMock server, an in-memory fake), as its
 * author provides it. Started before the suite, closed after it.
 *
 * <p>Only {@link #validSettings()}, {@link #expectedKeys()} and {@link #close()} are required. Every other method
 * is an optional capability that defaults to "not offered"; a case that needs a capability the backend lacks is
 * skipped with a reason naming it, so a minimal connector passes and a fuller backend makes the kit stricter.
 */
public interface ContractBackend extends AutoCloseable {

    /** Raw settings (as parsed from JSON) that reach this backend and pass validation. */
    Map<String, Object> validSettings();

    /**
     * Like {@link #validSettings()} but with credentials the backend refuses; empty for a connector without
     * credentials, which skips the wrong-credential case.
     */
    default Optional<Map<String, Object>> settingsWithWrongCredentials() {
        return Optional.empty();
    }

    /**
     * Like {@link #validSettings()} but syncing several scopes of the remote system (Business Central: companies) whose
     * first entity holds different records in each; empty for a connector with one scope, which skips the scope cases.
     */
    default Optional<Map<String, Object>> settingsWithScopes() {
        return Optional.empty();
    }

    /**
     * Settings that sign in interactively (authorization code) against this backend, whose authorize endpoint must
     * answer at once with a redirect (see {@link BrowserSignIn}); empty when the connector or the backend offers no
     * interactive sign-in, which skips the interactive auth cases.
     */
    default Optional<Map<String, Object>> interactiveSettings() {
        return Optional.empty();
    }

    /**
     * Entities the suite pulls, each with the keys of every record the backend holds for it <em>now</em>: after
     * {@link #changeRecords} or a write, the answer reflects the change.
     */
    Map<String, Set<String>> expectedKeys();

    /**
     * Every request the backend has received so far (data API and token endpoint alike), or empty when it does not
     * count them. Counting lets the kit check that {@code open()} and {@code auth().status()} stay off the network
     * and that a webhook is handled without fetching data.
     */
    default OptionalLong requests() {
        return OptionalLong.empty();
    }

    /**
     * Changes some of {@code entity}'s records at the backend, as users of the remote system would between two syncs:
     * ideally one record touched (modified), one added and one deleted. Empty when the backend cannot change this
     * entity's records, which skips the incremental case for it.
     *
     * @return which keys changed, and whether polling is expected to see the deletes
     */
    default Optional<RecordChanges> changeRecords(String entity) {
        return Optional.empty();
    }

    /**
     * Records to write, one fixture per writable entity; empty (the default) skips the writer cases. The kit writes
     * each fixture's records once per case, so every call must return records with fresh idempotency keys.
     */
    default List<WriterFixture> writerFixtures() {
        return List.of();
    }

    /**
     * Where subscriptions deliver, when the remote system calls the URL back while subscribing (a handshake): a
     * server of the backend's that answers it as the host would. Empty: an address nobody answers.
     */
    default Optional<java.net.URI> notificationUrl() {
        return Optional.empty();
    }

    /**
     * Notifications as the remote system would send them, for the webhook cases; empty (the default) skips them.
     */
    default Optional<WebhookFixture> webhookFixture() {
        return Optional.empty();
    }

    /**
     * Makes the backend serve, among {@code entity}'s records, one the connector cannot read, until the returned
     * handle is closed; ideally in the middle of the records rather than last. Empty when the backend cannot, which
     * skips the unreadable-record case for this entity.
     */
    default Optional<UnreadableRecord> serveUnreadableRecord(String entity) {
        return Optional.empty();
    }

    /**
     * Makes the next {@code count} data requests fail as a busy remote answers them: 429 with a {@code Retry-After}
     * of {@code retryAfter} when one is given, 503 otherwise (or the nearest status the backend can send without
     * the header). A backend whose connector retries a failed request by itself fails that many more requests, so
     * that {@code count} polls in a row fail. False (the default) skips the transient-failure case.
     */
    default boolean failNextRequests(int count, Optional<Duration> retryAfter) {
        return false;
    }

    @Override
    void close();
}
