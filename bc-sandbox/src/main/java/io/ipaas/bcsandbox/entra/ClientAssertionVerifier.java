package io.ipaas.bcsandbox.entra;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a certificate client assertion as Entra does (facts §7.5): RS256 or PS256 signature by a certificate
 * registered on the app (found by {@code x5t#S256} or {@code x5t}), {@code aud} = this tenant's token endpoint,
 * {@code iss} = {@code sub} = client id, a time window that includes now, and a {@code jti} used once.
 */
final class ClientAssertionVerifier {
    static final String TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SKEW = Duration.ofMinutes(5);

    private final Clock clock;
    private final Set<String> seenIds = ConcurrentHashMap.newKeySet();

    ClientAssertionVerifier(Clock clock) {
        this.clock = clock;
    }

    void verify(TokenRequest request, String clientId, List<X509Certificate> certificates, String tenantSegment) {
        if (!TYPE.equals(request.parameter("client_assertion_type").orElse(null))) {
            throw new EntraException(
                    400, "invalid_request", 7000219, "'client_assertion_type' must be '" + TYPE + "'.");
        }
        String[] parts = request.require("client_assertion").split("\\.");
        if (parts.length != 3) {
            throw failed("The client assertion is not a signed JWT.");
        }
        Map<String, Object> header = json(parts[0]);
        Map<String, Object> claims = json(parts[1]);
        X509Certificate certificate = certificates.stream()
                .filter(c -> thumbprint(c, "SHA-256").equals(header.get("x5t#S256"))
                        || thumbprint(c, "SHA-1").equals(header.get("x5t")))
                .findFirst()
                .orElseThrow(() ->
                        failed("No certificate with this thumbprint is registered on application '" + clientId + "'."));
        if (!signatureValid(String.valueOf(header.get("alg")), certificate, parts)) {
            throw failed("Client assertion failed signature validation.");
        }
        String audience = claims.get("aud") instanceof List<?> list && !list.isEmpty()
                ? String.valueOf(list.get(0))
                : String.valueOf(claims.get("aud"));
        if (!audience.endsWith("/" + tenantSegment + "/oauth2/v2.0/token")) {
            throw new EntraException(
                    401,
                    "invalid_client",
                    700021,
                    "Client assertion audience claim does not match Realm "
                            + "issuer. Review the documentation at https://aka.ms/certCreds.");
        }
        if (!clientId.equals(claims.get("iss")) || !clientId.equals(claims.get("sub"))) {
            throw new EntraException(
                    401,
                    "invalid_client",
                    700023,
                    "Client assertion issuer and subject must both be the " + "client id.");
        }
        Instant now = clock.instant();
        Instant expires = Instant.ofEpochSecond(((Number) claims.getOrDefault("exp", 0)).longValue());
        Instant notBefore = Instant.ofEpochSecond(((Number) claims.getOrDefault("nbf", 0)).longValue());
        if (now.isAfter(expires.plus(SKEW)) || now.plus(SKEW).isBefore(notBefore)) {
            throw new EntraException(
                    401, "invalid_client", 700024, "Client assertion is not within its valid time range.");
        }
        Object jti = claims.get("jti");
        if (jti == null || !seenIds.add(String.valueOf(jti))) {
            throw new EntraException(
                    401, "invalid_client", 700025, "Client assertion contains a missing or replayed jti.");
        }
    }

    private static boolean signatureValid(String algorithm, X509Certificate certificate, String[] parts) {
        try {
            Signature signature;
            if (algorithm.equals("RS256")) {
                signature = Signature.getInstance("SHA256withRSA");
            } else if (algorithm.equals("PS256")) {
                signature = Signature.getInstance("RSASSA-PSS");
                signature.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
            } else {
                return false;
            }
            signature.initVerify(certificate.getPublicKey());
            signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return signature.verify(Base64.getUrlDecoder().decode(parts[2]));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    static String thumbprint(X509Certificate certificate, String digest) {
        try {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(MessageDigest.getInstance(digest).digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> json(String part) {
        try {
            return JSON.readValue(Base64.getUrlDecoder().decode(part), new TypeReference<>() {});
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw failed("The client assertion is not a readable JWT.");
        }
    }

    private static EntraException failed(String text) {
        return new EntraException(401, "invalid_client", 700027, text);
    }
}
