package io.ipaas.bcsandbox.entra;

/**
 * One OAuth grant type of the token endpoint. The {@link GrantDispatcher} routes on {@code grant_type};
 * new grants (authorization_code with PKCE, refresh_token) plug in as further handlers.
 */
public interface GrantHandler {

    /** The {@code grant_type} value this handler serves. */
    String grantType();

    /** Answers the request, or throws an {@link EntraException}. */
    TokenResponse handle(TokenRequest request);
}
