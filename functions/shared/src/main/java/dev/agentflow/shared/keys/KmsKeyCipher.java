package dev.agentflow.shared.keys;

import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptRequest;
import software.amazon.awssdk.services.kms.model.EncryptRequest;
import software.amazon.awssdk.services.kms.model.KmsException;

/**
 * {@link KeyCipher} on AWS KMS {@code Encrypt} / {@code Decrypt} with a symmetric key and an encryption
 * context (API keys are a few hundred bytes, under KMS's 4 KB plaintext limit, so no data key is needed).
 * Decrypt names the key too, so a ciphertext from another key is refused.
 */
public final class KmsKeyCipher implements KeyCipher {

    private final KmsClient kms;
    private final String keyId;

    /**
     * @param kms   client, built once per container
     * @param keyId key id, ARN or alias ({@code API_KEYS_KMS_KEY_ID})
     */
    public KmsKeyCipher(KmsClient kms, String keyId) {
        this.kms = kms;
        this.keyId = keyId;
    }

    @Override
    public byte[] encrypt(byte[] plaintext, Map<String, String> context) {
        try {
            return kms.encrypt(EncryptRequest.builder()
                    .keyId(keyId)
                    .plaintext(SdkBytes.fromByteArray(plaintext))
                    .encryptionContext(context)
                    .build()).ciphertextBlob().asByteArray();
        } catch (KmsException e) {
            throw new KeyVaultException("KMS refused to encrypt the API key: " + e.awsErrorDetails().errorCode(), e);
        }
    }

    @Override
    public byte[] decrypt(byte[] ciphertext, Map<String, String> context) {
        try {
            return kms.decrypt(DecryptRequest.builder()
                    .keyId(keyId)
                    .ciphertextBlob(SdkBytes.fromByteArray(ciphertext))
                    .encryptionContext(context)
                    .build()).plaintext().asByteArray();
        } catch (KmsException e) {
            throw new KeyVaultException("KMS refused to decrypt the stored API key: "
                    + (e.awsErrorDetails() == null ? e.getClass().getSimpleName() : e.awsErrorDetails().errorCode()), e);
        }
    }
}
