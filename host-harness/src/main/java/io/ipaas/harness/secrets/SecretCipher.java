package io.ipaas.harness.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM with a fresh 12-byte IV per value. The associated data binds a ciphertext to its subscription and
 * name, so a value copied to another row does not decrypt.
 */
public final class SecretCipher {
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final MasterKey key;
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(MasterKey key) {
        this.key = key;
    }

    /** Where the key came from, for messages. */
    public String keySource() {
        return key.source();
    }

    /** IV followed by ciphertext and tag. */
    public byte[] encrypt(String plaintext, String associatedData) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(iv.length + sealed.length)
                    .put(iv)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /** The plaintext; a {@link SecretKeyException} when this key did not seal it (or the value was altered). */
    public String decrypt(byte[] blob, String associatedData) {
        if (blob.length < IV_BYTES + TAG_BITS / 8) {
            throw new SecretKeyException("a sealed value in the store is damaged (" + blob.length + " bytes)");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, blob, 0, IV_BYTES));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(blob, IV_BYTES, blob.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new SecretKeyException("a sealed value cannot be decrypted with the key from " + key.source() + "; "
                    + "it was sealed" + " with another key: " + MasterKey.recovery());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /** Whether this key opens the value. */
    public boolean opens(byte[] blob, String associatedData) {
        try {
            decrypt(blob, associatedData);
            return true;
        } catch (SecretKeyException e) {
            return false;
        }
    }
}
