package io.ipaas.bcsandbox.odata;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The BC errors the sandbox answers with. Codes and texts come from Microsoft's error-code table
 * (facts §3.4, D-ERR) and observed responses; where BC's exact answer is unknown the choice is noted.
 */
public final class BcErrors {
    private BcErrors() {}

    /** 400 — BC's text for any query it cannot parse (D-ERR, ODataNotFoundException). */
    public static BcException querySyntax() {
        return new BcException(400, "BadRequest_NotFound", "Bad Request - Error in query syntax.");
    }

    public static BcException propertyNotFound(String property, String qualifiedType) {
        return new BcException(
                400,
                "BadRequest_NotFound",
                "Could not find a property named '" + property + "' on type '" + qualifiedType + "'.");
    }

    /** The OData library's message for a comparison of mismatched types (e.g. a quoted date). */
    public static BcException incompatibleTypes(String left, String right, String operatorKind) {
        return new BcException(
                400,
                "BadRequest_NotFound",
                "A binary operator with incompatible types was detected. Found operand types '" + left + "' and '"
                        + right + "' for operator kind '" + operatorKind + "'.");
    }

    /** BC answers an OR across different fields with 501 (documented text, status observed in the wild). */
    public static BcException orOnDistinctFields() {
        return new BcException(
                501,
                "BadRequest_MethodNotImplemented",
                "The 'OR' operator is not supported on distinct fields on an OData filter.");
    }

    public static BcException invalidQueryOption(String text) {
        return new BcException(400, "BadRequest_NotFound", text);
    }

    /** A valid BC request the sandbox does not emulate; says so instead of answering differently. */
    public static BcException notEmulated(String what) {
        return new BcException(400, "BadRequest_NotFound", what + " is not supported by bc-sandbox.");
    }

    /** 404 — an unknown segment, e.g. {@code companies(..)/widgets}. */
    public static BcException resourceNotFound(String segment) {
        return new BcException(
                404, "BadRequest_ResourceNotFound", "Resource not found for the segment '" + segment + "'.");
    }

    /** 404 — a path that is not an API route at all (text as BC online answers it). */
    public static BcException noHttpResource(String uri) {
        return new BcException(
                404, "BadRequest_NotFound", "No HTTP resource was found that matches the request URI '" + uri + "'.");
    }

    /** 404 — a collection segment followed by more segments (text as BC answers it). */
    public static BcException collectionNotLast(String segment) {
        return new BcException(
                404,
                "BadRequest_NotFound",
                "The request URI is not valid. Since the segment '"
                        + segment
                        + "' refers to a collection, this must be the last segment in the request URI or it must"
                        + " be followed by an function or action that can be bound to it otherwise all intermediate"
                        + " segments must refer to a single resource.");
    }

    /**
     * 404 — GET of an id that does not exist. Shape per fixture error_entity_not_found.json; the code is
     * unconfirmed (BadRequest_NotFound vs Internal_RecordNotFound, facts §10) and we keep the fixture's.
     */
    public static BcException recordNotFound(String tableCaption, UUID id) {
        return new BcException(
                404,
                "BadRequest_NotFound",
                "The " + tableCaption
                        + " does not exist. Identification fields and values: Id='{"
                        + id.toString().toUpperCase(Locale.ROOT)
                        + "}'");
    }

    /**
     * 404 Internal_CompanyNotFound for {@code companies(<unknown id>)/...}. The code is BC's documented one for
     * a company it cannot open (facts §3.4; seen with that code in public client code mapping it to 404);
     * the message text is our own because no captured response for an unknown id was found.
     */
    public static BcException companyNotFound(String companyKey) {
        return new BcException(
                404,
                "Internal_CompanyNotFound",
                "Cannot process the request because the company '" + companyKey + "' cannot be found.");
    }

    /** 404 Internal_CompanyNotFound with BC's documented text, for company-scoped sets without a company. */
    public static BcException defaultCompanyNotFound() {
        return new BcException(
                404,
                "Internal_CompanyNotFound",
                "Cannot process the request because the default"
                        + " company cannot be found. You can specify a default company in the service configuration file,"
                        + " or specify one for each tenant, or you can add a query string in the form of \"company=[name]\"."
                        + " You can see the available companies by accessing the default OData web service, Company."
                        + " For more information, see \"OData Web Services\" in Help.");
    }

    /**
     * 404 for an environment the tenant does not have. BC online's exact body for this case is not
     * documented and no captured response was found (facts file is silent), so the sandbox picks the code
     * "NoEnvironment": it keeps BC's {"error":{code,message}} envelope and a 404, which is what a client
     * can rely on; the code and text are our choice.
     */
    public static BcException environmentNotFound(String environment, String tenantId) {
        return new BcException(
                404,
                "NoEnvironment",
                "The environment '" + environment + "' does not exist for the tenant '" + tenantId + "'.");
    }

    /** 405 with the text from Microsoft's error table (D-ERR), product name updated to today's. */
    public static BcException methodNotAllowed(String method, String segment) {
        return new BcException(
                405,
                "BadRequest_MethodNotAllowed",
                "'" + method + "' requests for '" + segment
                        + "' of EdmType 'Entity' are not allowed within Dynamics 365 Business Central OData web services.",
                Map.of("Allow", "GET"));
    }

    /** 401 — no, malformed, foreign or expired token, or an app BC does not know (facts §8.2). */
    public static BcException invalidCredentials(String authorizationUri) {
        return new BcException(
                401,
                "Authentication_InvalidCredentials",
                "The server has rejected the client credentials.",
                Map.of("WWW-Authenticate", "Bearer authorization_uri=\"" + authorizationUri + "\""));
    }

    /**
     * An injected failure. 429 uses the fixture error_throttled_429.json (body unconfirmed, facts §6);
     * 502/503 carry Retry-After as BC documents; other codes are BC-shaped guesses.
     */
    public static BcException injected(int status, Duration retryAfter) {
        String seconds = Long.toString(Math.max(0, retryAfter.toSeconds()));
        return switch (status) {
            case 429 ->
                new BcException(
                        429,
                        "Application_TooManyRequests",
                        "The request was throttled because too"
                                + " many requests were sent for this user. Retry after the interval given in the Retry-After"
                                + " header.",
                        Map.of("Retry-After", seconds));
            case 503 ->
                new BcException(
                        503,
                        "Internal_ServiceUnavailable",
                        "The service is temporarily unavailable. Please try again later.",
                        Map.of("Retry-After", seconds));
            case 502 ->
                new BcException(
                        502,
                        "Internal_BadGateway",
                        "The gateway received an invalid response. Please try again later.",
                        Map.of("Retry-After", seconds));
            case 504 -> new BcException(504, "Internal_GatewayTimeout", "The request timed out at the gateway.");
            case 408 -> new BcException(408, "Internal_RequestTimeout", "The operation has timed out.");
            case 409 -> new BcException(409, "Request_EntityChanged", "Another user has already changed the record.");
            case 500 -> new BcException(500, "Internal_ServerError", "An unexpected error occurred on the server.");
            default -> new BcException(status, "Unknown", "Injected failure with status " + status + ".");
        };
    }

    public static BcException internal(String message) {
        return new BcException(500, "Internal_ServerError", message);
    }
}
