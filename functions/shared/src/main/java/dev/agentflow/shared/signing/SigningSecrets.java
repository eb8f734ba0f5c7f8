package dev.agentflow.shared.signing;

import dev.agentflow.shared.keys.SecretValue;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A workflow's signing secret (issue 8: it authenticates calls to the workflow's webhook and signs its result
 * callbacks). The secret is never stored: it is derived as
 * {@code "whsec_" + base64url(HMAC-SHA256(masterKey, "agentflow-signing-secret\n" + workflowId + "\n" + nonce))},
 * where the master key is a platform secret in Secrets Manager (ARCHITECTURE.md: "webhook signing master key")
 * and the nonce is random per workflow and per rotation. The workflows table keeps only the nonce and the
 * secret's SHA-256 ({@link SigningKeyRecord}), which is enough to check a bearer secret; checking an HMAC
 * signature derives the secret again with the master key.
 */
public final class SigningSecrets {

    /** Prefix of every signing secret. */
    public static final String PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private SigningSecrets() {
    }

    /** A new random nonce: 16 bytes, base64url without padding. */
    public static String newNonce() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * The signing secret of a workflow for a nonce.
     *
     * @param masterKey the platform master key
     */
    public static SecretValue derive(SecretValue masterKey, String workflowId, String nonce) {
        byte[] mac = hmac(masterKey.reveal().getBytes(StandardCharsets.UTF_8),
                ("agentflow-signing-secret\n" + workflowId + "\n" + nonce).getBytes(StandardCharsets.UTF_8));
        return SecretValue.of(PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(mac));
    }

    /** The hex SHA-256 of a secret as stored (a secret is 256 random-looking bits, so a plain hash is safe). */
    public static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Whether {@code candidate} hashes to {@code storedHash}, compared in constant time. */
    public static boolean matchesHash(String candidate, String storedHash) {
        if (candidate == null || storedHash == null) {
            return false;
        }
        return MessageDigest.isEqual(hash(candidate).getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
