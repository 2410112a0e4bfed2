package io.ipaas.connector.api.auth;

/** How a connector proves who it is. */
public enum AuthKind {
    /** OAuth client credentials with a shared secret. */
    CLIENT_CREDENTIALS,
    /** OAuth client credentials with a certificate-signed client assertion. */
    CLIENT_CERTIFICATE,
    /** OAuth authorization code with PKCE: a user signs in once, refresh tokens keep the connection alive. */
    AUTHORIZATION_CODE_PKCE,
    /** A static API key. */
    API_KEY,
    /** No authentication. */
    NONE
}
