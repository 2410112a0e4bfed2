package io.ipaas.connector.api.auth;

/** Where a connection stands with its identity provider. */
public enum AuthState {
    /** Credentials are configured and the last token request (if any) succeeded. */
    CONNECTED,
    /** An interactive sign-in has never completed. */
    NOT_CONNECTED,
    /**
     * A sign-in or credential existed but was revoked or expired; a user must act (sign in again, or replace an
     * expired certificate). Polls pause until then.
     */
    NEEDS_REAUTH
}
