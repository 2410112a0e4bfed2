package io.ipaas.connector.dynamics365.auth;

import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.dynamics365.settings.BcSettings;
import java.time.Duration;

/** Turns Entra ID token errors into classified errors that name the setting to fix. */
public final class EntraErrors {
    private EntraErrors() {}

    private static String reauthReason(EntraError error) {
        if (error.has(700082)) {
            return "the sign-in expired after 90 days without use";
        }
        if (error.has(70008)) {
            return "the sign-in has expired or was revoked";
        }
        if (error.has(50173)) {
            return "the sign-in was revoked (for example after a password change or an administrator's revoke)";
        }
        if (error.has(50076) || error.has(50079)) {
            return "multi-factor authentication is now required for this user";
        }
        if (error.has(65001)) {
            return "consent for the app was withdrawn";
        }
        return "Microsoft Entra ID no longer accepts the stored sign-in";
    }

    /** Entra sometimes names the expiry date in the description; pass it on when it does. */
    private static String expiredOn(String description) {
        java.util.regex.Matcher date = java.util.regex.Pattern.compile(
                        "(\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2})?Z?)?|\\d{1,2}/\\d{1,2}/\\d{4}(?: \\d{1,2}:\\d{2}:\\d{2}(?: [AP]M)?)?)")
                .matcher(description.replaceAll("Timestamp: .*", ""));
        return date.find() ? " on " + date.group(1) : "";
    }

    /** Words a user acts on after a refresh failed: the sign-in is gone, nothing will fix it but a new one. */
    public static final String SIGN_IN_AGAIN = "a user must sign in again; pulls are paused until then";

    public static ConnectorException classify(EntraError error, TokenPurpose purpose) {
        String summary = error.summary();
        if (purpose == TokenPurpose.REFRESH
                && ("invalid_grant".equals(error.error())
                        || "interaction_required".equals(error.error())
                        || "consent_required".equals(error.error()))) {
            return ConnectorException.authentication(
                    BcSettings.GRANT_TYPE, reauthReason(error) + " (" + summary + "); " + SIGN_IN_AGAIN, null);
        }
        if (purpose == TokenPurpose.CODE_REDEMPTION && "invalid_grant".equals(error.error()) && !error.has(65001)) {
            String why = error.has(54005)
                    ? "this sign-in code was already used"
                    : error.has(501481)
                            ? "the PKCE code verifier does not match the challenge of this sign-in"
                            : "Microsoft Entra ID refused the sign-in code";
            return ConnectorException.authentication(why + " (" + summary + "); start the sign-in again", null);
        }
        if (error.has(7000215)) {
            return ConnectorException.configuration(
                    BcSettings.CLIENT_SECRET,
                    "Microsoft Entra ID rejected the client secret ("
                            + summary + "). Paste the secret's VALUE (not its Secret ID) from the app registration's "
                            + "'Certificates & secrets' page into " + BcSettings.CLIENT_SECRET);
        }
        if (error.has(7000222)) {
            return ConnectorException.configuration(
                    BcSettings.CLIENT_SECRET,
                    "the client secret has expired"
                            + expiredOn(error.description()) + " (" + summary
                            + "). Create a new secret under the app registration's 'Certificates & secrets' and paste its value into "
                            + BcSettings.CLIENT_SECRET);
        }
        if (error.has(90002)) {
            return ConnectorException.configuration(
                    BcSettings.TENANT_ID,
                    "Microsoft Entra ID does not know this tenant ("
                            + summary
                            + "). Copy the Directory (tenant) ID from the app registration's Overview page into "
                            + BcSettings.TENANT_ID);
        }
        if (error.has(700016)) {
            return ConnectorException.configuration(
                    BcSettings.CLIENT_ID,
                    "the application is not found in this tenant ("
                            + summary + "). Check " + BcSettings.CLIENT_ID + " (Application (client) ID) and "
                            + BcSettings.TENANT_ID
                            + ", or have an administrator grant consent for the app in this tenant");
        }
        if (error.has(65001)) {
            return ConnectorException.authentication(
                    BcSettings.CLIENT_ID,
                    "nobody has consented to the app's Business "
                            + "Central permissions yet (" + summary
                            + "). An administrator must open the app registration's 'API "
                            + "permissions' page and choose 'Grant admin consent'",
                    null);
        }
        if (error.has(70011) || "invalid_scope".equals(error.error())) {
            return ConnectorException.configuration(
                    BcSettings.SCOPES,
                    "Microsoft Entra ID rejected the scopes (" + summary + "). Use " + BcSettings.BC_DEFAULT_SCOPE
                            + " in " + BcSettings.SCOPES);
        }
        if (error.has(500011)) {
            return ConnectorException.configuration(
                    BcSettings.SCOPES,
                    "Business Central is not available in this tenant (" + summary + "). Check " + BcSettings.TENANT_ID
                            + " and " + BcSettings.SCOPES);
        }
        if (error.has(700027)) {
            return ConnectorException.configuration(
                    BcSettings.CLIENT_CERTIFICATE,
                    "Microsoft Entra ID could not verify the "
                            + "certificate's signature (" + summary
                            + "); upload this certificate's public part to the app "
                            + "registration's 'Certificates & secrets' page, or put the matching certificate into "
                            + BcSettings.CLIENT_CERTIFICATE);
        }
        if ("invalid_client".equals(error.error())) {
            return ConnectorException.configuration(
                    BcSettings.CLIENT_SECRET,
                    "Microsoft Entra ID rejected the app's " + "credentials (" + summary + "); check "
                            + BcSettings.CLIENT_ID + " and " + BcSettings.CLIENT_SECRET);
        }
        if ("temporarily_unavailable".equals(error.error()) || error.status() >= 500 || error.status() == 429) {
            return ConnectorException.transientFailure(
                    "Microsoft Entra ID is temporarily unavailable (" + summary + "); retrying later",
                    error.status() == 429 ? Duration.ofSeconds(30) : null,
                    null);
        }
        return ConnectorException.authentication(
                "Microsoft Entra ID refused the token request (" + error.error() + ": " + summary + ")", null);
    }
}
