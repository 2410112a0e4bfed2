package io.ipaas.bcsandbox.data;

/** SplitMix64-style hashing: turns (seed, salt, index) into well-spread bits without any state. */
final class Mix {
    private Mix() {}

    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    static long hash(long seed, long salt, long index) {
        return mix64(mix64(mix64(seed ^ 0x9E3779B97F4A7C15L) + salt) + index);
    }

    /** A non-negative value below {@code bound}, taken from the high bits of {@code h}. */
    static int pick(long h, int bound) {
        return (int) Long.remainderUnsigned(h, bound);
    }
}
