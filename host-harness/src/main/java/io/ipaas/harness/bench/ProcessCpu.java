package io.ipaas.harness.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.time.Duration;

/** CPU time this JVM has used, to tell a busy harness from one waiting for the sandbox. */
public final class ProcessCpu {
    private ProcessCpu() {}

    public static Duration used() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean hotspot) {
            return Duration.ofNanos(hotspot.getProcessCpuTime());
        }
        return Duration.ZERO;
    }
}
