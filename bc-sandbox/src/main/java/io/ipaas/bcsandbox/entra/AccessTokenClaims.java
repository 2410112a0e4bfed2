package io.ipaas.bcsandbox.entra;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The claims of an app-only access token for BC, shaped like Entra's v1.0 tokens (facts §7.1, fixture
 * entra_token_response_client_credentials.json).
 *
 * @param audience  {@code aud}, always the BC resource
 * @param tenantId  {@code tid}
 * @param appId     {@code appid}, the client id
 * @param objectId  {@code oid}/{@code sub}, the app's service principal
 * @param roles     {@code roles}, the application permissions
 * @param issuedAt  {@code iat}/{@code nbf}
 * @param expiresAt {@code exp}
 * @param tokenId   {@code jti}/{@code uti}, random per token so every token is unique
 */
public record AccessTokenClaims(
        String audience,
        UUID tenantId,
        String appId,
        UUID objectId,
        List<String> roles,
        Instant issuedAt,
        Instant expiresAt,
        String tokenId) {

    public static final String BC_AUDIENCE = "https://api.businesscentral.dynamics.com";

    public AccessTokenClaims {
        roles = List.copyOf(roles);
    }

    public Map<String, Object> toMap() {
        String issuer = "https://sts.windows.net/" + tenantId + "/";
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("aud", audience);
        claims.put("iss", issuer);
        claims.put("iat", issuedAt.getEpochSecond());
        claims.put("nbf", issuedAt.getEpochSecond());
        claims.put("exp", expiresAt.getEpochSecond());
        claims.put("appid", appId);
        claims.put("appidacr", "1");
        claims.put("idp", issuer);
        claims.put("idtyp", "app");
        claims.put("oid", objectId.toString());
        claims.put("roles", roles);
        claims.put("sub", objectId.toString());
        claims.put("tid", tenantId.toString());
        claims.put("uti", tokenId);
        claims.put("ver", "1.0");
        claims.put("jti", tokenId);
        return claims;
    }

    /** Reads the claims back; empty when a required claim is missing or malformed. */
    public static Optional<AccessTokenClaims> fromMap(Map<String, Object> claims) {
        try {
            Object roles = claims.getOrDefault("roles", List.of());
            return Optional.of(new AccessTokenClaims(
                    (String) claims.get("aud"),
                    UUID.fromString((String) claims.get("tid")),
                    (String) claims.get("appid"),
                    UUID.fromString((String) claims.get("oid")),
                    ((List<?>) roles).stream().map(String::valueOf).toList(),
                    Instant.ofEpochSecond(((Number) claims.get("iat")).longValue()),
                    Instant.ofEpochSecond(((Number) claims.get("exp")).longValue()),
                    (String) claims.get("jti")));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
