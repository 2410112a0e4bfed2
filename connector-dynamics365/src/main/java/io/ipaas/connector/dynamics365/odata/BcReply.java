package io.ipaas.connector.dynamics365.odata;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Business Central's answer to a write (or to one request inside a {@code $batch}): the status, the JSON body
 * (empty for 204) and, for a failure, BC's error.
 *
 * @param status the HTTP status
 * @param body the JSON object BC sent, or an empty map
 * @param retryAfter BC's Retry-After, when it sent one
 */
public record BcReply(int status, Map<String, Object> body, Optional<Duration> retryAfter) {

    public boolean succeeded() {
        return status / 100 == 2;
    }

    /** BC's error object of a failed reply (code and message), or one made of the status alone. */
    public BcError error() {
        if (body.get("error") instanceof Map<?, ?> error) {
            return BcError.of(status, (String) error.get("code"), (String) error.get("message"));
        }
        return BcError.of(status, "", "");
    }

    /** The record's {@code @odata.etag}, when the body is a record. */
    public Optional<String> etag() {
        return Optional.ofNullable((String) body.get("@odata.etag"));
    }
}
