package io.ipaas.bcsandbox.entra;

import java.time.Instant;

/**
 * What the sandbox remembers about an access token it issued.
 *
 * @param clientId the app it was issued to
 * @param tenantId the tenant GUID
 * @param expiresAt when BC stops accepting it
 */
public record IssuedToken(String clientId, String tenantId, Instant expiresAt) {
}
