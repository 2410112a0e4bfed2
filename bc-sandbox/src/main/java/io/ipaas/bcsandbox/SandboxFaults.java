package io.ipaas.bcsandbox;

import io.ipaas.bcsandbox.entra.ClientRegistry;
import io.ipaas.bcsandbox.odata.BcErrors;
import io.ipaas.bcsandbox.odata.BcException;
import io.ipaas.bcsandbox.odata.Disruption;
import io.ipaas.bcsandbox.odata.RecordFault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Fault injection for a running sandbox. Injected API failures are served, in order, to the next
 * authenticated API requests (BC throttles per user, so a request without a valid token still gets its 401).
 * Methods return this so calls chain: {@code faults().retryAfterSeconds(0).failNext(2, 503)}. Thread-safe.
 */
public final class SandboxFaults implements io.ipaas.bcsandbox.http.WriteFaults {
    private final Queue<BcException> pending = new ConcurrentLinkedQueue<>();
    private final Queue<Disruption> disruptions = new ConcurrentLinkedQueue<>();
    private final ClientRegistry registry;
    private final io.ipaas.bcsandbox.entra.DelegatedSessions sessions;
    private volatile Duration retryAfter = Duration.ofSeconds(1);
    private final Map<String, Map<Long, RecordFault>> brokenRecords = new ConcurrentHashMap<>();
    /** Injected write failures in order, each built for the table the write goes to. */
    private final Queue<java.util.function.Function<String, BcException>> writeFailures = new ConcurrentLinkedQueue<>();

    private final java.util.concurrent.atomic.AtomicInteger timeoutsAfterCreate =
            new java.util.concurrent.atomic.AtomicInteger();

    SandboxFaults(ClientRegistry registry, io.ipaas.bcsandbox.entra.DelegatedSessions sessions) {
        this.registry = registry;
        this.sessions = sessions;
    }

    /** Every user sign-in's refresh token is refused with AADSTS50173, as after a password change or an admin revoke. */
    public SandboxFaults revokeRefreshTokens() {
        sessions.revokeRefreshTokens(true);
        return this;
    }

    /** Every refresh token is refused with AADSTS700082, as after 90 days without use. */
    public SandboxFaults expireRefreshTokens() {
        sessions.expireRefreshTokens(true);
        return this;
    }

    /** Refresh hands back the same refresh token instead of a new one (rotation off). */
    public SandboxFaults refreshTokenRotation(boolean on) {
        sessions.rotation(on);
        return this;
    }

