package dev.agentflow.local.kms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentflow.local.edge.AwsServiceError;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The local KMS ciphertext blob: AES-256-GCM under the key's material, with the key id and the encryption
 * context as additional authenticated data, so a blob decrypts only with the exact same context (AWS KMS
 * Developer Guide, "Encryption context": an exact, case-sensitive match; the order of pairs does not matter).
 * Layout: {@code 0x01 | key id (16 bytes) | IV (12 bytes) | ciphertext + 16-byte tag}. The key id travels in
 * the blob, as in AWS, so Decrypt needs no KeyId.
 */
final class KmsCiphertext {

  private static final byte VERSION = 1;
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final int HEADER = 1 + 16 + IV_BYTES;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();

  private KmsCiphertext() {}

  /** Encrypts {@code plaintext} under {@code key} bound to {@code context}. */
  static byte[] seal(KmsKey key, byte[] plaintext, Map<String, String> context) {
    byte[] iv = new byte[IV_BYTES];
    RANDOM.nextBytes(iv);
    byte[] id = uuidBytes(key.keyId());
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key, iv);
      cipher.updateAAD(aad(id, context));
      byte[] sealed = cipher.doFinal(plaintext);
      return ByteBuffer.allocate(HEADER + sealed.length).put(VERSION).put(id).put(iv).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new AwsServiceError(500, "KMSInternalException", "encryption failed: " + e.getClass().getSimpleName());
    }
  }

  /**
   * The key id a blob names.
   *
   * @throws AwsServiceError InvalidCiphertextException when it is no local KMS blob
   */
  static String keyId(byte[] blob) {
    if (blob.length < HEADER + TAG_BITS / 8 || blob[0] != VERSION) {
      throw invalid();
    }
    ByteBuffer b = ByteBuffer.wrap(blob, 1, 16);
    return new UUID(b.getLong(), b.getLong()).toString();
  }

  /**
   * Decrypts a blob with its key and the context it was sealed with.
   *
   * @throws AwsServiceError InvalidCiphertextException when the blob was altered or the context differs
   */
  static byte[] open(KmsKey key, byte[] blob, Map<String, String> context) {
    keyId(blob);
    byte[] id = uuidBytes(key.keyId());
    byte[] iv = java.util.Arrays.copyOfRange(blob, 17, HEADER);
    try {
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, iv);
      cipher.updateAAD(aad(id, context));
      return cipher.doFinal(blob, HEADER, blob.length - HEADER);
    } catch (AEADBadTagException e) {
      throw invalid();
    } catch (GeneralSecurityException e) {
      throw new AwsServiceError(500, "KMSInternalException", "decryption failed: " + e.getClass().getSimpleName());
    }
  }

  private static Cipher cipher(int mode, KmsKey key, byte[] iv) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, new SecretKeySpec(key.material(), "AES"), new GCMParameterSpec(TAG_BITS, iv));
    return cipher;
  }

  /** Key id, then the context as JSON with sorted keys (so the order of pairs does not matter). */
  private static byte[] aad(byte[] keyId, Map<String, String> context) {
    try {
      byte[] json = JSON.writeValueAsBytes(new TreeMap<>(context == null ? Map.of() : context));
      return ByteBuffer.allocate(keyId.length + json.length).put(keyId).put(json).array();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode an encryption context", e);
    }
  }

  private static byte[] uuidBytes(String keyId) {
    UUID uuid = UUID.fromString(keyId);
    return ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits())
        .array();
  }

  private static AwsServiceError invalid() {
    return AwsServiceError.client("InvalidCiphertextException",
        "The ciphertext, or its encryption context, is not valid for this key.");
  }
}
