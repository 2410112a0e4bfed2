package io.ipaas.bcsandbox.data;

import java.util.UUID;

/** Deterministic GUIDs in BC's style ({@code xxxxxxxx-xxxx-f011-a5f1-6045bdxxxxxx}). */
final class Ids {
    private Ids() {
    }

    static UUID of(long seed, int kind, long index) {
        long mixed = mix(seed * 31 + kind * 1_000_003L + index);
        long high = (mixed & 0xFFFFFFFF_FFFF0000L) | 0xF011L;
        long low = 0xA5F16045BD000000L | (mix(mixed) & 0xFFFFFFL);
        return new UUID(high, low);
    }

    static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
