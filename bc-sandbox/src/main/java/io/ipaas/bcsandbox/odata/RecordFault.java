package io.ipaas.bcsandbox.odata;

/**
 * A way to serve one record broken, for clients that must survive bad data. Business Central itself always
 * sends both fields; these stand in for a damaged record, a custom API page that leaves them out, or a proxy
 * that rewrites bodies.
 */
public enum RecordFault {
    /** The record is written without its {@code id} property. */
    MISSING_ID,
    /** {@code lastModifiedDateTime} is written as text that is not a date-time. */
    UNPARSABLE_LAST_MODIFIED;

    /** The text written for {@link #UNPARSABLE_LAST_MODIFIED}. */
    public static final String UNPARSABLE_TIMESTAMP = "not-a-date";
}
