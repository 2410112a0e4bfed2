package io.ipaas.bcsandbox.odata;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

/** Weak ETags in BC's observed shape: {@code W/"} + base64 of {@code '44;<base64 SHA-256>1;00;'} + {@code "}. */
public final class Etags {
    private Etags() {
    }

    public static String of(Map<String, Object> record) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] hash = sha.digest(record.toString().getBytes(StandardCharsets.UTF_8));
            String inner = "44;" + Base64.getEncoder().encodeToString(hash) + "1;00;";
            return "W/\"" + Base64.getEncoder().encodeToString(("'" + inner + "'").getBytes(StandardCharsets.UTF_8)) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
