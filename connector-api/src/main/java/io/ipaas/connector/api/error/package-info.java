/**
 * The error taxonomy. Every failure a connector reports is a {@link io.ipaas.connector.api.error.ConnectorException}
 * with an {@link io.ipaas.connector.api.error.ErrorKind}, so the host can decide to retry, pause, quarantine a
 * record or ask the user, without parsing messages.
 */
package io.ipaas.connector.api.error;
