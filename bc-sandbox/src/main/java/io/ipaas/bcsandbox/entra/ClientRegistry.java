package io.ipaas.bcsandbox.entra;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The app registrations of the tenant. Apps are immutable records swapped atomically, so token requests
 * and fault injection can run concurrently.
 */
public final class ClientRegistry {
    private final Map<String, RegisteredApp> apps = new ConcurrentHashMap<>();
    private final Map<String, java.util.List<java.security.cert.X509Certificate>> certificates =
            new ConcurrentHashMap<>();

    /** Registers a certificate credential on an app (registering the app, with no secret, if needed). */
    public void registerCertificate(String clientId, java.security.cert.X509Certificate certificate) {
        apps.putIfAbsent(clientId, new RegisteredApp(clientId, Set.of(), RegisteredApp.DEFAULT_ROLES, false, true));
        certificates
                .computeIfAbsent(clientId, id -> new java.util.concurrent.CopyOnWriteArrayList<>())
                .add(certificate);
    }

    public java.util.List<java.security.cert.X509Certificate> certificates(String clientId) {
        return certificates.getOrDefault(clientId, java.util.List.of());
    }

    /** Registers {@code clientId} or adds another valid secret to it; the app starts enabled in BC. */
    public void register(String clientId, String secret) {
        apps.merge(
                clientId,
                new RegisteredApp(clientId, Set.of(secret), RegisteredApp.DEFAULT_ROLES, false, true),
                (old, fresh) -> {
                    Set<String> secrets = new HashSet<>(old.secrets());
                    secrets.add(secret);
                    return new RegisteredApp(clientId, secrets, old.roles(), old.revoked(), old.enabledInBc());
                });
    }

    public Optional<RegisteredApp> find(String clientId) {
        return clientId == null ? Optional.empty() : Optional.ofNullable(apps.get(clientId));
    }

    public List<RegisteredApp> all() {
        return List.copyOf(apps.values());
    }

    /** Entra stops issuing tokens to the app; BC rejects the tokens it already has. */
    public void revoke(String clientId) {
        update(clientId, app -> app.withRevoked(true));
    }

    public void restore(String clientId) {
        update(clientId, app -> app.withRevoked(false));
    }

    /** BC no longer lists the app on "Microsoft Entra Applications": its tokens get BC's 401. */
    public void unregisterInBc(String clientId) {
        update(clientId, app -> app.withEnabledInBc(false));
    }

    public void registerInBc(String clientId) {
        update(clientId, app -> app.withEnabledInBc(true));
    }

    /** Whether BC accepts a token issued to {@code clientId} right now. */
    public boolean acceptedByBc(String clientId) {
        RegisteredApp app = clientId == null ? null : apps.get(clientId);
        return app != null && !app.revoked() && app.enabledInBc();
    }

    private void update(String clientId, UnaryOperator<RegisteredApp> change) {
        if (apps.computeIfPresent(clientId, (id, app) -> change.apply(app)) == null) {
            throw new IllegalArgumentException("No app registration with client id " + clientId);
        }
    }
}
