package dev.agentflow.shared.keys;

import java.util.Map;

/**
 * Envelope for users' API keys: encrypts with an encryption context that binds the ciphertext to a user
 * and a provider (AWS KMS Developer Guide, "Encryption context": the same context must be supplied to
 * decrypt, and it is logged in CloudTrail). {@link KmsKeyCipher} is the real one.
 */
public interface KeyCipher {

    /** Encrypts {@code plaintext}; the result decrypts only with the same {@code context}. */
    byte[] encrypt(byte[] plaintext, Map<String, String> context);

    /**
     * Decrypts.
     *
     * @throws KeyVaultException when the ciphertext or context does not match, or the key service fails
     */
    byte[] decrypt(byte[] ciphertext, Map<String, String> context);
}
