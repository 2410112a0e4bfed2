package io.ipaas.connector.dynamics365.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.dynamics365.settings.BcSettings;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Signs the client assertion Entra ID accepts in place of a secret (facts §7.5): header {@code alg}, {@code typ: JWT}
 * and {@code x5t#S256}; claims {@code aud} = token endpoint, {@code iss} = {@code sub} = client id, a unique
 * {@code jti}, {@code nbf}/{@code iat} now and a short {@code exp}. Built by hand rather than by Nimbus's
 * PrivateKeyJWT constructor because that one omits {@code typ}.
 */
public final class ClientAssertion {
    /** Long enough for one token request, short enough to be useless if intercepted. */
    public static final Duration LIFETIME = Duration.ofMinutes(5);

    private ClientAssertion() {}

    public static PrivateKeyJWT create(
            String clientId, URI tokenEndpoint, CertificateCredential credential, String algorithm, Clock clock) {
        try {
            Instant now = clock.instant();
            JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.parse(algorithm))
                    .type(JOSEObjectType.JWT)
                    .x509CertSHA256Thumbprint(thumbprint(credential))
                    .build();
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .audience(tokenEndpoint.toString())
                    .issuer(clientId)
                    .subject(clientId)
                    .jwtID(UUID.randomUUID().toString())
                    .notBeforeTime(Date.from(now))
                    .issueTime(Date.from(now))
                    .expirationTime(Date.from(now.plus(LIFETIME)))
                    .build();
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(new RSASSASigner(credential.privateKey()));
            return new PrivateKeyJWT(jwt);
        } catch (JOSEException e) {
            throw ConnectorException.configuration(
                    BcSettings.CLIENT_CERTIFICATE,
                    "the private key cannot sign a " + algorithm + " assertion (" + e.getMessage()
                            + "); use an RSA key of at least 2048 bits",
                    e);
        }
    }

    static Base64URL thumbprint(CertificateCredential credential) {
        try {
            return Base64URL.encode(MessageDigest.getInstance("SHA-256")
                    .digest(credential.certificate().getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot hash the certificate", e);
        }
    }
}
