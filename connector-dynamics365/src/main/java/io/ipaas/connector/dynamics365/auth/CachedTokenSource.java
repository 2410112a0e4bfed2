package io.ipaas.connector.dynamics365.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Caches one access token until shortly before it expires. Caffeine computes a missing entry once while
 * concurrent callers wait, so any number of threads needing a new token cause exactly one token request.
 */
public final class CachedTokenSource implements TokenSource {
    /** Refresh this long before expiry, so a token never expires in the middle of a page request. */
    public static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);
    /**
     * A short-lived token is refreshed a quarter of its life early instead (its life as left when it is cached):
     * a fixed 5 minutes would leave a token of 5 minutes or less no usable time at all, and cost one token
     * request per API call.
     */
    static final int MARGIN_FRACTION_OF_LIFE = 4;

    private static final String KEY = "access-token";

    private final Supplier<IssuedToken> fetch;
    private final Clock clock;
    private final Cache<String, IssuedToken> cache;

    public CachedTokenSource(Supplier<IssuedToken> fetch, Clock clock) {
        this.fetch = fetch;
        this.clock = clock;
        this.cache = Caffeine.newBuilder()
                .maximumSize(1)
                .ticker(() -> clock.millis() * 1_000_000L)
                .expireAfter(new Expiry<String, IssuedToken>() {
                    @Override
                    public long expireAfterCreate(String key, IssuedToken token, long currentTime) {
                        return usableFor(token);
                    }

                    @Override
                    public long expireAfterUpdate(
                            String key, IssuedToken token, long currentTime, long currentDuration) {
                        return usableFor(token);
                    }

                    @Override
                    public long expireAfterRead(String key, IssuedToken token, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }

    private long usableFor(IssuedToken token) {
        Duration life = Duration.between(clock.instant(), token.expiresAt());
        if (life.isNegative() || life.isZero()) {
            return 0;
        }
        Duration margin = min(REFRESH_MARGIN, life.dividedBy(MARGIN_FRACTION_OF_LIFE));
        return life.minus(margin).toNanos();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public String accessToken() {
        return current().value();
    }

    /** The cached token with its expiry, fetching one if needed. */
    public IssuedToken current() {
        return cache.get(KEY, key -> fetch.get());
    }

    /** The cached token, if one is cached and still usable, without fetching. */
    public java.util.Optional<IssuedToken> peek() {
        return java.util.Optional.ofNullable(cache.getIfPresent(KEY));
    }

    @Override
    public String refreshAfterRejection(String rejected) {
        // drop only the token that was rejected: if another thread already replaced it, use the replacement
        cache.asMap().computeIfPresent(KEY, (key, token) -> token.value().equals(rejected) ? null : token);
        return accessToken();
    }

    /** Puts a token obtained elsewhere (a code redemption, a stored token) into the cache. */
    public void prime(IssuedToken token) {
        cache.put(KEY, token);
    }

    public void invalidate() {
        cache.invalidateAll();
    }
}
