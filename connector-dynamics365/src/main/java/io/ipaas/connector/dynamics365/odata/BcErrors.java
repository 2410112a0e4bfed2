package io.ipaas.connector.dynamics365.odata;

import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.dynamics365.settings.BcSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Maps Business Central's statuses and error codes to the SPI's error kinds, with a remediation each. */
public final class BcErrors {
    private static final Pattern UNKNOWN_PROPERTY = Pattern.compile("Could not find a property named '([^']+)'");

    /** How BC words a missing table permission ("Sorry, the current permissions prevented the action. (…)"). */
    private static final String PERMISSIONS_PREVENTED = "permissions prevented the action";

    private BcErrors() {}

    public static ConnectorException classify(BcError error, Optional<Duration> retryAfter, URI uri) {
        String where = uri.getPath();
        if (error.message().contains(PERMISSIONS_PREVENTED)) {
            // BC reports a missing table permission as Internal_ServerError, with any status: retrying cannot help
            return ConnectorException.permission(
                    "Business Central's permissions prevented reading " + where + " (" + error.describe()
                            + "); assign the app or user a permission set that includes the table named there",
                    null);
        }
        return switch (error.status()) {
            case 401 ->
                ConnectorException.authentication(
                        BcSettings.CLIENT_ID,
                        "Business Central rejected the app's token (" + error.describe()
                                + "). In Business Central open "
                                + "'Microsoft Entra Applications', add the app's Client ID, set State to Enabled and assign "
                                + "permission sets (for example D365 AUTOMATION); for a user sign-in, check the user's licence",
                        null);
            case 403 ->
                ConnectorException.permission(
                        "Business Central refused access to " + where + " (" + error.describe()
                                + "); assign the app or user a permission set that can read it",
                        null);
            case 404 -> notFound(error, where);
            case 408, 429, 502, 503, 504 ->
                ConnectorException.transientFailure(
                        "Business Central is busy or throttling ("
                                + error.describe() + ")"
                                + retryAfter
                                        .map(d -> "; it asked to wait " + d.toSeconds() + " s")
                                        .orElse("")
                                + "; retrying later",
                        retryAfter.orElse(null),
                        null);
            case 409 ->
                ConnectorException.transientFailure(
                        "Business Central reported a conflict (" + error.describe() + "); retrying later",
                        retryAfter.orElse(null),
                        null);
            default ->
                error.status() >= 500
                        ? ConnectorException.transientFailure(
                                "Business Central failed (" + error.describe() + "); retrying later",
                                retryAfter.orElse(null),
                                null)
                        : clientError(error, where);
        };
    }

    /** A 4xx that is not about the token, permissions, a missing resource or throttling. */
    private static ConnectorException clientError(BcError error, String where) {
        if (error.status() == 405) {
            return ConnectorException.configuration(
                    BcSettings.API_URL,
                    "Business Central does not allow this request on " + where + " (" + error.describe()
                            + "); check " + BcSettings.API_URL + " and that the API endpoint is enabled for the"
                            + " environment");
        }
        Matcher unknownField = UNKNOWN_PROPERTY.matcher(error.message());
        if (error.code().startsWith("BadRequest") && unknownField.find()) {
            // the connector selects only the fields the mappings read, so a field BC lacks is a mapping's mistake
            return ConnectorException.configuration(
                    null,
                    "Business Central's " + where + " has no field '" + unknownField.group(1)
                            + "', which a mapping reads; correct that mapping's source field (" + error.describe()
                            + ")");
        }
        if (error.code().startsWith("BadRequest")) {
            // a malformed request: the connector built it
            return ConnectorException.internal(
                    "Business Central refused the request for " + where + " (" + error.describe()
                            + "); this is a connector bug, please report it",
                    null);
        }
        // Application_* and Internal_* are BC's own logic or data (an extension, a record it cannot read), and an
        // answer we do not know is the remote's to explain: nothing is committed and a retry cannot help
        return ConnectorException.remote(
                "Business Central could not return " + where + " (" + error.describe()
                        + "); its own logic or data refused the read, so ask its administrator (the message names"
                        + " the record or extension); the checkpoint is kept",
                new BcRefusal(error));
    }

    private static ConnectorException notFound(BcError error, String where) {
        String code = error.code();
        if (code.contains("Company")) {
            return ConnectorException.configuration(
                    BcSettings.COMPANY_NAME,
                    "Business Central does not know this company (" + error.describe() + "); check "
                            + BcSettings.COMPANY_NAME);
        }
        if (code.contains("Environment")
                || code.equals("NoEnvironment")
                || error.message().toLowerCase().contains("environment")) {
            return ConnectorException.configuration(
                    BcSettings.ENVIRONMENT,
                    "Business Central has no such environment ("
                            + error.describe() + "); check " + BcSettings.ENVIRONMENT + " (case-sensitive) and "
                            + BcSettings.TENANT_ID + " against the admin center");
        }
        return ConnectorException.configuration(
                BcSettings.API_URL,
                "Business Central does not offer " + where + " (" + error.describe() + "); check " + BcSettings.API_URL
                        + " and that the API is enabled for the environment");
    }
}
