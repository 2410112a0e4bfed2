package io.ipaas.bcsandbox.data;

import java.util.UUID;

/**
 * GUIDs in the shape Business Central online hands out ({@code xxxxxxxx-xxxx-f011-a5f1-6045bd7e02c4}):
 * the tail is fixed per environment, so the sandbox encodes a record's kind and position in the head.
 * That makes every id reversible, so a lookup by id needs no index and no memory.
 */
final class BcGuids {
    /** Groups 4 and 5 ({@code a5f1-6045bd7e02c4}), as seen in the fixtures. */
    static final long TAIL = 0xa5f16045bd7e02c4L;

    static final int ITEM_KIND = 0xf011;
    static final int VARIANT_KIND = 0xf111;
    static final UUID EMPTY = new UUID(0L, 0L);

    private static final int MULTIPLIER = 0x9E3779B1;
    private static final int MULTIPLIER_INVERSE = inverse(MULTIPLIER);

    private BcGuids() {}

    static UUID of(int group1, int group2, int group3) {
        long msb = ((group1 & 0xffffffffL) << 32) | ((long) (group2 & 0xffff) << 16) | (group3 & 0xffff);
        return new UUID(msb, TAIL);
    }

    static int group1(UUID id) {
        return (int) (id.getMostSignificantBits() >>> 32);
    }

    static int group2(UUID id) {
        return (int) ((id.getMostSignificantBits() >>> 16) & 0xffff);
    }

    static int group3(UUID id) {
        return (int) (id.getMostSignificantBits() & 0xffff);
    }

    static boolean hasTail(UUID id) {
        return id.getLeastSignificantBits() == TAIL;
    }

    /** A bijection on 32 bits: spreads consecutive indexes over the id space, yet stays reversible. */
    static int scramble(long index, int salt) {
        return (int) index * MULTIPLIER + salt;
    }

    static long unscramble(int group1, int salt) {
        return ((group1 - salt) * MULTIPLIER_INVERSE) & 0xffffffffL;
    }

    /** Multiplicative inverse modulo 2^32 by Newton's iteration (each step doubles the correct bits). */
    private static int inverse(int odd) {
        int x = odd;
        for (int i = 0; i < 5; i++) {
            x *= 2 - odd * x;
        }
        return x;
    }
}
