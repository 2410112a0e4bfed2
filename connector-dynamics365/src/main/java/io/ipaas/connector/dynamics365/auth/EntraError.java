package io.ipaas.connector.dynamics365.auth;

import java.util.List;
import java.util.Objects;

/**
 * Entra ID's token-endpoint error: {@code error}, {@code error_description} and the AADSTS codes.
 *
 * @param status HTTP status
 * @param error OAuth error code, e.g. {@code invalid_client}
 * @param description Entra's description (starts with {@code AADSTSnnnn:}; may include trace ids)
 * @param codes the numeric AADSTS codes from {@code error_codes}
 */
public record EntraError(int status, String error, String description, List<Integer> codes) {
    public EntraError {
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(description, "description");
        codes = List.copyOf(codes);
    }

    public boolean has(int code) {
        return codes.contains(code) || description.startsWith("AADSTS" + code + ":");
    }

    /** The first line of the description without Entra's trace and correlation ids. */
    public String summary() {
        String text = description;
        int trace = text.indexOf("Trace ID:");
        if (trace > 0) {
            text = text.substring(0, trace);
        }
        return text.replaceAll("\\s+", " ").trim();
    }
}
