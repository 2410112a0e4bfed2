package io.ipaas.connector.dynamics365.odata;

/**
 * Business Central's error body {@code {"error":{"code":…,"message":…}}}, with the status it came with.
 *
 * @param status HTTP status
 * @param code BC's error code, e.g. {@code Internal_CompanyNotFound}; empty when the body had none
 * @param message BC's message without the trailing correlation id
 * @param correlationId the correlation id BC appended, for support cases; empty when absent
 */
public record BcError(int status, String code, String message, String correlationId) {

    /** Splits BC's "text  CorrelationId:  guid." message. */
    public static BcError of(int status, String code, String rawMessage) {
        String message = rawMessage == null ? "" : rawMessage.trim();
        String correlationId = "";
        int at = message.indexOf("CorrelationId:");
        if (at >= 0) {
            correlationId =
                    message.substring(at + "CorrelationId:".length()).trim().replaceAll("\\.$", "");
            message = message.substring(0, at).trim();
        }
        return new BcError(status, code == null ? "" : code, message, correlationId);
    }

    /** One line for users: code, message and the correlation id Microsoft support asks for. */
    public String describe() {
        StringBuilder text = new StringBuilder("HTTP ").append(status);
        if (!code.isEmpty()) {
            text.append(' ').append(code);
        }
        if (!message.isEmpty()) {
            text.append(": ").append(message);
        }
        if (!correlationId.isEmpty()) {
            text.append(" (correlation id ").append(correlationId).append(')');
        }
        return text.toString();
    }
}
