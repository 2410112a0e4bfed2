package io.ipaas.connector.api.error;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The one exception a connector throws across the SPI.
 *
 * <p>{@link #getMessage()} is the user-facing line: what went wrong, which setting or record, and what to do.
 * It never contains a secret. Technical detail belongs in the cause.
 */
public class ConnectorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorKind kind;
    private final String settingKey;
    private final String recordKey;
    private final Duration retryAfter;

    private ConnectorException(
            ErrorKind kind, String message, String settingKey, String recordKey, Duration retryAfter, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.settingKey = settingKey;
        this.recordKey = recordKey;
        this.retryAfter = retryAfter;
    }

    /** A setting is wrong; {@code settingKey} names it. */
    public static ConnectorException configuration(String settingKey, String message) {
        return new ConnectorException(ErrorKind.CONFIGURATION, message, settingKey, null, null, null);
    }

    /** A setting is wrong; {@code settingKey} names it. */
    public static ConnectorException configuration(String settingKey, String message, Throwable cause) {
        return new ConnectorException(ErrorKind.CONFIGURATION, message, settingKey, null, null, cause);
    }

    /** Credentials were refused or have lapsed. */
    public static ConnectorException authentication(String message, Throwable cause) {
        return new ConnectorException(ErrorKind.AUTHENTICATION, message, null, null, null, cause);
    }

    /** Credentials were refused; {@code settingKey} names the credential setting to fix. */
    public static ConnectorException authentication(String settingKey, String message, Throwable cause) {
        return new ConnectorException(ErrorKind.AUTHENTICATION, message, settingKey, null, null, cause);
    }

    /** Not allowed to perform the operation. */
    public static ConnectorException permission(String message, Throwable cause) {
        return new ConnectorException(ErrorKind.PERMISSION, message, null, null, null, cause);
    }

    /** Worth retrying later; {@code retryAfter} is the remote system's hint, if it gave one. */
    public static ConnectorException transientFailure(String message, Duration retryAfter, Throwable cause) {
        return new ConnectorException(ErrorKind.TRANSIENT, message, null, null, retryAfter, cause);
    }

    /** One record is bad; {@code recordKey} names it. */
    public static ConnectorException data(String recordKey, String message, Throwable cause) {
        return new ConnectorException(ErrorKind.DATA, message, null, recordKey, null, cause);
    }

    /** The remote system misbehaved (malformed body, foreign link, redirect); the message says what it sent. */
    public static ConnectorException remote(String message, Throwable cause) {
        return new ConnectorException(ErrorKind.REMOTE, message, null, null, null, cause);
    }

    /** The operation is not offered. */
    public static ConnectorException unsupported(String message) {
        return new ConnectorException(ErrorKind.UNSUPPORTED, message, null, null, null, null);
    }

    /** A connector bug. */
    public static ConnectorException internal(String message, Throwable cause) {
        return new ConnectorException(ErrorKind.INTERNAL, message, null, null, null, cause);
    }

    public ErrorKind kind() {
        return kind;
    }

    /** The setting the user should change, when one is to blame. */
    public Optional<String> settingKey() {
        return Optional.ofNullable(settingKey);
    }

    /** The record that failed, for {@link ErrorKind#DATA}. */
    public Optional<String> recordKey() {
        return Optional.ofNullable(recordKey);
    }

    /** How long the remote system asked us to wait, for {@link ErrorKind#TRANSIENT}. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
