package io.ipaas.connector.testkit.reference;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small contacts service held in memory: the "remote system" of the reference connector. Every method a client
 * calls counts as one request and checks the API key; the methods a test uses to change data behind the
 * connector's back ({@link #touch}, {@link #add}, {@link #delete}) do not count.
 *
 * <p>Each change gets the next sequence number, and {@link #changesAfter} pages by it, tombstones included: a
 * change feed like many SaaS APIs offer. A test can also slip in a contact without an id ({@link #addWithoutId}) and
 * make the next requests fail as a busy service does ({@link #failNext}).
 */
final class ContactsRemote {
    /** One contact as stored, or its tombstone; {@code id} is null for a contact stored without one. */
    record Contact(String id, String name, BigDecimal balance, long visits, long sequence, boolean deleted) {}

    /** One page of the change feed. */
    record Page(List<Contact> contacts, boolean hasMore) {}

    /** The remote's answer to a wrong API key. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /** The remote's answer while it is busy: 429 with a wait, or 503 without one. */
    static final class Busy extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final Duration retryAfter;

        Busy(Optional<Duration> retryAfter) {
            super(retryAfter.isPresent() ? "429 too many requests" : "503 service unavailable");
            this.retryAfter = retryAfter.orElse(null);
        }

        Optional<Duration> retryAfter() {
            return Optional.ofNullable(retryAfter);
        }
    }

    private record RemoteSubscription(String entity, URI url, String clientState) {}

    private final String apiKey;
    private final AtomicLong requests = new AtomicLong();
    private final Map<String, Contact> contacts = new LinkedHashMap<>();
    private final Map<String, String> createdByIdempotencyKey = new LinkedHashMap<>();
    private final Map<String, RemoteSubscription> subscriptions = new LinkedHashMap<>();
    private final Deque<Busy> failures = new ArrayDeque<>();
    private long sequence;
    private int nextId;

    ContactsRemote(String apiKey, int initialContacts) {
        this.apiKey = apiKey;
        for (int i = 0; i < initialContacts; i++) {
            add();
        }
    }

    /** Requests received so far. */
    long requests() {
        return requests.get();
    }

    // --- the API a client calls -------------------------------------------------------------------------

    /** The account the key belongs to. */
    synchronized String account(String key) {
        request(key);
        return "reference contacts (" + live().size() + " contacts)";
    }

    /** Changes with a sequence number above {@code after}, oldest first, at most {@code limit}. */
    synchronized Page changesAfter(String key, long after, int limit) {
        request(key);
        List<Contact> changed = contacts.values().stream()
                .filter(c -> c.sequence() > after)
                .sorted((a, b) -> Long.compare(a.sequence(), b.sequence()))
                .toList();
        return new Page(List.copyOf(changed.subList(0, Math.min(limit, changed.size()))), changed.size() > limit);
    }

    /** Creates a contact; a repeated idempotency key returns the contact it created before. */
    synchronized String create(String key, Optional<String> idempotencyKey, String name, BigDecimal balance) {
        request(key);
        Objects.requireNonNull(name, "name");
        if (idempotencyKey.isPresent() && createdByIdempotencyKey.containsKey(idempotencyKey.get())) {
            return createdByIdempotencyKey.get(idempotencyKey.get());
        }
        String id = newContact(name, balance);
        idempotencyKey.ifPresent(k -> createdByIdempotencyKey.put(k, id));
        return id;
    }

    synchronized String subscribe(String key, String entity, URI url, String clientState) {
        request(key);
        String id = "sub-" + (subscriptions.size() + 1);
        subscriptions.put(id, new RemoteSubscription(entity, url, clientState));
        return id;
    }

    synchronized void unsubscribe(String key, String id) {
        request(key);
        subscriptions.remove(id);
    }

    // --- what a test does behind the connector's back ------------------------------------------------------

    /** Ids of the contacts that exist (tombstones and contacts without an id excluded). */
    synchronized List<String> live() {
        return contacts.values().stream()
                .filter(c -> !c.deleted() && c.id() != null)
                .map(Contact::id)
                .toList();
    }

    /** Stores a contact without an id, as a buggy import would; returns the handle {@link #remove} takes. */
    synchronized String addWithoutId() {
        String handle = "no-id-" + (++sequence);
        contacts.put(handle, new Contact(null, "Unreadable", BigDecimal.ONE, 0, sequence, false));
        return handle;
    }

    /** Removes a contact without a trace (no tombstone), as an administrator's clean-up would. */
    synchronized void remove(String handle) {
        contacts.remove(handle);
    }

    /** The next {@code count} requests fail: 429 with {@code retryAfter} when given, else 503. */
    synchronized void failNext(int count, Optional<Duration> retryAfter) {
        for (int i = 0; i < count; i++) {
            failures.add(new Busy(retryAfter));
        }
    }

    synchronized String touch(String id) {
        Contact c = contacts.get(id);
        contacts.put(id, new Contact(id, c.name() + " (edited)", c.balance(), c.visits() + 1, ++sequence, false));
        return id;
    }

    synchronized String add() {
        int n = nextId;
        return newContact("Contact " + n, BigDecimal.valueOf(n * 125L + 7, 2));
    }

    synchronized String delete(String id) {
        Contact c = contacts.get(id);
        contacts.put(id, new Contact(id, c.name(), c.balance(), c.visits(), ++sequence, true));
        return id;
    }

    /** The client state the connector gave when it made this subscription. */
    synchronized String clientState(String subscriptionId) {
        return subscriptions.get(subscriptionId).clientState();
    }

    private String newContact(String name, BigDecimal balance) {
        String id = String.format("c-%04d", nextId++);
        contacts.put(id, new Contact(id, name, balance, nextId % 3, ++sequence, false));
        return id;
    }

    private void request(String key) {
        requests.incrementAndGet();
        Busy busy = failures.poll();
        if (busy != null) {
            throw busy;
        }
        if (!apiKey.equals(key)) {
            throw new Refused("401 unknown API key");
        }
    }
}
