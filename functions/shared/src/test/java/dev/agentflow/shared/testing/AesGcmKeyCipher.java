package dev.agentflow.shared.testing;

import dev.agentflow.shared.keys.KeyCipher;
import dev.agentflow.shared.keys.KeyVaultException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * A local stand-in for KMS: AES-256-GCM with a random key per instance and the encryption context
 * (sorted {@code k=v} pairs) as additional authenticated data, so, as with KMS, a ciphertext decrypts only
 * with the context it was encrypted under.
 */
public final class AesGcmKeyCipher implements KeyCipher {

    private static final int NONCE_BYTES = 12;
    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    /** A cipher with a fresh random key. */
    public AesGcmKeyCipher() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256);
            this.key = generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES unavailable", e);
        }
    }

    @Override
    public byte[] encrypt(byte[] plaintext, Map<String, String> context) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(aad(context));
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new KeyVaultException("local cipher could not encrypt", e);
        }
    }

    @Override
    public byte[] decrypt(byte[] ciphertext, Map<String, String> context) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, ciphertext, 0, NONCE_BYTES));
            cipher.updateAAD(aad(context));
            return cipher.doFinal(ciphertext, NONCE_BYTES, ciphertext.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new KeyVaultException("InvalidCiphertextException: ciphertext or encryption context does not match", e);
        }
    }

    private static byte[] aad(Map<String, String> context) {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(context).forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
