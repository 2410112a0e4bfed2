package io.ipaas.connector.dynamics365.odata;

import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.dynamics365.settings.BcSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Maps Business Central's statuses and error codes to the SPI's error kinds, with a remediation each. */
public final class BcErrors {
    private BcErrors() {}

    public static ConnectorException classify(BcError error, Optional<Duration> retryAfter, URI uri) {
        String where = uri.getPath();
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
                        : ConnectorException.internal(
                                "Business Central refused the request for " + where + " (" + error.describe()
                                        + "); this is a connector bug, please report it",
                                null);
        };
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
