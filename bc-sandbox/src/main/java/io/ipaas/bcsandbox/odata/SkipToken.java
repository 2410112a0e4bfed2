package io.ipaas.bcsandbox.odata;

import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * The sandbox's {@code $skiptoken}: the position of the next record plus a fingerprint of the collection it
 * belongs to, base64url-encoded. Clients treat it as opaque (BC's format is unconfirmed, facts §3.2); the
 * fingerprint stops a token of one collection from being replayed against another.
 */
public final class SkipToken {
    private static final byte VERSION = 1;

    private SkipToken() {}

    public static String encode(String scope, long position) {
        ByteBuffer buffer = ByteBuffer.allocate(15);
        buffer.put(VERSION).putInt(scope.hashCode()).putLong(position);
        buffer.putShort(checksum(buffer.array(), 13));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
    }

    /** The position in {@code token}; BC's query-syntax 400 when it is not a token of {@code scope}. */
    public static long decode(String token, String scope) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            throw BcErrors.querySyntax();
        }
        if (bytes.length != 15) {
            throw BcErrors.querySyntax();
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        byte version = buffer.get();
        int scopeHash = buffer.getInt();
        long position = buffer.getLong();
        short checksum = buffer.getShort();
        if (version != VERSION || scopeHash != scope.hashCode() || position < 0 || checksum != checksum(bytes, 13)) {
            throw BcErrors.querySyntax();
        }
        return position;
    }

    private static short checksum(byte[] bytes, int length) {
        int sum = 0x5bc;
        for (int i = 0; i < length; i++) {
            sum = sum * 31 + bytes[i];
        }
        return (short) (sum ^ (sum >>> 16));
    }
}
