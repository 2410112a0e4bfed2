package io.ipaas.harness.secrets;

import io.ipaas.connector.api.state.Secret;
import io.ipaas.connector.api.state.SecretStore;
import io.ipaas.harness.store.Store;
import java.util.List;
import java.util.Optional;

/** The SPI's {@link SecretStore} for one subscription: sealed with AES-GCM before it reaches the store. */
public final class EncryptedSecretStore implements SecretStore {
    private final Store store;
    private final SecretCipher cipher;
    private final String subscriptionId;

    public EncryptedSecretStore(Store store, SecretCipher cipher, String subscriptionId) {
        this.store = store;
        this.cipher = cipher;
        this.subscriptionId = subscriptionId;
    }

    @Override
    public Optional<Secret> get(String name) {
        return store.secret(subscriptionId, name).map(blob -> Secret.of(open(name, blob)));
    }

    @Override
    public void put(String name, Secret value) {
        store.putSecret(subscriptionId, name, cipher.encrypt(value.reveal(), aad(name)));
    }

    @Override
    public void delete(String name) {
        store.deleteSecret(subscriptionId, name);
    }

    public List<String> names() {
        return store.secretNames(subscriptionId);
    }

    /** Whether the current key opens the stored secret (false for a secret that is not there). */
    public boolean opens(String name) {
        return store.secret(subscriptionId, name)
                .map(blob -> cipher.opens(blob, aad(name)))
                .orElse(false);
    }

    private String open(String name, byte[] blob) {
        try {
            return cipher.decrypt(blob, aad(name));
        } catch (SecretKeyException e) {
            throw new SecretKeyException("the secret '" + name + "' of " + subscriptionId + " cannot be decrypted"
                    + " with the key from " + cipher.keySource() + ": it was sealed with another key; to recover, "
                    + MasterKey.recovery());
        }
    }

    private String aad(String name) {
        return subscriptionId + "/" + name;
    }
}
