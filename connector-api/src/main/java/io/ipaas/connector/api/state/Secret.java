package io.ipaas.connector.api.state;

import java.util.Objects;

/**
 * A secret value. {@link #toString()} is masked so the value cannot leak into a log line or message by
 * accident; {@link #reveal()} is deliberately explicit.
 */
public final class Secret {
    private static final String MASK = "********";

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    /** The clear value. Call only where it is sent to the party it belongs to. */
    public String reveal() {
        return value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret && secret.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return MASK;
    }
}
