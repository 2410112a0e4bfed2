package io.ipaas.connector.dynamics365.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.JWTAuthentication;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.Tokens;
import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.api.state.Secret;
import io.ipaas.connector.dynamics365.odata.RequestCounters;
import io.ipaas.connector.dynamics365.settings.BcSettings;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sends token requests to Entra ID's v2.0 token endpoint ({@code {authority}/{tenant}/oauth2/v2.0/token}),
 * with the protocol messages built and parsed by the Nimbus OAuth SDK.
 */
public final class EntraTokenClient {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final URI tokenEndpoint;
    private final Clock clock;
    private final RequestCounters counters;
    private final Duration timeout;

    public EntraTokenClient(
            URI authorityUrl, String tenantId, Clock clock, RequestCounters counters, Duration timeout) {
        String base = authorityUrl.toString().replaceAll("/+$", "");
        this.tokenEndpoint = URI.create(base + "/" + tenantId + "/oauth2/v2.0/token");
        this.clock = clock;
        this.counters = counters;
        this.timeout = timeout;
    }

    public URI tokenEndpoint() {
        return tokenEndpoint;
    }

    /** Requests a token for a confidential client; every failure comes back classified. */
    public TokenGrant request(
            ClientAuthentication client, AuthorizationGrant grant, Scope scope, TokenPurpose purpose) {
        // Entra's requests carry client_id even with an assertion, which by itself would leave it out (RFC 7523)
        Map<String, List<String>> extra = client instanceof JWTAuthentication
                ? Map.of("client_id", List.of(client.getClientID().getValue()))
                : Map.of();
        return send(new TokenRequest(tokenEndpoint, client, grant, scope, null, extra), purpose);
    }

    /** Requests a token for a public client (no secret, no certificate: PKCE protects the code). */
    public TokenGrant request(ClientID client, AuthorizationGrant grant, Scope scope, TokenPurpose purpose) {
        return send(new TokenRequest(tokenEndpoint, client, grant, scope), purpose);
    }

    private TokenGrant send(TokenRequest request, TokenPurpose purpose) {
        HTTPRequest http = request.toHTTPRequest();
        http.setConnectTimeout((int) timeout.toMillis());
        http.setReadTimeout((int) timeout.toMillis());
        counters.increment(RequestCounters.TOKEN_REQUESTS);
        HTTPResponse response;
        try {
            response = http.send();
        } catch (SocketTimeoutException e) {
            throw ConnectorException.transientFailure(
                    "Microsoft Entra ID did not answer within " + timeout.toSeconds() + " s at "
                            + tokenEndpoint.getHost() + "; retrying later",
                    null,
                    e);
        } catch (IOException e) {
            throw ConnectorException.transientFailure(
                    "could not reach Microsoft Entra ID at " + tokenEndpoint.getHost()
                            + " (" + e.getClass().getSimpleName() + "); check " + BcSettings.AUTHORITY_URL
                            + " and the network, retrying later",
                    null,
                    e);
        }
        TokenResponse parsed;
        try {
            parsed = TokenResponse.parse(response);
        } catch (ParseException e) {
            throw unreadable(response, e);
        }
        if (!parsed.indicatesSuccess()) {
            throw EntraErrors.classify(error(response, parsed), purpose);
        }
        Tokens tokens = parsed.toSuccessResponse().getTokens();
        AccessToken token = tokens.getAccessToken();
        // Entra always sends expires_in; if a proxy strips it, assume the shortest documented lifetime (60 min)
        long lifetime = token.getLifetime() > 0 ? token.getLifetime() : 3600;
        return new TokenGrant(
                new IssuedToken(token.getValue(), clock.instant().plusSeconds(lifetime)),
                Optional.ofNullable(tokens.getRefreshToken()).map(r -> Secret.of(r.getValue())));
    }

    private EntraError error(HTTPResponse response, TokenResponse parsed) {
        var errorObject = parsed.toErrorResponse().getErrorObject();
        List<Integer> codes = new ArrayList<>();
        try {
            JsonNode body = MAPPER.readTree(response.getBody());
            body.path("error_codes").forEach(code -> codes.add(code.asInt()));
        } catch (IOException | RuntimeException ignored) {
            // the codes are a refinement; the OAuth error code alone still classifies the failure
        }
        String code = errorObject == null || errorObject.getCode() == null ? "unknown_error" : errorObject.getCode();
        String description =
                errorObject == null || errorObject.getDescription() == null ? "" : errorObject.getDescription();
        return new EntraError(response.getStatusCode(), code, description, codes);
    }

    private ConnectorException unreadable(HTTPResponse response, Exception cause) {
        if (response.getStatusCode() >= 500 || response.getStatusCode() == 429) {
            return ConnectorException.transientFailure(
                    "Microsoft Entra ID failed with HTTP " + response.getStatusCode() + "; retrying later",
                    null,
                    cause);
        }
        return ConnectorException.configuration(
                BcSettings.AUTHORITY_URL,
                "the sign-in authority at "
                        + tokenEndpoint.getHost() + " did not answer like Microsoft Entra ID (HTTP "
                        + response.getStatusCode()
                        + "); check " + BcSettings.AUTHORITY_URL + " and " + BcSettings.TENANT_ID,
                cause);
    }
}
