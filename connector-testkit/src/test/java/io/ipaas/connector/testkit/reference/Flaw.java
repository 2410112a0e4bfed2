package io.ipaas.connector.testkit.reference;

/** A deliberate bug the reference connector can be built with, to prove the contract kit catches it. */
enum Flaw {
    /** A completed sync commits the watermark it started from, so every sync re-reads everything. */
    NEVER_ADVANCES_WATERMARK,
    /** The mid-sync checkpoint holds an {@link java.time.Instant} and a {@link java.net.URI}. */
    CHECKPOINT_HOLDS_INSTANT_AND_URI,
    /** Reads its checkpoint numbers as {@code (Long)}, which fails once the host stored them as JSON. */
    CHECKPOINT_CASTS_TO_LONG,
    /** Proposes checkpoints with format 0. */
    CHECKPOINT_FORMAT_ZERO,
    /** Record fields hold an {@link java.time.Instant} and an {@link java.util.Optional}. */
    NON_JSON_FIELD_VALUES,
    /** Records name the entity "contact" while the entity is "contacts". */
    WRONG_ENTITY_NAME,
    /** Record keys carry a prefix their key field lacks. */
    KEY_DIFFERS_FROM_KEY_FIELD,
    /** Returns three times the records the host asked for. */
    THREE_TIMES_MAX_RECORDS,
    /** Says hasMore forever, moving its cursor past the end. */
    HAS_MORE_NEVER_FALSE,
    /** A freshly opened connector resuming mid-sync starts one record too far. */
    SKIPS_A_RECORD_ON_RESUME,
    /** Drops the change feed's tombstones instead of reporting deletes. */
    DROPS_DELETES,
    /** {@code auth().status()} asks the remote whether the key works. */
    STATUS_MAKES_A_REQUEST,
    /** {@code open()} checks the key against the remote. */
    OPEN_MAKES_A_REQUEST,
    /** The writer ignores the idempotency key, so a repeated call creates again. */
    WRITER_CREATES_TWICE,
    /** One bad record throws for the whole write call. */
    WRITER_FAILS_THE_WHOLE_CALL,
    /** The webhook sink does not compare the client state. */
    WEBHOOK_ACCEPTS_A_FORGED_CLIENT_STATE,
    /** The webhook sink answers a body it cannot read with "re-read everything" instead of an error. */
    WEBHOOK_ACCEPTS_A_MALFORMED_BODY,
    /** Skips a contact it cannot read without reporting it. */
    DROPS_UNREADABLE_RECORDS,
    /** Throws for the whole poll when one contact cannot be read. */
    FAILS_THE_POLL_ON_AN_UNREADABLE_RECORD,
    /** Reports the service's 429 and 503 as INTERNAL, so the host stops instead of retrying. */
    THROTTLING_IS_INTERNAL,
    /** Answers a failed request with an empty, final batch, so the rest of the sync is skipped. */
    SWALLOWS_TRANSIENT_FAILURES,
    /** {@code stream()} hands over every record but the last of a batch, which {@code poll()} returns. */
    STREAM_DROPS_THE_LAST_RECORD,
    /** Names its work units by entity alone in every scope, so two scopes would share one checkpoint. */
    WORK_UNIT_IDS_COLLIDE
}
