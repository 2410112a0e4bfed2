package io.ipaas.bcsandbox;

import io.ipaas.bcsandbox.odata.BcFault;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Switches that make the sandbox misbehave the way BC does under load or misconfiguration. */
public final class SandboxFaults {
    private final ConcurrentLinkedQueue<BcFault> pending = new ConcurrentLinkedQueue<>();
    private final Set<String> unregistered = ConcurrentHashMap.newKeySet();
    private volatile int retryAfterSeconds = 1;

    /** The next {@code count} API requests fail with {@code status} (429, 500, 502, 503, 504 …) and BC's body. */
    public SandboxFaults failNext(int count, int status) {
        for (int i = 0; i < count; i++) {
            pending.add(fault(status));
        }
        return this;
    }

    /** The Retry-After sent with 429 and 503 answers. */
    public SandboxFaults retryAfterSeconds(int seconds) {
        this.retryAfterSeconds = seconds;
        return this;
    }

    /**
     * BC answers 401 {@code Authentication_InvalidCredentials} for this app's valid tokens, as when the app is
     * missing from BC's "Microsoft Entra Applications" page.
     */
    public SandboxFaults unregisterInBc(String clientId) {
        unregistered.add(clientId);
        return this;
    }

    public SandboxFaults registerInBc(String clientId) {
        unregistered.remove(clientId);
        return this;
    }

    boolean isUnregistered(String clientId) {
        return unregistered.contains(clientId);
    }

    Optional<BcFault> next() {
        return Optional.ofNullable(pending.poll());
    }

    public void clear() {
        pending.clear();
        unregistered.clear();
    }

    private BcFault fault(int status) {
        return switch (status) {
            // body shape for 429 is unconfirmed (facts §10); this mirrors fixtures/error_throttled_429.json
            case 429 -> new BcFault(429, "Application_TooManyRequests",
                    "The request was throttled because too many requests were sent for this user. Retry after the interval given in the Retry-After header.",
                    Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
            case 503 -> new BcFault(503, "Unavailable", "The service is temporarily unavailable.",
                    Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
            case 504 -> BcFault.of(504, "GatewayTimeout", "The operation timed out.");
            case 408 -> BcFault.of(408, "RequestTimeout", "The operation timed out.");
            default -> BcFault.of(status, "Internal_ServerError", "An unexpected error occurred.");
        };
    }
}
