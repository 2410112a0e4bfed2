package io.ipaas.bcsandbox.odata;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A failure answered with Business Central's error body {@code {"error":{"code","message"}}}; the message
 * ends with a correlation id, as BC's do.
 *
 * @param status HTTP status
 * @param code BC error code
 * @param message text without the correlation id
 * @param headers extra response headers (Retry-After, WWW-Authenticate)
 */
public record BcFault(int status, String code, String message, Map<String, String> headers) {
    public BcFault {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        headers = Map.copyOf(headers);
    }

    public static BcFault of(int status, String code, String message) {
        return new BcFault(status, code, message, Map.of());
    }

    public String body(com.fasterxml.jackson.databind.ObjectMapper mapper) {
        Map<String, Object> error = new java.util.LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message + "  CorrelationId:  " + UUID.randomUUID() + ".");
        try {
            return mapper.writeValueAsString(Map.of("error", error));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Thrown inside request handling to answer with this fault. */
    public static final class Raised extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient BcFault fault;

        public Raised(BcFault fault) {
            super(fault.code() + ": " + fault.message(), null, false, false);
            this.fault = fault;
        }

        public BcFault fault() {
            return fault;
        }
    }

    public Raised raise() {
        return new Raised(this);
    }

    /** BC's answer to a malformed query option. */
    public static Raised querySyntax() {
        return of(400, "BadRequest_NotFound", "Bad Request - Error in query syntax.").raise();
    }
}
