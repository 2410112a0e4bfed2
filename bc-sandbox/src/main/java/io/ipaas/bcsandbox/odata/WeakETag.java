package io.ipaas.bcsandbox.odata;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * BC's weak ETag shape: {@code W/"<base64 of '44;<base64 SHA-256>1;00;'>"} (facts §3.3). The hash input is
 * the record's identity and modification time, so the ETag changes exactly when the record does.
 */
public final class WeakETag {
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    });

    private WeakETag() {}

    public static String of(String content) {
        byte[] digest = SHA256.get().digest(content.getBytes(StandardCharsets.UTF_8));
        String inner = "'44;" + Base64.getEncoder().encodeToString(digest) + "1;00;'";
        return "W/\"" + Base64.getEncoder().encodeToString(inner.getBytes(StandardCharsets.UTF_8)) + "\"";
    }
}
