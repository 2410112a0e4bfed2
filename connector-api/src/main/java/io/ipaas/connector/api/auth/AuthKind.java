package io.ipaas.connector.api.auth;

/** How a connector proves who it is. Names the mechanism, not a provider: any connector picks from this list. */
public enum AuthKind {
    /** No authentication (a public or network-protected API). */
    NONE,
    /** A static key or token the user pastes into a secret setting, sent with every request. */
    API_KEY,
    /** HTTP basic authentication: a user name and a secret password setting. */
    BASIC,
    /** OAuth 2.0 client credentials with a shared client secret: app-only, no user involved. */
    OAUTH_CLIENT_CREDENTIALS,
    /** OAuth 2.0 client credentials with a certificate-signed client assertion (RFC 7523) instead of a secret. */
    OAUTH_CLIENT_CERTIFICATE,
    /**
     * OAuth 2.0 authorization code: a user signs in once in a browser, refresh tokens keep the connection alive.
     * Whether the host adds PKCE is {@link AuthStrategy#usesPkce()}.
     */
    OAUTH_AUTHORIZATION_CODE;

    /** True when a person must sign in through the host (authorize URL, callback) before the connection works. */
    public boolean interactive() {
        return this == OAUTH_AUTHORIZATION_CODE;
    }
}