    /**
     * The {@code Retry-After} (whole seconds) of failures injected from now on (default 1, so clients that
     * honour it stay fast; the fixtures README suggests 30 for realism).
     */
    public SandboxFaults retryAfterSeconds(int seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("seconds must be >= 0");
        }
        this.retryAfter = Duration.ofSeconds(seconds);
        return this;
    }

    /**
     * The next {@code count} API requests fail with {@code status} and a BC-shaped body: 429 is
     * {@code Application_TooManyRequests} (fixture error_throttled_429.json) with {@code Retry-After};
     * 502/503 also carry Retry-After (BC documents it for them); 500, 504, 408, 409 get BC-style codes.
     */
    public SandboxFaults failNext(int count, int status) {
        if (count < 0 || status < 400 || status > 599) {
            throw new IllegalArgumentException("count must be >= 0 and status an HTTP error status (4xx/5xx)");
        }
        for (int i = 0; i < count; i++) {
            pending.add(BcErrors.injected(status, retryAfter));
        }
        return this;
    }

    /**
     * Serves one record of a company's collection broken until {@link #clear()}, in every page and every
     * {@code $filter} that includes it (filters still see its real values, so it stays where it was).
     *
     * @param entitySet "items" or "itemVariants" (the company-wide collection)
     * @param position the record's 0-based position in the collection (item {@code i} is at {@code i})
     */
    public SandboxFaults breakRecord(UUID companyId, String entitySet, long position, RecordFault fault) {
        if (!entitySet.equals("items") && !entitySet.equals("itemVariants")) {
            throw new IllegalArgumentException("entitySet must be items or itemVariants, got " + entitySet);
        }
        if (position < 0) {
            throw new IllegalArgumentException("position must be >= 0");
        }
        brokenRecords
                .computeIfAbsent(entitySet + ":" + companyId, scope -> new ConcurrentHashMap<>())
                .put(position, fault);
        return this;
    }

    /** The next {@code count} API requests are answered only after {@code delay} (a slow server or network). */
    public SandboxFaults slowNext(int count, Duration delay) {
        return disrupt(count, new Disruption(Disruption.Kind.SLOW, delay));
    }

    /** The next {@code count} collection pages stop halfway: a 200 whose body breaks off (a dropped connection). */
    public SandboxFaults truncateNext(int count) {
        return disrupt(count, new Disruption(Disruption.Kind.TRUNCATE, Duration.ZERO));
    }

    /** The next {@code count} API requests get no answer: the connection is closed (a reset). */
    public SandboxFaults resetNext(int count) {
        return disrupt(count, new Disruption(Disruption.Kind.RESET, Duration.ZERO));
    }

    private SandboxFaults disrupt(int count, Disruption disruption) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0");
        }
        for (int i = 0; i < count; i++) {
            disruptions.add(disruption);
        }
        return this;
    }

    Optional<Disruption> takeDisruption() {
        return Optional.ofNullable(disruptions.poll());
    }

    /** Injected failures not served yet. */
    public int pendingFailures() {
        return pending.size();
    }

    /**
     * The app's credentials stop working in Entra (token requests get 401 invalid_client AADSTS7000215) and BC
     * rejects the tokens it already holds (401 Authentication_InvalidCredentials).
     */
    public SandboxFaults revokeClient(String clientId) {
        registry.revoke(clientId);
        return this;
    }

    public SandboxFaults restoreClient(String clientId) {
        registry.restore(clientId);
        return this;
    }

    /**
     * The app is missing from BC's "Microsoft Entra Applications" page: Entra still issues tokens, BC answers
     * them with 401 Authentication_InvalidCredentials (facts §8.2).
     */
    public SandboxFaults unregisterInBc(String clientId) {
        registry.unregisterInBc(clientId);
        return this;
    }

    public SandboxFaults registerInBc(String clientId) {
        registry.registerInBc(clientId);
        return this;
    }

    /**
     * The next {@code count} writes (each inside a {@code $batch} too) fail as when another session holds the
     * record's table: 409, code {@code Internal_LockTimeout} and BC's lock message naming the table ('Sales Header',
     * 'Customer', 'Contact'), nothing stored. The message is BC's; the status and the code are unconfirmed (facts §10
     * style: no document shows a lock error's OData code). Clients retry a 409 that is not
     * {@code Request_EntityChanged}.
     */
    public SandboxFaults deadlockNext(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0");
        }
        for (int i = 0; i < count; i++) {
            writeFailures.add(table -> new BcException(
                    409,
                    "Internal_LockTimeout",
                    "We can't save your changes right now, because a record in table '" + table + "' is being"
                            + " updated in a transaction done by another session. Please wait a couple of minutes and"
                            + " try again."));
        }
        return this;
    }

    /** The next {@code count} writes fail with {@code status} (a 5xx, with Retry-After), nothing stored. */
    public SandboxFaults failWritesNext(int count, int status) {
        if (count < 0 || status < 500 || status > 599) {
            throw new IllegalArgumentException("count must be >= 0 and status a 5xx");
        }
        Duration after = retryAfter;
        for (int i = 0; i < count; i++) {
            writeFailures.add(table -> BcErrors.injected(status, after));
        }
        return this;
    }

    /**
     * The next {@code count} requests that create a sales order (a POST, or a {@code $batch} holding one) store
     * what they create, then close the connection without an answer: to the client, a timeout after the order was
     * created.
     */
    public SandboxFaults timeoutAfterCreateNext(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0");
        }
        timeoutsAfterCreate.addAndGet(count);
        return this;
    }

    @Override
    public Optional<BcException> nextWriteFailure(String table) {
        return Optional.ofNullable(writeFailures.poll()).map(failure -> failure.apply(table));
    }

    @Override
    public boolean takeTimeoutAfterCreate() {
        return timeoutsAfterCreate.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    /** Drops pending failures, restores every app in Entra and BC, and resets Retry-After to 1 s. */
    public void clear() {
        sessions.revokeRefreshTokens(false);
        sessions.expireRefreshTokens(false);
        sessions.rotation(true);
        pending.clear();
        disruptions.clear();
        writeFailures.clear();
        timeoutsAfterCreate.set(0);
        brokenRecords.clear();
        retryAfter = Duration.ofSeconds(1);
        registry.all().forEach(app -> {
            registry.restore(app.clientId());
            registry.registerInBc(app.clientId());
        });
    }

    Optional<RecordFault> recordFault(String scope, long position) {
        Map<Long, RecordFault> broken = brokenRecords.get(scope);
        return broken == null ? Optional.empty() : Optional.ofNullable(broken.get(position));
    }

    Optional<BcException> takeFailure() {
        return Optional.ofNullable(pending.poll());
    }
}
