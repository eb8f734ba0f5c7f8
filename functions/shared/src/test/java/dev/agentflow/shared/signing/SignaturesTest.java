package dev.agentflow.shared.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentflow.shared.keys.SecretValue;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** HMAC-SHA256 signatures over {@code timestamp.body} and secrets derived from the master key. */
class SignaturesTest {

    private static final SecretValue SECRET = SecretValue.of("whsec_test-secret-0123456789");
    private static final byte[] BODY = "{\"city\":\"beijing\"}".getBytes(StandardCharsets.UTF_8);
    private static final long T = 1_767_000_000L;

    @Test
    void sign_shouldBeHmacSha256OfTimestampDotBody_asAnyClientComputesIt() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal((T + "." + new String(BODY, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8)));

        assertEquals(expected, Signatures.sign(SECRET, T, BODY));
    }

    @Test
    void verify_shouldAcceptOnlyTheSameSecretTimestampAndBody() {
        String signature = Signatures.sign(SECRET, T, BODY);

        assertTrue(Signatures.verify(SECRET, T, BODY, signature));
        assertTrue(Signatures.verify(SECRET, T, BODY, signature.toUpperCase().replace("SHA256=", "sha256=")));
        assertTrue(Signatures.verify(SECRET, T, BODY, "sha256=00, " + signature), "one of several signatures");
        assertFalse(Signatures.verify(SecretValue.of("whsec_other-secret-0123456789"), T, BODY, signature));
        assertFalse(Signatures.verify(SECRET, T + 1, BODY, signature), "the timestamp is signed");
        assertFalse(Signatures.verify(SECRET, T, "{\"city\":\"paris\"}".getBytes(StandardCharsets.UTF_8), signature));
        assertFalse(Signatures.verify(SECRET, T, BODY, null));
        assertFalse(Signatures.verify(SECRET, T, BODY, "sha1=" + signature.substring(7)));
        assertFalse(Signatures.verify(SECRET, T, BODY, "sha256=zz"));
    }

    @Test
    void fresh_shouldAllowFiveMinutesEitherWay() {
        assertTrue(Signatures.fresh(T, T + 300));
        assertTrue(Signatures.fresh(T, T - 300));
        assertFalse(Signatures.fresh(T, T + 301));
        assertFalse(Signatures.fresh(T, T - 301));
    }

    @Test
    void derive_shouldBeStablePerNonce_andChangeWithNonceWorkflowAndMasterKey() {
        SecretValue master = SecretValue.of("master-key-0123456789abcdef");
        SecretValue a = SigningSecrets.derive(master, "wf_1", "n1");

        assertTrue(a.reveal().startsWith("whsec_"));
        assertEquals(a, SigningSecrets.derive(master, "wf_1", "n1"));
        assertNotEquals(a, SigningSecrets.derive(master, "wf_1", "n2"));
        assertNotEquals(a, SigningSecrets.derive(master, "wf_2", "n1"));
        assertNotEquals(a, SigningSecrets.derive(SecretValue.of("another-master-key-0123"), "wf_1", "n1"));
        assertTrue(SigningSecrets.matchesHash(a.reveal(), SigningSecrets.hash(a.reveal())));
        assertFalse(SigningSecrets.matchesHash(a.reveal() + "x", SigningSecrets.hash(a.reveal())));
        assertFalse(SigningSecrets.matchesHash(null, SigningSecrets.hash(a.reveal())));
        assertNotEquals(SigningSecrets.newNonce(), SigningSecrets.newNonce());
    }
}
