package io.ipaas.connector.dynamics365.auth;

import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.dynamics365.settings.BcSettings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collections;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The app's certificate and private key, read from PEM text or a base64 PKCS#12 file with the JDK alone.
 * {@link #toString()} never shows the key.
 *
 * @param certificate the X.509 certificate registered on the app
 * @param privateKey its RSA private key
 */
public record CertificateCredential(X509Certificate certificate, PrivateKey privateKey) {
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]+)-----END \\1-----");

    public static CertificateCredential parse(String text, Optional<String> password) {
        try {
            return text.contains("-----BEGIN") ? fromPem(text, password) : fromPkcs12(text, password);
        } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
            throw ConnectorException.configuration(
                    BcSettings.CLIENT_CERTIFICATE,
                    "the certificate could not be read ("
                            + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                            + "); paste PEM "
                            + "text with a CERTIFICATE and a PRIVATE KEY block, or a base64 PKCS#12 file, and check "
                            + BcSettings.CLIENT_CERTIFICATE_PASSWORD,
                    e);
        }
    }

    private static CertificateCredential fromPem(String text, Optional<String> password)
            throws GeneralSecurityException {
        X509Certificate certificate = null;
        PrivateKey key = null;
        Matcher block = PEM.matcher(text);
        while (block.find()) {
            byte[] der = Base64.getMimeDecoder().decode(block.group(2));
            switch (block.group(1)) {
                case "CERTIFICATE" -> {
                    if (certificate == null) {
                        certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                                .generateCertificate(new ByteArrayInputStream(der));
                    }
                }
                case "PRIVATE KEY" -> key = rsa(new PKCS8EncodedKeySpec(der));
                case "ENCRYPTED PRIVATE KEY" ->
                    key = rsa(decrypt(
                            der,
                            password.orElseThrow(() -> new IllegalArgumentException(
                                    "the private key is encrypted and no password is set"))));
                case "RSA PRIVATE KEY" ->
                    throw new IllegalArgumentException("PKCS#1 keys are not supported; convert with "
                            + "'openssl pkcs8 -topk8 -nocrypt -in key.pem'");
                default -> {
                    // other blocks (chain certificates, parameters) are not needed for the assertion
                }
            }
        }
        if (certificate == null || key == null) {
            throw new IllegalArgumentException("the PEM text needs one CERTIFICATE and one PRIVATE KEY block");
        }
        return new CertificateCredential(certificate, key);
    }

    private static PKCS8EncodedKeySpec decrypt(byte[] der, String password) throws GeneralSecurityException {
        try {
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
            // for PBES2 the JDK names the real cipher in the parameters, e.g. PBEWithHmacSHA256AndAES_256
            String algorithm =
                    info.getAlgParameters() != null ? info.getAlgParameters().toString() : info.getAlgName();
            Cipher cipher = Cipher.getInstance(algorithm);
            cipher.init(
                    Cipher.DECRYPT_MODE,
                    SecretKeyFactory.getInstance(algorithm).generateSecret(new PBEKeySpec(password.toCharArray())),
                    info.getAlgParameters());
            return info.getKeySpec(cipher);
        } catch (IOException e) {
            throw new GeneralSecurityException("the encrypted private key is malformed", e);
        }
    }

    private static PrivateKey rsa(PKCS8EncodedKeySpec spec) throws GeneralSecurityException {
        return KeyFactory.getInstance("RSA").generatePrivate(spec);
    }

    private static CertificateCredential fromPkcs12(String base64, Optional<String> password)
            throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        char[] secret = password.orElse("").toCharArray();
        store.load(new ByteArrayInputStream(Base64.getMimeDecoder().decode(base64.trim())), secret);
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                Key key = store.getKey(alias, secret);
                if (key instanceof PrivateKey privateKey
                        && store.getCertificate(alias) instanceof X509Certificate certificate) {
                    return new CertificateCredential(certificate, privateKey);
                }
            }
        }
        throw new IllegalArgumentException("the PKCS#12 file holds no private key with a certificate");
    }

    @Override
    public String toString() {
        return "CertificateCredential[" + certificate.getSubjectX500Principal().getName() + "]";
    }
}
