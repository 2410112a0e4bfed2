package io.ipaas.bcsandbox.entra;

import java.util.Objects;

/**
 * An error answer of the token endpoint: HTTP status, OAuth {@code error}, AADSTS code and the description
 * text without the trailing "Trace ID … Correlation ID … Timestamp …" (added when the body is written).
 */
public final class EntraException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;
    private final int aadstsCode;

    public EntraException(int status, String error, int aadstsCode, String description) {
        super(description);
        this.status = status;
        this.error = Objects.requireNonNull(error, "error");
        this.aadstsCode = aadstsCode;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public int aadstsCode() {
        return aadstsCode;
    }

    /** "AADSTSnnnn: description" as Entra starts its error_description. */
    public String prefixedDescription() {
        return "AADSTS" + aadstsCode + ": " + getMessage();
    }
}
