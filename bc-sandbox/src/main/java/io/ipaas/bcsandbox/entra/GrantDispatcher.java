package io.ipaas.bcsandbox.entra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Routes a token request to the handler of its {@code grant_type}. */
public final class GrantDispatcher {
    private final Map<String, GrantHandler> handlers = new LinkedHashMap<>();

    public GrantDispatcher(List<GrantHandler> grants) {
        grants.forEach(grant -> handlers.put(grant.grantType(), grant));
    }

    public TokenResponse dispatch(TokenRequest request) {
        String grantType = request.require("grant_type");
        GrantHandler handler = handlers.get(grantType);
        if (handler == null) {
            throw EntraErrors.unsupportedGrantType(grantType);
        }
        return handler.handle(request);
    }
}
