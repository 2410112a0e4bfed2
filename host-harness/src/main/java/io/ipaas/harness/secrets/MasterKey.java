package io.ipaas.harness.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The 256-bit key that encrypts secrets at rest: from {@code HARNESS_SECRET_KEY} (base64) when set, otherwise
 * from {@code secret.key} in the home folder, created on first use readable by the owner only.
 */
public final class MasterKey {
    public static final String ENVIRONMENT_VARIABLE = "HARNESS_SECRET_KEY";
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private MasterKey() {}

    public static SecretKey load(Path home, String fromEnvironment) {
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return decode(fromEnvironment.trim(), ENVIRONMENT_VARIABLE);
        }
        Path file = home.resolve("secret.key");
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            return decode(Files.readString(file, StandardCharsets.US_ASCII).trim(), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the key file " + file, e);
        }
    }

    private static void create(Path file) throws IOException {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try {
            // created with owner-only permissions from the start, never world-readable for an instant
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (FileAlreadyExistsException raced) {
            return;
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, Base64.getEncoder().encodeToString(key), StandardCharsets.US_ASCII);
    }

    private static SecretKey decode(String base64, String source) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + " is not base64; it must hold a base64-encoded 32-byte key");
        }
        if (bytes.length != 32) {
            throw new IllegalArgumentException(
                    source + " must hold a base64-encoded 32-byte key, got " + bytes.length + " bytes");
        }
        return new SecretKeySpec(bytes, "AES");
    }
}
