package io.ipaas.connector.testkit;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The system a connector's contract test runs against (an emulator, a WireMock server), as its author
 * provides it. Started before the suite, closed after it.
 */
public interface ContractBackend extends AutoCloseable {

    /** Raw settings (as parsed from JSON) that reach this backend and pass validation. */
    Map<String, Object> validSettings();

    /** Like {@link #validSettings()} but with credentials the backend refuses. */
    Map<String, Object> settingsWithWrongCredentials();

    /**
     * Settings that sign in interactively (authorization code with PKCE) against this backend, whose authorize
     * endpoint must answer at once with a redirect (see {@link BrowserSignIn}); empty when the connector or the
     * backend offers no interactive sign-in, which skips the interactive auth cases.
     */
    default Optional<Map<String, Object>> interactiveSettings() {
        return Optional.empty();
    }

    /** Entities the suite pulls, each with the keys of every record the backend holds for it. */
    Map<String, Set<String>> expectedKeys();

    @Override
    void close();
}
