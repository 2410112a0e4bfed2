/**
 * Host-provided storage lent to a connector: {@link io.ipaas.connector.api.state.StateStore} for durable
 * connector-owned facts and {@link io.ipaas.connector.api.state.SecretStore} for tokens and keys, which the
 * host encrypts at rest. Checkpoints are not stored here: the host commits them after the data is stored.
 */
package io.ipaas.connector.api.state;
