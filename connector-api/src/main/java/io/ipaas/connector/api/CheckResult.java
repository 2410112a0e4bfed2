package io.ipaas.connector.api;

import java.util.Map;
import java.util.Objects;

/**
 * Outcome of a successful {@link Connector#check()}. Failures are thrown as classified exceptions instead.
 *
 * @param message one line for the user, e.g. which account and company were reached
 * @param details facts discovered while checking (for example the resolved company id); never secrets
 */
public record CheckResult(String message, Map<String, String> details) {
    public CheckResult {
        Objects.requireNonNull(message, "message");
        details = Map.copyOf(details);
    }
}
