package io.ipaas.connector.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;

/**
 * A throwaway RSA certificate with its private key, made with the JDK's keytool (no test-only crypto library),
 * as PKCS#12 (base64) and as PEM text: what an app registration's certificate credential looks like in settings.
 */
public final class TestCertificates {
    /** The PKCS#12 file's password. */
    public static final String PASSWORD = "test-pfx-password";

    /** The PKCS#12 file, base64-encoded. */
    public final String pkcs12Base64;
    /** The certificate and its unencrypted PKCS#8 private key, PEM-encoded. */
    public final String pem;
    /** The certificate alone, to register with an identity provider. */
    public final Certificate certificate;

    private TestCertificates(String pkcs12Base64, String pem, Certificate certificate) {
        this.pkcs12Base64 = pkcs12Base64;
        this.pem = pem;
        this.certificate = certificate;
    }

    /** Creates a new key pair and a self-signed certificate, valid from now for a year, in {@code folder}. */
    public static TestCertificates create(Path folder) throws Exception {
        return create(folder, "+0d", 365);
    }

    /** A certificate that expired a year ago, as one forgotten in a settings form would be. */
    public static TestCertificates expired(Path folder) throws Exception {
        return create(folder, "-400d", 30);
    }

    private static TestCertificates create(Path folder, String startDate, int validityDays) throws Exception {
        Path store = folder.resolve("app.p12");
        Process keytool = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-alias",
                        "app",
                        "-keyalg",
                        "RSA",
                        "-keysize",
                        "2048",
                        "-dname",
                        "CN=bc-connector-test",
                        "-startdate",
                        startDate,
                        "-validity",
                        String.valueOf(validityDays),
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        store.toString(),
                        "-storepass",
                        PASSWORD,
                        "-keypass",
                        PASSWORD)
                .redirectErrorStream(true)
                .start();
        String output = new String(keytool.getInputStream().readAllBytes());
        if (keytool.waitFor() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        byte[] bytes = Files.readAllBytes(store);
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(new java.io.ByteArrayInputStream(bytes), PASSWORD.toCharArray());
        PrivateKey key = (PrivateKey) keyStore.getKey("app", PASSWORD.toCharArray());
        Certificate certificate = keyStore.getCertificate("app");
        Base64.Encoder mime = Base64.getMimeEncoder(64, "\n".getBytes());
        String pem = "-----BEGIN CERTIFICATE-----\n" + mime.encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n" + "-----BEGIN PRIVATE KEY-----\n"
                + mime.encodeToString(key.getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        return new TestCertificates(Base64.getEncoder().encodeToString(bytes), pem, certificate);
    }
}
