package io.ipaas.bcsandbox.entra;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The emulated Entra ID token endpoint: registered apps with their secrets, issued tokens, and the grant
 * dispatch ({@code grant_type}). Client credentials is implemented; further grants plug in at {@link #grant}.
 */
public final class TokenService {
    public static final String BC_SCOPE = "https://api.businesscentral.dynamics.com/.default";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final String tenantId;
    private final Set<String> tenantAliases;
    private final Map<String, String> secrets;
    private final Duration lifetime;
    private final Clock clock;
    private final Map<String, IssuedToken> issued = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();
    private final SecureRandom random = new SecureRandom();

    public TokenService(String tenantId, Set<String> tenantAliases, Map<String, String> secrets, Duration lifetime, Clock clock) {
        this.tenantId = tenantId;
        this.tenantAliases = Set.copyOf(tenantAliases);
        this.secrets = new ConcurrentHashMap<>(secrets);
        this.lifetime = lifetime;
        this.clock = clock;
    }

    public boolean knowsTenant(String tenant) {
        return tenantId.equalsIgnoreCase(tenant) || tenantAliases.stream().anyMatch(a -> a.equalsIgnoreCase(tenant));
    }

    public long requests() {
        return requests.get();
    }

    /** The token's facts if the sandbox issued it and it has not expired. */
    public Optional<IssuedToken> validate(String token) {
        IssuedToken found = issued.get(token);
        if (found == null || !clock.instant().isBefore(found.expiresAt())) {
            return Optional.empty();
        }
        return Optional.of(found);
    }

    /** Answers one token request: a 200 body or an {@link EntraError}. */
    public Object grant(String tenant, Map<String, String> form, Optional<String[]> basicAuth) {
        requests.incrementAndGet();
        if (!knowsTenant(tenant)) {
            return new EntraError(400, "invalid_request", 90002, "Tenant '" + tenant + "' not found. Check to make sure you "
                    + "have the correct tenant ID and are signing into the correct cloud.");
        }
        String grantType = form.get("grant_type");
        if (grantType == null) {
            return new EntraError(400, "invalid_request", 900144, "The request body must contain the following parameter: "
                    + "'grant_type'.");
        }
        return switch (grantType) {
            case "client_credentials" -> clientCredentials(form, basicAuth);
            default -> new EntraError(400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type '"
                    + grantType + "'.");
        };
    }

    private Object clientCredentials(Map<String, String> form, Optional<String[]> basicAuth) {
        String clientId = basicAuth.map(b -> b[0]).orElse(form.get("client_id"));
        String secret = basicAuth.map(b -> b[1]).orElse(form.get("client_secret"));
        if (clientId == null) {
            return new EntraError(400, "invalid_request", 900144, "The request body must contain the following parameter: "
                    + "'client_id'.");
        }
        if (!secrets.containsKey(clientId)) {
            return new EntraError(400, "unauthorized_client", 700016, "Application with identifier '" + clientId
                    + "' was not found in the directory '" + tenantId + "'. This can happen if the application has not been "
                    + "installed by the administrator of the tenant or consented to by any user in the tenant.");
        }
        if (secret == null) {
            return new EntraError(401, "invalid_client", 7000218, "The request body must contain the following parameter: "
                    + "'client_assertion' or 'client_secret'.");
        }
        if (!secrets.get(clientId).equals(secret)) {
            return new EntraError(401, "invalid_client", 7000215, "Invalid client secret provided. Ensure the secret being "
                    + "sent in the request is the client secret value, not the client secret ID, for a secret added to app '"
                    + clientId + "'.");
        }
        String scope = form.get("scope");
        if (scope == null || !scope.trim().equals(BC_SCOPE)) {
            return new EntraError(400, "invalid_scope", 70011, "The provided request must include a 'scope' input parameter. "
                    + "The provided value for the input parameter 'scope' is not valid. The scope " + scope + " is not valid.");
        }
        return issue(clientId);
    }

    private Map<String, Object> issue(String clientId) {
        Instant now = clock.instant();
        Instant expires = now.plus(lifetime);
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("aud", "https://api.businesscentral.dynamics.com");
        claims.put("iss", "https://sts.windows.net/" + tenantId + "/");
        claims.put("iat", now.getEpochSecond());
        claims.put("nbf", now.getEpochSecond());
        claims.put("exp", expires.getEpochSecond());
        claims.put("appid", clientId);
        claims.put("tid", tenantId);
        claims.put("roles", java.util.List.of("API.ReadWrite.All", "Automation.ReadWrite.All"));
        claims.put("jti", UUID.randomUUID().toString());
        byte[] signature = new byte[32];
        random.nextBytes(signature);
        String token = B64.encodeToString("{\"typ\":\"JWT\",\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(json(claims).getBytes(StandardCharsets.UTF_8)) + "." + B64.encodeToString(signature);
        issued.put(token, new IssuedToken(clientId, tenantId, expires));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token_type", "Bearer");
        body.put("expires_in", lifetime.toSeconds());
        body.put("ext_expires_in", lifetime.toSeconds());
        body.put("access_token", token);
        return body;
    }

    private static String json(Map<String, Object> claims) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(claims);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Forgets every token issued to an app (for example after its secret was rotated). */
    public void revokeTokens(String clientId) {
        issued.values().removeIf(token -> token.clientId().equals(clientId));
    }

    public Instant now() {
        return clock.instant();
    }
}
