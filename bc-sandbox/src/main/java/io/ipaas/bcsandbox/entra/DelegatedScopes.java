package io.ipaas.bcsandbox.entra;

import java.util.Arrays;
import java.util.Set;

/** Scopes a user sign-in may ask for: BC's resource scopes plus the OpenID and offline ones. */
final class DelegatedScopes {
    private static final String BC = "https://api.businesscentral.dynamics.com/";
    private static final Set<String> STANDARD = Set.of("offline_access", "openid", "profile", "email");

    private DelegatedScopes() {}

    static void check(String scope) {
        if (scope == null || scope.isBlank()) {
            throw EntraErrors.missingParameter("scope");
        }
        boolean bc = false;
        for (String item : scope.trim().split("\\s+")) {
            if (item.startsWith(BC)) {
                bc = true;
            } else if (!STANDARD.contains(item)) {
                throw EntraErrors.invalidScope(scope);
            }
        }
        if (!bc) {
            throw EntraErrors.invalidScope(scope);
        }
    }

    static boolean offline(String scope) {
        return Arrays.asList(scope.trim().split("\\s+")).contains("offline_access");
    }

    /** The scope Entra reports back: the granted resource scopes, without offline_access. */
    static String granted(String scope) {
        return String.join(
                " ",
                Arrays.stream(scope.trim().split("\\s+"))
                        .filter(s -> !s.equals("offline_access"))
                        .toList());
    }
}
