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
 * This JVM's heap while it runs: the highest heap use seen (sampled every few milliseconds, garbage included, so at
 * most the heap's maximum) and the highest heap use left after a garbage collection (an upper bound of what the
 * run holds: a young collection leaves the old generation's garbage in place).
 */
public final class HeapPeak implements AutoCloseable {
    private static final long SAMPLE_MS = 5;
    private final AtomicLong peakUsed = new AtomicLong();
    private final AtomicLong peakAfterGc = new AtomicLong();
    private final Thread sampler;
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener afterGc = this::collected;

    private HeapPeak() {
        sampler = new Thread(this::sample, "bench-heap-sampler");
        sampler.setDaemon(true);
    }

    /** Starts watching from now. */
    public static HeapPeak start() {
        HeapPeak peak = new HeapPeak();
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(peak.afterGc, null, null);
                peak.emitters.add(emitter);
            }
        }
        peak.sampler.start();
        return peak;
    }

    /** The highest heap use seen, in bytes. */
    public long usedBytes() {
        return peakUsed.get();
    }

    /** The highest heap use left after a collection, in bytes. */
    public long afterGcBytes() {
        return peakAfterGc.get();
    }

    private void sample() {
        while (!Thread.currentThread().isInterrupted()) {
            peakUsed.accumulateAndGet(
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
            try {
                Thread.sleep(SAMPLE_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void collected(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        long heap = 0;
        for (Map.Entry<String, MemoryUsage> pool :
                info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (isHeap(pool.getKey())) {
                heap += pool.getValue().getUsed();
            }
        }
        peakAfterGc.accumulateAndGet(heap, Math::max);
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
        sampler.interrupt();
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(afterGc);
            } catch (ListenerNotFoundException gone) {
                // already removed
            }
        }
    }
}
