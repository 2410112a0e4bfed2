package io.ipaas.harness.cli;

import io.ipaas.connector.api.Connector;
import io.ipaas.connector.api.auth.AuthStatus;
import io.ipaas.connector.api.auth.AuthorizationCallback;
import io.ipaas.connector.api.auth.AuthorizationStart;
import io.ipaas.connector.api.state.Secret;
import io.ipaas.harness.plugin.LoadedPlugin;
import io.ipaas.harness.secrets.Pkce;
import io.ipaas.harness.secrets.SecretKeyException;
import io.ipaas.harness.store.Store;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The host's half of an interactive sign-in: it creates the state value and PKCE verifier, keeps them (the verifier
 * sealed) bound to the subscription for ten minutes, and accepts each state exactly once.
 */
final class SignIn {
    static final Duration LIFETIME = Duration.ofMinutes(10);

    private final Harness harness;

    SignIn(Harness harness) {
        this.harness = harness;
    }

    /** Starts an attempt; returns the authorize URL to open. */
    URI begin(LoadedPlugin plugin, Connector connector, String subscriptionId, URI redirectUri) {
        String state = Pkce.state();
        // a verifier is kept for every attempt (the row needs one); it reaches the provider only when PKCE is used
        String verifier = Pkce.verifier();
        boolean pkce = harness.call(plugin, () -> connector.auth().usesPkce());
        harness.store()
                .saveAuthAttempt(new Store.AuthAttempt(
                        state,
                        subscriptionId,
                        harness.cipher().encrypt(verifier, aad(state)),
                        redirectUri.toString(),
                        Instant.now().plus(LIFETIME),
                        false));
        return harness.call(
                plugin,
                () -> connector
                        .auth()
                        .authorizationUrl(new AuthorizationStart(
                                redirectUri, state, pkce ? Optional.of(Pkce.challenge(verifier)) : Optional.empty())));
    }

    /** Checks the callback's state and lets the connector redeem the code. */
    AuthStatus complete(
            LoadedPlugin plugin, Connector connector, String subscriptionId, Map<String, String> parameters) {
        String state = parameters.get("state");
        if (state == null) {
            throw new UserFailure(
                    ExitCodes.AUTHENTICATION,
                    "the sign-in answer has no state value, so it cannot be trusted; "
                            + "start again with: auth connect " + subscriptionId);
        }
        Store.AuthAttempt attempt = harness.store()
                .authAttempt(state)
                .filter(a -> a.subscriptionId().equals(subscriptionId))
                .orElseThrow(() -> new UserFailure(
                        ExitCodes.AUTHENTICATION,
                        "the sign-in answer does not belong to a sign-in " + "started for " + subscriptionId
                                + " (unknown state); start again with: auth connect " + subscriptionId));
        if (Instant.now().isAfter(attempt.expiresAt())) {
            throw new UserFailure(
                    ExitCodes.AUTHENTICATION,
                    "this sign-in was started more than " + LIFETIME.toMinutes()
                            + " minutes ago and has expired; start again with: auth connect " + subscriptionId);
        }
        if (!harness.store().useAuthAttempt(state)) {
            throw new UserFailure(
                    ExitCodes.AUTHENTICATION,
                    "this sign-in answer was already used; start again with: " + "auth connect " + subscriptionId);
        }
        boolean pkce = harness.call(plugin, () -> connector.auth().usesPkce());
        Optional<Secret> verifier = pkce ? Optional.of(verifier(attempt, subscriptionId)) : Optional.empty();
        AuthStatus status = harness.call(
                plugin,
                () -> connector
                        .auth()
                        .completeAuthorization(
                                new AuthorizationCallback(URI.create(attempt.redirectUri()), parameters, verifier)));
        harness.store()
                .setStatus(
                        subscriptionId,
                        status.state().name().equals("CONNECTED")
                                ? "ACTIVE"
                                : status.state().name());
        return status;
    }

    /** The attempt's PKCE verifier; an attempt sealed with a key this home no longer has is simply started again. */
    private Secret verifier(Store.AuthAttempt attempt, String subscriptionId) {
        try {
            return Secret.of(harness.cipher().decrypt(attempt.sealedVerifier(), aad(attempt.state())));
        } catch (SecretKeyException e) {
            throw new UserFailure(
                    ExitCodes.AUTHENTICATION,
                    "this sign-in was started with another secret key than this home's; start again with: auth connect "
                            + subscriptionId);
        }
    }

    static Map<String, String> query(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery == null) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                parameters.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return parameters;
    }

    private static String aad(String state) {
        return "auth-attempt/" + state;
    }
}
