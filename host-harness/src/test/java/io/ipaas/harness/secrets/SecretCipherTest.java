package io.ipaas.harness.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretCipherTest {
    @TempDir
    Path home;

    @Test
    void roundTripsWithAFreshIvEachTimeAndBindsToItsName() {
        SecretCipher cipher = new SecretCipher(MasterKey.load(home, null));
        byte[] first = cipher.encrypt("p@ss-word", "sub-1/clientSecret");
        byte[] second = cipher.encrypt("p@ss-word", "sub-1/clientSecret");
        assertFalse(Arrays.equals(first, second), "same plaintext must not give the same ciphertext");
        assertFalse(new String(first, StandardCharsets.ISO_8859_1).contains("p@ss-word"));
        assertEquals("p@ss-word", cipher.decrypt(first, "sub-1/clientSecret"));
        assertThrows(IllegalStateException.class, () -> cipher.decrypt(first, "sub-2/clientSecret"));
    }

    @Test
    void keyFileIsCreatedOwnerOnlyAndReused() throws Exception {
        SecretKey key = MasterKey.load(home, null);
        assertEquals(
                "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("secret.key"))));
        assertEquals(
                Base64.getEncoder().encodeToString(key.getEncoded()),
                Base64.getEncoder().encodeToString(MasterKey.load(home, null).getEncoded()));
    }

    @Test
    void environmentKeyWinsAndBadKeysAreExplained() {
        String env = Base64.getEncoder().encodeToString(new byte[32]);
        assertEquals(32, MasterKey.load(home, env).getEncoded().length);
        assertFalse(Files.exists(home.resolve("secret.key")));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> MasterKey.load(home, Base64.getEncoder().encodeToString(new byte[5])));
        assertEquals("HARNESS_SECRET_KEY must hold a base64-encoded 32-byte key, got 5 bytes", e.getMessage());
    }
}
