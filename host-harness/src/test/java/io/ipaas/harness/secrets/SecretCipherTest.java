package io.ipaas.harness.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretCipherTest {
    @TempDir
    Path home;

    private String encoded(MasterKey key) {
        return Base64.getEncoder().encodeToString(key.key().getEncoded());
    }

    @Test
    void roundTripsWithAFreshIvEachTimeAndBindsToItsName() {
        SecretCipher cipher = new SecretCipher(MasterKey.load(home, null, 0));
        byte[] first = cipher.encrypt("p@ss-word", "sub-1/clientSecret");
        byte[] second = cipher.encrypt("p@ss-word", "sub-1/clientSecret");
        assertFalse(Arrays.equals(first, second), "same plaintext must not give the same ciphertext");
        assertFalse(new String(first, StandardCharsets.ISO_8859_1).contains("p@ss-word"));
        assertEquals("p@ss-word", cipher.decrypt(first, "sub-1/clientSecret"));
        assertThrows(SecretKeyException.class, () -> cipher.decrypt(first, "sub-2/clientSecret"));
        assertFalse(cipher.opens(Arrays.copyOf(first, 5), "sub-1/clientSecret"), "a damaged value opens with no key");
    }

    @Test
    void keyFileIsCreatedOwnerOnlyAndReused() throws Exception {
        MasterKey key = MasterKey.load(home, null, 0);
        Path file = home.resolve("secret.key");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(file.toString(), key.source());
        assertEquals(encoded(key), encoded(MasterKey.load(home, null, 5)));
        try (var left = Files.list(home)) {
            assertEquals(1, left.count(), "no temporary file is left behind");
        }
    }

    @Test
    void aLooseKeyFileIsTightenedWhenRead() throws Exception {
        MasterKey key = MasterKey.load(home, null, 0);
        Path file = home.resolve("secret.key");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals(encoded(key), encoded(MasterKey.load(home, null, 1)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void aMissingOrEmptyKeyFileIsMadeAnewOnlyWhileNothingIsSealed() throws Exception {
        Path file = home.resolve("secret.key");
        SecretKeyException missing = assertThrows(SecretKeyException.class, () -> MasterKey.load(home, null, 3));
        assertEquals(
                file + " is missing, and the store holds 3 secrets sealed with a key it no longer has; bring back"
                        + " the key that sealed them (as secret.key, or in HARNESS_SECRET_KEY), or start over: secrets"
                        + " forget --yes forgets what this key cannot open (then subscribe each subscription again)",
                missing.getMessage());
        assertFalse(Files.exists(file), "no key is made while secrets sealed with another one exist");

        Files.writeString(file, "");
        SecretKeyException empty = assertThrows(SecretKeyException.class, () -> MasterKey.load(home, null, 1));
        assertTrue(
                empty.getMessage().startsWith(file + " is empty, and the store holds 1 secret sealed"),
                empty.getMessage());

        MasterKey fresh = MasterKey.load(home, null, 0);
        assertEquals(32, fresh.key().getEncoded().length);
        assertEquals(encoded(fresh), Files.readString(file).trim());
    }

    @Test
    void aMalformedKeyFileIsNeverOverwrittenAndItsContentNeverShown() throws Exception {
        Path file = home.resolve("secret.key");
        Files.writeString(file, "c2hvcnQ=");
        SecretKeyException nothingSealed = assertThrows(SecretKeyException.class, () -> MasterKey.load(home, null, 0));
        assertEquals(
                file + " does not hold a base64-encoded 32-byte key (it decodes to 5 bytes); put the right key file"
                        + " back, or delete it: the store holds no sealed secrets, and a new key is made",
                nothingSealed.getMessage());
        assertEquals("c2hvcnQ=", Files.readString(file));

        Files.writeString(file, "not base64 at all!");
        SecretKeyException sealed = assertThrows(SecretKeyException.class, () -> MasterKey.load(home, null, 2));
        assertTrue(sealed.getMessage().contains("(it is not base64); bring back the key"), sealed.getMessage());
        assertFalse(sealed.getMessage().contains("not base64 at all"), "the key file's text is not echoed");

        MasterKey replaced = MasterKey.replace(home);
        assertEquals(encoded(replaced), Files.readString(file).trim());
        assertEquals("not base64 at all!", Files.readString(home.resolve("secret.key.unusable")));
    }

    @Test
    void environmentKeyWinsAndBadKeysAreExplainedWithoutEchoingThem() {
        String env = Base64.getEncoder().encodeToString(new byte[32]);
        assertEquals(32, MasterKey.load(home, env, 0).key().getEncoded().length);
        assertEquals("HARNESS_SECRET_KEY", MasterKey.load(home, env, 0).source());
        assertFalse(Files.exists(home.resolve("secret.key")));
        SecretKeyException shortKey = assertThrows(
                SecretKeyException.class,
                () -> MasterKey.load(home, Base64.getEncoder().encodeToString(new byte[5]), 0));
        assertTrue(
                shortKey.getMessage()
                        .startsWith("HARNESS_SECRET_KEY is not a base64-encoded 32-byte key (it decodes to 5 bytes);"
                                + " set it to the key that sealed this home's secrets, or unset it to use "),
                shortKey.getMessage());
        SecretKeyException garbage =
                assertThrows(SecretKeyException.class, () -> MasterKey.load(home, "hunter2-oops", 0));
        assertTrue(garbage.getMessage().contains("(it is not base64)"), garbage.getMessage());
        assertFalse(garbage.getMessage().contains("hunter2"), "the variable's value is not echoed");
    }
}
