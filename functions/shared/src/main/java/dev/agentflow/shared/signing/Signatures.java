package dev.agentflow.shared.signing;

import dev.agentflow.shared.keys.SecretValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Request signatures, the same both ways (incoming webhooks, outgoing result callbacks), after Stripe's and
 * Slack's scheme: {@code X-AgentFlow-Timestamp: <unix seconds>} and
 * {@code X-AgentFlow-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + raw body)>}. Signing the
 * timestamp with the body makes an old request useless once the timestamp leaves the tolerance window
 * ({@value #TOLERANCE_SECONDS} s), so a captured call cannot be replayed later.
 */
public final class Signatures {

    /** Header holding the signature. */
    public static final String SIGNATURE_HEADER = "X-AgentFlow-Signature";
    /** Header holding the signing time, unix seconds. */
    public static final String TIMESTAMP_HEADER = "X-AgentFlow-Timestamp";
    /** How far the timestamp may be from now, either way: 5 minutes. */
    public static final long TOLERANCE_SECONDS = 300;
    private static final String SCHEME = "sha256=";

    private Signatures() {
    }

    /** {@code sha256=<hex>} of {@code timestamp + "." + body} under {@code secret}. */
    public static String sign(SecretValue secret, long timestampSeconds, byte[] body) {
        return SCHEME + HexFormat.of().formatHex(mac(secret, timestampSeconds, body));
    }

    /**
     * Whether {@code header} is a valid signature of {@code body} at {@code timestampSeconds} under
     * {@code secret} (constant-time comparison; several comma-separated signatures are accepted, so a sender
     * may sign with the old and the new secret while it rotates).
     */
    public static boolean verify(SecretValue secret, long timestampSeconds, byte[] body, String header) {
        if (header == null) {
            return false;
        }
        byte[] expected = mac(secret, timestampSeconds, body);
        boolean ok = false;
        for (String part : header.split(",")) {
            String p = part.trim();
            if (!p.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
                continue;
            }
            byte[] given;
            try {
                given = HexFormat.of().parseHex(p.substring(SCHEME.length()).toLowerCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                continue;
            }
            ok |= MessageDigest.isEqual(expected, given);
        }
        return ok;
    }

    /** Whether a timestamp is within {@link #TOLERANCE_SECONDS} of {@code nowSeconds}. */
    public static boolean fresh(long timestampSeconds, long nowSeconds) {
        return Math.abs(nowSeconds - timestampSeconds) <= TOLERANCE_SECONDS;
    }

    private static byte[] mac(SecretValue secret, long timestampSeconds, byte[] body) {
        byte[] prefix = (timestampSeconds + ".").getBytes(StandardCharsets.US_ASCII);
        byte[] message = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, message, 0, prefix.length);
        System.arraycopy(body, 0, message, prefix.length, body.length);
        return SigningSecrets.hmac(secret.reveal().getBytes(StandardCharsets.UTF_8), message);
    }
}
