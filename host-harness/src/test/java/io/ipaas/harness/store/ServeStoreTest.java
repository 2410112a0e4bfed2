package io.ipaas.harness.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What serve keeps in the store: leases two harnesses contend for, notices and their handling, entity status. */
class ServeStoreTest {
    @TempDir
    Path home;

    /** The store under test; {@link PostgresServeStoreTest} runs every case on PostgreSQL, as two harnesses share it. */
    Store open() {
        return Store.open(home);
    }

    @Test
    void onlyOneHarnessHoldsAnEntitysLeaseUntilItIsReleasedOrRunsOut() {
        try (Store one = open();
                Store two = open()) {
            Instant later = Instant.now().plusSeconds(60);
            assertTrue(one.tryLease("sub-1", "items", "serve-a", later));
            assertFalse(two.tryLease("sub-1", "items", "serve-b", later), "held by another harness");
            assertTrue(two.tryLease("sub-1", "customers", "serve-b", later), "another entity is free");
            assertTrue(one.tryLease("sub-1", "items", "serve-a", later), "the holder may extend it");
            one.releaseLease("sub-1", "items", "serve-a");
            assertTrue(two.tryLease("sub-1", "items", "serve-b", later));
            assertFalse(one.tryLease("sub-1", "customers", "serve-a", later));
            two.releaseLease("sub-1", "customers", "serve-b");
            assertTrue(
                    one.tryLease("sub-1", "customers", "serve-a", Instant.now().minusSeconds(1)));
            assertTrue(two.tryLease("sub-1", "customers", "serve-b", later), "a lease that ran out is taken over");
        }
    }

    @Test
    void noticesStayOpenUntilThePullTheyStartedIsMarkedHandled() {
        try (Store store = open()) {
            store.saveEntityStatus(new EntityStatus(
                    "sub-1",
                    "customers",
                    "webhook",
                    "notified",
                    Optional.of("abc"),
                    Optional.of(Instant.now()),
                    Map.of("etag", "W/\"1\""),
                    Optional.of("token-token-token"),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty()));
            Instant received = Instant.parse("2026-12-04T03:00:00Z");
            store.storeNotices(List.of(
                    new Notice(0, "sub-1", "customers", "UPDATED", Optional.of("c1"), Optional.empty(), received),
                    new Notice(
                            0, "sub-1", "customers", "COLLECTION", Optional.empty(), Optional.of(received), received)));
            long upTo = store.openNoticesUpTo("sub-1", "customers");
            assertEquals(2, store.openNotices("sub-1").size());
            store.storeNotices(List.of(
                    new Notice(0, "sub-1", "customers", "DELETED", Optional.of("c2"), Optional.empty(), received)));
            store.noticesHandled("sub-1", "customers", upTo);
            List<Notice> open = store.openNotices("sub-1");
            assertEquals(1, open.size(), "a notice that came during the pull stays open");
            assertEquals("DELETED", open.get(0).changeType());
            EntityStatus status = store.entityStatus("sub-1").get(0);
            assertEquals(Optional.of(received), status.lastNoticeAt());
            assertEquals(Map.of("etag", "W/\"1\""), status.remoteAttributes());
        }
    }
}
