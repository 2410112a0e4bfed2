package io.ipaas.bcsandbox.odata;

import java.util.Map;
import java.util.Objects;

/**
 * A Business Central error answer: HTTP status, BC error code and message (without the trailing
 * correlation id, which is added when the body is written), plus any extra response headers.
 */
public final class BcException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final transient Map<String, String> headers;

    public BcException(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    public BcException(int status, String code, String message, Map<String, String> headers) {
        super(message);
        this.status = status;
        this.code = Objects.requireNonNull(code, "code");
        this.headers = Map.copyOf(headers);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
