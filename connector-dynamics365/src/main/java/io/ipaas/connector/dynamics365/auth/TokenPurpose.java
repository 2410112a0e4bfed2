package io.ipaas.connector.dynamics365.auth;

/** Why a token was requested; the same Entra error means different things for each. */
public enum TokenPurpose {
    /** The app signs in as itself (secret or certificate). */
    APP,
    /** Redeeming the code of an interactive sign-in. */
    CODE_REDEMPTION,
    /** Renewing a user's access with the stored refresh token. */
    REFRESH
}
