package io.ipaas.connector.api.state;

import java.util.Optional;

/**
 * Secrets scoped to one connector instance. The host keeps them encrypted at rest and never logs them.
 *
 * <p>Thread-safe. {@link #put} is durable and atomic when it returns: a rotated refresh token must be
 * stored before the access token that came with it is used.
 */
public interface SecretStore {

    Optional<Secret> get(String name);

    void put(String name, Secret value);

    /** Removes a secret; removing an absent one is not an error. */
    void delete(String name);
}
