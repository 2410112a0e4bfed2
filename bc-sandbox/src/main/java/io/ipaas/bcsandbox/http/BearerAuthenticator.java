package io.ipaas.bcsandbox.http;

import io.ipaas.bcsandbox.entra.AccessTokenClaims;
import io.ipaas.bcsandbox.entra.ClientRegistry;
import io.ipaas.bcsandbox.entra.Tenant;
import io.ipaas.bcsandbox.entra.TokenIssuer;
import io.ipaas.bcsandbox.odata.BcErrors;
import java.time.Clock;

/**
 * BC's check of the {@code Authorization: Bearer} header: a token this sandbox issued, for BC's audience and
 * this tenant, not expired, of an app that is not revoked and is enabled on BC's "Microsoft Entra
 * Applications" page. Every failure is the same 401 Authentication_InvalidCredentials, as BC gives.
 */
final class BearerAuthenticator {
    private final Tenant tenant;
    private final TokenIssuer issuer;
    private final ClientRegistry registry;
    private final Clock clock;

    BearerAuthenticator(Tenant tenant, TokenIssuer issuer, ClientRegistry registry, Clock clock) {
        this.tenant = tenant;
        this.issuer = issuer;
        this.registry = registry;
        this.clock = clock;
    }

    /**
     * @param authorization the Authorization header, or null
     * @param tenantSegment the tenant named in the URL, or null when the URL leaves it to the token
     * @param origin        scheme and host the client used, for the WWW-Authenticate authorization_uri
     */
    AccessTokenClaims authenticate(String authorization, String tenantSegment, String origin) {
        String authorizationUri = origin + "/" + tenant.id() + "/oauth2/authorize";
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw BcErrors.invalidCredentials(authorizationUri);
        }
        AccessTokenClaims claims = issuer.read(authorization.substring(7).trim())
                .orElseThrow(() -> BcErrors.invalidCredentials(authorizationUri));
        boolean valid = AccessTokenClaims.BC_AUDIENCE.equals(claims.audience())
                && claims.tenantId().equals(tenant.id())
                && (tenantSegment == null || tenant.matches(tenantSegment))
                && !claims.expiredAt(clock.instant())
                && registry.acceptedByBc(claims.appId());
        if (!valid) {
            throw BcErrors.invalidCredentials(authorizationUri);
        }
        return claims;
    }
}
