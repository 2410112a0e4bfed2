package io.ipaas.harness.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * This JVM's heap while it runs: the highest heap use (garbage included, so at most the heap's maximum) and the
 * highest heap use left after a garbage collection (an upper bound of what the run holds: a young collection leaves
 * the old generation's garbage in place). Both come from the collector's notifications: heap use only grows between
 * two collections, so its peak is what a collection found when it started (or what is in use now). No sampling
 * thread: one woken every few milliseconds cost the measured run 2% of its CPU.
 */
public final class HeapPeak implements AutoCloseable {
    private final AtomicLong peakUsed = new AtomicLong();
    private final AtomicLong peakAfterGc = new AtomicLong();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener afterGc = this::collected;

    private HeapPeak() {}

    /** Starts watching from now. */
    public static HeapPeak start() {
        HeapPeak peak = new HeapPeak();
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(peak.afterGc, null, null);
                peak.emitters.add(emitter);
            }
        }
        peak.peakUsed.set(heapUsedNow());
        return peak;
    }

    /** The highest heap use seen, in bytes. */
    public long usedBytes() {
        return peakUsed.accumulateAndGet(heapUsedNow(), Math::max);
    }

    /** The highest heap use left after a collection, in bytes. */
    public long afterGcBytes() {
        return peakAfterGc.get();
    }

    private static long heapUsedNow() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private void collected(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        peakUsed.accumulateAndGet(heapUsed(info.getGcInfo().getMemoryUsageBeforeGc()), Math::max);
        peakAfterGc.accumulateAndGet(heapUsed(info.getGcInfo().getMemoryUsageAfterGc()), Math::max);
    }

    private static long heapUsed(Map<String, MemoryUsage> pools) {
        long heap = 0;
        for (Map.Entry<String, MemoryUsage> pool : pools.entrySet()) {
            if (isHeap(pool.getKey())) {
                heap += pool.getValue().getUsed();
            }
        }
        return heap;
    }

    private static boolean isHeap(String poolName) {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getName().equals(poolName)) {
                return pool.getType() == MemoryType.HEAP;
            }
        }
        return false;
    }

    @Override
    public void close() {
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(afterGc);
            } catch (ListenerNotFoundException gone) {
                // already removed
            }
        }
    }
}
