package io.ipaas.connector.dynamics365.auth;

import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.dynamics365.settings.BcSettings;
import java.time.Duration;

/** Turns Entra ID token errors into classified errors that name the setting to fix. */
public final class EntraErrors {
    private EntraErrors() {
    }

    public static ConnectorException classify(EntraError error) {
        String summary = error.summary();
        if (error.has(7000215)) {
            return ConnectorException.configuration(BcSettings.CLIENT_SECRET, "Microsoft Entra ID rejected the client secret ("
                    + summary + "). Paste the secret's VALUE (not its Secret ID) from the app registration's "
                    + "'Certificates & secrets' page into " + BcSettings.CLIENT_SECRET);
        }
        if (error.has(7000222)) {
            return ConnectorException.configuration(BcSettings.CLIENT_SECRET, "the client secret has expired (" + summary
                    + "). Create a new secret under the app registration's 'Certificates & secrets' and paste its value into "
                    + BcSettings.CLIENT_SECRET);
        }
        if (error.has(90002)) {
            return ConnectorException.configuration(BcSettings.TENANT_ID, "Microsoft Entra ID does not know this tenant ("
                    + summary + "). Copy the Directory (tenant) ID from the app registration's Overview page into "
                    + BcSettings.TENANT_ID);
        }
        if (error.has(700016)) {
            return ConnectorException.configuration(BcSettings.CLIENT_ID, "the application is not found in this tenant ("
                    + summary + "). Check " + BcSettings.CLIENT_ID + " (Application (client) ID) and " + BcSettings.TENANT_ID
                    + ", or have an administrator grant consent for the app in this tenant");
        }
        if (error.has(65001)) {
            return ConnectorException.authentication(BcSettings.CLIENT_ID, "nobody has consented to the app's Business "
                    + "Central permissions yet (" + summary + "). An administrator must open the app registration's 'API "
                    + "permissions' page and choose 'Grant admin consent'", null);
        }
        if (error.has(70011) || "invalid_scope".equals(error.error())) {
            return ConnectorException.configuration(BcSettings.SCOPES, "Microsoft Entra ID rejected the scopes (" + summary
                    + "). Use " + BcSettings.BC_DEFAULT_SCOPE + " in " + BcSettings.SCOPES);
        }
        if (error.has(500011)) {
            return ConnectorException.configuration(BcSettings.SCOPES, "Business Central is not available in this tenant ("
                    + summary + "). Check " + BcSettings.TENANT_ID + " and " + BcSettings.SCOPES);
        }
        if ("invalid_client".equals(error.error())) {
            return ConnectorException.configuration(BcSettings.CLIENT_SECRET, "Microsoft Entra ID rejected the app's "
                    + "credentials (" + summary + "); check " + BcSettings.CLIENT_ID + " and " + BcSettings.CLIENT_SECRET);
        }
        if ("temporarily_unavailable".equals(error.error()) || error.status() >= 500 || error.status() == 429) {
            return ConnectorException.transientFailure("Microsoft Entra ID is temporarily unavailable (" + summary
                    + "); retrying later", error.status() == 429 ? Duration.ofSeconds(30) : null, null);
        }
        return ConnectorException.authentication("Microsoft Entra ID refused the token request (" + error.error() + ": "
                + summary + ")", null);
    }
}
