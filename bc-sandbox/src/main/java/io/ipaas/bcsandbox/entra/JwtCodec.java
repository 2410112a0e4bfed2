package io.ipaas.bcsandbox.entra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.ipaas.bcsandbox.odata.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encodes and checks JWT-shaped tokens (header.payload.signature, base64url). Tokens are HMAC-SHA256 signed
 * with a key made per sandbox instance, so the sandbox can recognise its own tokens without storing them
 * and rejects tokens of any other instance. Clients must treat the token as opaque, as with Entra.
 */
public final class JwtCodec {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

    private final byte[] key;

    public JwtCodec() {
        key = new byte[32];
        new SecureRandom().nextBytes(key);
    }

    public String encode(Map<String, Object> header, Map<String, Object> claims) {
        String signingInput = part(header) + "." + part(claims);
        return signingInput + "." + ENCODER.encodeToString(sign(signingInput));
    }

    /** The claims of a token this codec signed, or empty for anything else. */
    public Optional<Map<String, Object>> decode(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            byte[] signature = DECODER.decode(parts[2]);
            if (!MessageDigest.isEqual(signature, sign(parts[0] + "." + parts[1]))) {
                return Optional.empty();
            }
            return Optional.of(Json.MAPPER.readValue(DECODER.decode(parts[1]), MAP));
        } catch (IllegalArgumentException | java.io.IOException e) {
            return Optional.empty();
        }
    }

    private static String part(Map<String, Object> json) {
        try {
            return ENCODER.encodeToString(Json.MAPPER.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("token parts are plain maps", e);
        }
    }

    private byte[] sign(String signingInput) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
