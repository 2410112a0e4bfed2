package io.ipaas.bcsandbox.entra;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Mints access tokens for the tenant and reads back the ones it minted. Thread-safe. */
public final class TokenIssuer {
    private final Tenant tenant;
    private final Clock clock;
    private final Duration lifetime;
    private final JwtCodec codec = new JwtCodec();

    public TokenIssuer(Tenant tenant, Clock clock, Duration lifetime) {
        this.tenant = tenant;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    public Duration lifetime() {
        return lifetime;
    }

    /** A fresh BC access token for {@code app}, valid for the configured lifetime. */
    public String issue(RegisteredApp app) {
        Instant now = clock.instant();
        AccessTokenClaims claims = new AccessTokenClaims(
                AccessTokenClaims.BC_AUDIENCE,
                tenant.id(),
                app.clientId(),
                app.objectId(),
                app.roles(),
                now,
                now.plus(lifetime),
                UUID.randomUUID().toString());
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("typ", "JWT");
        header.put("alg", "HS256");
        header.put("kid", "bc-sandbox");
        return codec.encode(header, claims.toMap());
    }

    /** The claims of a token this issuer minted (expired or not); empty for anything else. */
    public Optional<AccessTokenClaims> read(String token) {
        return codec.decode(token).flatMap(AccessTokenClaims::fromMap);
    }
}
