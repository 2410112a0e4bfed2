package io.ipaas.bcsandbox.entra;

/**
 * The token-endpoint errors the sandbox produces: status, {@code error}, AADSTS code and text as Entra
 * answers them (facts §7.4; texts restated from Microsoft's error reference and observed responses).
 */
public final class EntraErrors {
    private EntraErrors() {}

    /** 400 — the tenant in the URL is neither the tenant id nor its domain. */
    public static EntraException tenantNotFound(String tenant) {
        return new EntraException(
                400,
                "invalid_request",
                90002,
                "Tenant '" + tenant + "' not found. Check to make"
                        + " sure you have the correct tenant ID and are signing into the correct cloud. Check with your"
                        + " subscription administrator, this may happen if there are no active subscriptions for the tenant.");
    }

    /** 400 — a required form parameter is missing. */
    public static EntraException missingParameter(String parameter) {
        return new EntraException(
                400,
                "invalid_request",
                900144,
                "The request body must contain the following parameter: '" + parameter + "'.");
    }

    /** 400 — the token endpoint was called with another method than POST. */
    public static EntraException postOnly(String method) {
        return new EntraException(
                400,
                "invalid_request",
                900561,
                "The endpoint only accepts POST, OPTIONS requests. Received a " + method + " request.");
    }

    public static EntraException unsupportedGrantType(String grantType) {
        return new EntraException(
                400,
                "unsupported_grant_type",
                70003,
                "The app requested an unsupported grant type '" + grantType + "'.");
    }

    /** 400 — no app with this client id in the tenant. */
    public static EntraException unknownClient(String clientId, String tenantId) {
        return new EntraException(
                400,
                "unauthorized_client",
                700016,
                "Application with identifier '" + clientId
                        + "' was not found in the directory '" + tenantId
                        + "'. This can happen if the application has not"
                        + " been installed by the administrator of the tenant or consented to by any user in the tenant."
                        + " You may have sent your authentication request to the wrong tenant.");
    }

    /** 401 — wrong secret (text as in fixture entra_error_invalid_client.json). */
    public static EntraException invalidSecret(String clientId) {
        return new EntraException(
                401,
                "invalid_client",
                7000215,
                "Invalid client secret provided. Ensure the"
                        + " secret being sent in the request is the client secret value, not the client secret ID, for a"
                        + " secret added to app '" + clientId + "'.");
    }

    /** 401 — neither a secret nor an assertion was sent. */
    public static EntraException missingCredential() {
        return new EntraException(
                401,
                "invalid_client",
                7000218,
                "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
    }

    /** 401 — certificate credentials are a BC feature the sandbox does not verify yet; say so plainly. */
    public static EntraException assertionNotSupported() {
        return new EntraException(
                401,
                "invalid_client",
                700027,
                "Client assertion failed signature validation. (bc-sandbox does not accept certificate credentials.)");
    }

    /** 400 — the client authenticated twice in different ways (Basic header and form) with different ids. */
    public static EntraException conflictingClientIds() {
        return new EntraException(
                400,
                "invalid_request",
                90014,
                "The client_id in the request body does not match the client_id of the Authorization header.");
    }

    /** 400 — anything but exactly the BC resource's .default scope. */
    public static EntraException invalidScope(String scope) {
        return new EntraException(
                400,
                "invalid_scope",
                70011,
                "The provided value for the input parameter 'scope'" + " is not valid. The scope " + scope
                        + " is not valid.");
    }
}
