package io.ipaas.bcsandbox.odata;

import java.time.Duration;
import java.util.Objects;

/**
 * A transport fault served to one request instead of (or on top of) its answer: what a flaky network or an
 * overloaded front end does to a client, as opposed to BC's own error answers.
 *
 * @param kind what happens
 * @param delay how long a {@link Kind#SLOW} request waits before it is answered
 */
public record Disruption(Kind kind, Duration delay) {
    public enum Kind {
        /** The answer starts only after the delay. */
        SLOW,
        /** A 200 whose body stops halfway (the connection closes mid-page). */
        TRUNCATE,
        /** The connection closes before any answer. */
        RESET
    }

    public Disruption {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(delay, "delay");
    }
}
