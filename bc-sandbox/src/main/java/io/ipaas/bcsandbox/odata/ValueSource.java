package io.ipaas.bcsandbox.odata;

/** Supplies property values of the row under test, so a filter can read only what it needs. */
@FunctionalInterface
public interface ValueSource {
    /** The typed value (UUID, String, BigDecimal, Boolean, Long, Instant) of the named property. */
    Object value(String property);
}
