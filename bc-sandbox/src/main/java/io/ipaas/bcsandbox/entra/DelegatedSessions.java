package io.ipaas.bcsandbox.entra;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The state of user sign-ins: authorization codes (single use, 10 minutes) and refresh tokens (90 days, rotated on
 * every use unless rotation is switched off). Switches revoke or expire every refresh token, the way a password
 * change, an administrator's revoke or 90 days of inactivity do (facts §7.3).
 */
public final class DelegatedSessions {
    static final Duration CODE_LIFETIME = Duration.ofMinutes(10);
    static final Duration REFRESH_LIFETIME = Duration.ofDays(90);

    /** What a code was issued for. */
    record Code(
            String clientId,
            String redirectUri,
            String challenge,
            String challengeMethod,
            String scope,
            Instant expiresAt) {}

    /** What a refresh token stands for. */
    record Refresh(String clientId, String scope, Instant expiresAt) {}

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    private final Set<String> redeemed = ConcurrentHashMap.newKeySet();
    private final Map<String, Refresh> refreshTokens = new ConcurrentHashMap<>();
    private volatile boolean rotation = true;
    private volatile boolean revoked;
    private volatile boolean expired;

    public DelegatedSessions(Clock clock) {
        this.clock = clock;
    }

    String issueCode(String clientId, String redirectUri, String challenge, String challengeMethod, String scope) {
        String code = "0.sandbox-code." + token();
        codes.put(
                code,
                new Code(
                        clientId,
                        redirectUri,
                        challenge,
                        challengeMethod,
                        scope,
                        clock.instant().plus(CODE_LIFETIME)));
        return code;
    }

    /** Takes a code out: a code works once, even when its redemption then fails (as Entra does). */
    Code redeem(String code) {
        Code found = codes.remove(code);
        if (found == null) {
            throw redeemed.contains(code)
                    ? new EntraException(
                            400,
                            "invalid_grant",
                            54005,
                            "OAuth2 Authorization code was already redeemed, "
                                    + "please retry with a new valid code or use an existing refresh token.")
                    : new EntraException(
                            400, "invalid_grant", 70000, "The provided value for the 'code' parameter is not valid.");
        }
        redeemed.add(code);
        if (clock.instant().isAfter(found.expiresAt())) {
            throw new EntraException(
                    400,
                    "invalid_grant",
                    70008,
                    "The provided authorization code or refresh token has "
                            + "expired due to inactivity. Send a new interactive authorization request for this user and resource.");
        }
        return found;
    }

    String issueRefreshToken(String clientId, String scope) {
        String token = "1.sandbox-refresh." + token();
        refreshTokens.put(token, new Refresh(clientId, scope, clock.instant().plus(REFRESH_LIFETIME)));
        return token;
    }

    /** Checks a refresh token and returns the one to hand back: a new one when rotating, else the same. */
    Refresh use(String token) {
        if (revoked) {
            throw new EntraException(
                    400,
                    "invalid_grant",
                    50173,
                    "The provided grant has expired due to it being revoked, "
                            + "a fresh auth token is needed. The user might have changed or reset their password.");
        }
        Refresh found = refreshTokens.get(token);
        if (found == null) {
            throw new EntraException(
                    400, "invalid_grant", 9002313, "Invalid request. Request is malformed or invalid.");
        }
        if (expired || clock.instant().isAfter(found.expiresAt())) {
            throw new EntraException(
                    400,
                    "invalid_grant",
                    700082,
                    "The refresh token has expired due to inactivity. The " + "token was issued on "
                            + found.expiresAt().minus(REFRESH_LIFETIME) + " and was inactive for 90.00:00:00.");
        }
        return found;
    }

    boolean rotation() {
        return rotation;
    }

    public void rotation(boolean on) {
        this.rotation = on;
    }

    /** Every refresh token stops working, as after a password change or an administrator's revoke (AADSTS50173). */
    public void revokeRefreshTokens(boolean on) {
        this.revoked = on;
    }

    /** Every refresh token counts as expired after 90 days without use (AADSTS700082). */
    public void expireRefreshTokens(boolean on) {
        this.expired = on;
    }

    public Optional<String> lastIssuedRefreshToken() {
        return refreshTokens.keySet().stream().findAny();
    }

    private String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
