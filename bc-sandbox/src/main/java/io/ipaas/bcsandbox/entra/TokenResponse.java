package io.ipaas.bcsandbox.entra;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A successful token response, in Entra's field order: {@code token_type}, {@code expires_in},
 * {@code ext_expires_in}, {@code access_token}, then grant-specific fields (a later authorization-code grant
 * adds {@code scope}, {@code refresh_token}, {@code id_token}).
 */
public record TokenResponse(String accessToken, long expiresIn, Map<String, Object> extra) {
    public TokenResponse {
        extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token_type", "Bearer");
        body.put("expires_in", expiresIn);
        body.put("ext_expires_in", expiresIn);
        body.put("access_token", accessToken);
        body.putAll(extra);
        return body;
    }
}
