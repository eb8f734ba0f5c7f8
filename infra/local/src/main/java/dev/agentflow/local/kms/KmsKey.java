package dev.agentflow.local.kms;

import java.time.Instant;

/**
 * A symmetric KMS key of the local cloud (key spec {@code SYMMETRIC_DEFAULT}, usage {@code ENCRYPT_DECRYPT}).
 *
 * @param keyId the key id, a UUID
 * @param arn {@code arn:aws:kms:<region>:<account>:key/<keyId>}
 * @param description the description, or empty
 * @param created when it was created
 * @param material the 32-byte AES-256 key material (never leaves the local cloud)
 */
record KmsKey(String keyId, String arn, String description, Instant created, byte[] material) {

  KmsKey {
    if (material.length != 32) {
      throw new IllegalArgumentException("KMS key material must be 32 bytes");
    }
    material = material.clone();
  }

  @Override
  public String toString() {
    return "KmsKey[" + arn + "]";
  }
}
