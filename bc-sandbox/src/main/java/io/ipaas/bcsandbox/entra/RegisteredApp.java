package io.ipaas.bcsandbox.entra;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * An Entra app registration as the sandbox knows it, and its standing in BC.
 *
 * @param clientId     the application (client) id
 * @param secrets      the valid client secret values (several while a secret is being rotated)
 * @param roles        the application permissions granted on BC (the token's {@code roles})
 * @param revoked      true when Entra no longer issues tokens to the app (secret revoked / app deleted);
 *                     BC then also rejects tokens it issued before
 * @param enabledInBc  false when the app is missing or disabled on BC's "Microsoft Entra Applications" page
 */
public record RegisteredApp(
        String clientId, Set<String> secrets, List<String> roles, boolean revoked, boolean enabledInBc) {

    /** The default application permissions of a BC integration app (facts §8.1). */
    public static final List<String> DEFAULT_ROLES = List.of("API.ReadWrite.All", "Automation.ReadWrite.All");

    public RegisteredApp {
        secrets = Set.copyOf(secrets);
        roles = List.copyOf(roles);
    }

    /** The app's service principal object id, stable per client id. */
    public UUID objectId() {
        return UUID.nameUUIDFromBytes(("service-principal:" + clientId).getBytes(StandardCharsets.UTF_8));
    }

    public RegisteredApp withRevoked(boolean value) {
        return new RegisteredApp(clientId, secrets, roles, value, enabledInBc);
    }

    public RegisteredApp withEnabledInBc(boolean value) {
        return new RegisteredApp(clientId, secrets, roles, revoked, value);
    }
}
