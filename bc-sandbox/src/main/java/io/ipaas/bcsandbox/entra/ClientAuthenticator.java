package io.ipaas.bcsandbox.entra;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Authenticates a confidential client at the token endpoint, from {@code client_id} + {@code client_secret}
 * in the form or from an HTTP Basic header (RFC 6749 §2.3.1). Shared by every grant that needs a
 * confidential client (client credentials now; code redemption and refresh later).
 */
public final class ClientAuthenticator {
    private final ClientRegistry registry;
    private final ClientAssertionVerifier assertions;

    public ClientAuthenticator(ClientRegistry registry, java.time.Clock clock) {
        this.registry = registry;
        this.assertions = new ClientAssertionVerifier(clock);
    }

    /**
     * Like {@link #authenticate}, but a client that sends neither a secret nor an assertion is accepted as a public
     * client (code redemption and refresh, where PKCE or the refresh token itself protects the grant).
     */
    public RegisteredApp authenticateOrPublic(TokenRequest request) {
        boolean credentials = request.basicSecret() != null
                || request.parameter("client_secret").isPresent()
                || request.parameter("client_assertion").isPresent();
        if (credentials) {
            return authenticate(request);
        }
        String clientId = request.require("client_id");
        RegisteredApp app = registry.find(clientId)
                .orElseThrow(() -> EntraErrors.unknownClient(
                        clientId, request.tenant().id().toString()));
        if (app.revoked()) {
            throw EntraErrors.invalidSecret(clientId);
        }
        return app;
    }

    /** The authenticated app, or the Entra error a real tenant would give. */
    public RegisteredApp authenticate(TokenRequest request) {
        String formClientId = request.parameter("client_id").orElse(null);
        String clientId = request.basicClientId() != null ? request.basicClientId() : formClientId;
        if (clientId == null) {
            throw EntraErrors.missingParameter("client_id");
        }
        if (request.basicClientId() != null && formClientId != null && !formClientId.equals(request.basicClientId())) {
            throw EntraErrors.conflictingClientIds();
        }
        RegisteredApp app = registry.find(clientId)
                .orElseThrow(() -> EntraErrors.unknownClient(
                        clientId, request.tenant().id().toString()));
        String secret = request.basicSecret() != null
                ? request.basicSecret()
                : request.parameter("client_secret").orElse(null);
        if (secret == null) {
            if (request.parameter("client_assertion").isPresent()) {
                assertions.verify(request, clientId, registry.certificates(clientId), request.tenantSegment());
                if (app.revoked()) {
                    throw EntraErrors.invalidSecret(clientId);
                }
                return app;
            }
            throw EntraErrors.missingCredential();
        }
        // a revoked app's secrets no longer work, which is how Entra reports it too
        if (app.revoked() || !matchesAny(app, secret)) {
            throw EntraErrors.invalidSecret(clientId);
        }
        return app;
    }

    private static boolean matchesAny(RegisteredApp app, String secret) {
        byte[] given = secret.getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        for (String valid : app.secrets()) {
            match |= MessageDigest.isEqual(given, valid.getBytes(StandardCharsets.UTF_8));
        }
        return match;
    }
}
