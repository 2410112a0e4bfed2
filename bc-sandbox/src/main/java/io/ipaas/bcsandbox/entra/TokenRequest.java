package io.ipaas.bcsandbox.entra;

import java.util.Map;
import java.util.Optional;

/**
 * A parsed call of {@code POST /{tenant}/oauth2/v2.0/token}.
 *
 * @param tenant          the tenant the URL named
 * @param form            the form parameters (first value of each)
 * @param basicClientId   the client id from an HTTP Basic Authorization header, or null
 * @param basicSecret     the secret from that header, or null
 * @param tenantSegment   the tenant as the URL named it (GUID or domain), for assertion audiences
 */
public record TokenRequest(
        Tenant tenant, Map<String, String> form, String basicClientId, String basicSecret, String tenantSegment) {
    public TokenRequest {
        form = Map.copyOf(form);
    }

    public Optional<String> parameter(String name) {
        String value = form.get(name);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** The parameter, or Entra's 400 AADSTS900144 naming it. */
    public String require(String name) {
        return parameter(name).orElseThrow(() -> EntraErrors.missingParameter(name));
    }
}
