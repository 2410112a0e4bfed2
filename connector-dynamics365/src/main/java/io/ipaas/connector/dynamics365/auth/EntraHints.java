package io.ipaas.connector.dynamics365.auth;

/** What a user does about a Microsoft Entra ID credential, in words a host can show as they are. */
final class EntraHints {
    static final String REVOKE =
            "Microsoft Entra ID has no endpoint that revokes these tokens; to end a user's sessions, an administrator"
                    + " opens the Microsoft Entra admin center > Users > the user > Revoke sessions (or runs"
                    + " Revoke-MgUserSignInSession), and an app's secret is removed under App registrations >"
                    + " Certificates & secrets.";
    static final String SIGN_IN_AGAIN =
            "sign in again as a user who has access to Business Central (the previous sign-in expired or was revoked)";
    static final String NEW_CERTIFICATE =
            "upload a new certificate under the app registration's Certificates & secrets and put it (PEM or base64"
                    + " PKCS#12) into Client certificate";
    static final String NEW_SECRET = "put the secret's value (not its ID) from the app registration's Certificates"
            + " & secrets page into Client Secret";

    private EntraHints() {}
}
