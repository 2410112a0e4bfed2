package io.ipaas.harness.secrets;

import io.ipaas.harness.files.OwnerOnly;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The 256-bit key that seals secrets at rest: from {@code HARNESS_SECRET_KEY} (base64) when set, otherwise from
 * {@code secret.key} in the home folder. A key file is made only while the store holds nothing sealed: a new key
 * cannot open what an earlier one sealed, so making one silently would turn a lost key file into secrets that fail
 * later with a puzzling error.
 */
public final class MasterKey {
    public static final String ENVIRONMENT_VARIABLE = "HARNESS_SECRET_KEY";
    public static final String FILE_NAME = "secret.key";
    public static final String FORGET_COMMAND = "secrets forget --yes";
    private static final int KEY_BYTES = 32;

    private final SecretKey key;
    private final String source;

    private MasterKey(SecretKey key, String source) {
        this.key = key;
        this.source = source;
    }

    public SecretKey key() {
        return key;
    }

    /** Where the key came from, for messages: the variable's name or the file's path. */
    public String source() {
        return source;
    }

    /**
     * The key for a home. A missing or empty key file is made anew while {@code sealedSecrets} is 0; otherwise
     * the failure says how to recover.
     */
    public static MasterKey load(Path home, String fromEnvironment, int sealedSecrets) {
        Path file = home.resolve(FILE_NAME);
        Optional<MasterKey> found = read(home, fromEnvironment, sealedSecrets);
        if (found.isPresent()) {
            return found.get();
        }
        if (sealedSecrets > 0) {
            throw new SecretKeyException(file + (Files.exists(file) ? " is empty" : " is missing") + ", and the store"
                    + " holds " + sealedSecrets + " secret" + (sealedSecrets == 1 ? "" : "s") + " sealed with a key"
                    + " it no longer has; " + recovery());
        }
        try {
            // an empty file is what a crash between creating and writing it leaves; nothing was sealed with it
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new SecretKeyException("cannot replace the empty key file " + file + " (" + reason(e)
                    + "); make the home folder writable, or set " + ENVIRONMENT_VARIABLE);
        }
        return create(file);
    }

    /** The key as it is now, never making one; empty when the key file is missing or empty. */
    public static Optional<MasterKey> existing(Path home, String fromEnvironment) {
        return read(home, fromEnvironment, 0);
    }

    /**
     * A new key file in place of a missing, empty or unusable one (an unusable one is kept as
     * {@code secret.key.unusable}); for starting over after forgetting what the old key sealed.
     */
    public static MasterKey replace(Path home) {
        Path file = home.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                Files.move(file, home.resolve(FILE_NAME + ".unusable"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new SecretKeyException("cannot move the unusable key file " + file + " aside (" + reason(e)
                    + "); move or delete it yourself and run the command again");
        }
        return create(file);
    }

    /** What a user can do when the key is gone: bring it back, or start over. */
    public static String recovery() {
        return "bring back the key that sealed them (as " + FILE_NAME + ", or in " + ENVIRONMENT_VARIABLE
                + "), or start"
                + " over: " + FORGET_COMMAND + " forgets what this key cannot open (then subscribe each subscription"
                + " again)";
    }

    private static Optional<MasterKey> read(Path home, String fromEnvironment, int sealedSecrets) {
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Optional.of(new MasterKey(
                    decode(fromEnvironment.trim())
                            .orElseThrow(() -> new SecretKeyException(ENVIRONMENT_VARIABLE
                                    + " is not a base64-encoded 32-byte key (" + describe(fromEnvironment.trim())
                                    + "); set it to the key that sealed this home's secrets, or unset it to use "
                                    + home.resolve(FILE_NAME) + " (a new key: openssl rand -base64 32)")),
                    ENVIRONMENT_VARIABLE));
        }
        Path file = home.resolve(FILE_NAME);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (NoSuchFileException missing) {
            return Optional.empty();
        } catch (IOException e) {
            throw new SecretKeyException("cannot read the key file " + file + " (" + reason(e)
                    + "); make it readable by this user, or set " + ENVIRONMENT_VARIABLE);
        }
        if (text.isEmpty()) {
            return Optional.empty();
        }
        SecretKey key = decode(text)
                .orElseThrow(() -> new SecretKeyException(file + " does not hold a base64-encoded 32-byte key ("
                        + describe(text) + "); "
                        + (sealedSecrets > 0
                                ? recovery()
                                : "put the right key file back, or delete it: the store holds no sealed secrets,"
                                        + " and a new key is made")));
        restrictQuietly(file);
        return Optional.of(new MasterKey(key, file.toString()));
    }

    private static Optional<SecretKey> decode(String base64) {
        try {
            byte[] bytes = Base64.getDecoder().decode(base64);
            return bytes.length == KEY_BYTES ? Optional.of(new SecretKeySpec(bytes, "AES")) : Optional.empty();
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    /** Says what is wrong with a key's text without showing any of it. */
    private static String describe(String text) {
        try {
            return "it decodes to " + Base64.getDecoder().decode(text).length + " bytes";
        } catch (IllegalArgumentException notBase64) {
            return "it is not base64";
        }
    }

    /** Writes a fresh key to a temporary owner-only file, then links it into place: never a half-written key file. */
    private static MasterKey create(Path file) {
        byte[] bytes = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(bytes);
        Path temporary = file.resolveSibling(
                FILE_NAME + ".new-" + ProcessHandle.current().pid());
        try {
            Files.deleteIfExists(temporary);
            OwnerOnly.createFile(temporary);
            Files.writeString(temporary, Base64.getEncoder().encodeToString(bytes), StandardCharsets.US_ASCII);
            try {
                // a link fails when another process made the key first: then both use that one
                Files.createLink(file, temporary);
            } catch (FileAlreadyExistsException raced) {
                return read(file.getParent(), null, 0)
                        .orElseThrow(() -> new SecretKeyException(
                                file + " was being written by another harness command; run the command again"));
            } catch (UnsupportedOperationException | FileSystemException noLinks) {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new SecretKeyException("cannot create the key file " + file + " (" + reason(e)
                    + "); make the home folder writable, or set " + ENVIRONMENT_VARIABLE);
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // a leftover temporary file holds a key nothing was sealed with
            }
        }
        return new MasterKey(new SecretKeySpec(bytes, "AES"), file.toString());
    }

    private static void restrictQuietly(Path file) {
        try {
            OwnerOnly.restrict(file);
        } catch (IOException ignored) {
            // reading the key matters more than tightening it; the home folder is owner-only anyway
        }
    }

    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
            return fileSystem.getReason();
        }
        return e.getClass().getSimpleName();
    }
}
