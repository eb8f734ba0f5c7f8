package dev.agentflow.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Resource ids: {@code wf_<32 hex>} and {@code exec_<32 hex>} (random), or an execution id derived from
 * an {@code Idempotency-Key} so that a retried request names the same execution. Execution ids are valid
 * Step Functions execution names (at most 80 of {@code [A-Za-z0-9_-]}).
 */
public final class Ids {

    private Ids() {
    }

    /** A new random workflow id. */
    public static String newWorkflowId() {
        return "wf_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** A new random execution id. */
    public static String newExecutionId() {
        return "exec_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** The execution id for a caller's idempotency key on a workflow (same inputs → same id). */
    public static String executionIdFor(String userId, String workflowId, String idempotencyKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    (userId + "\n" + workflowId + "\n" + idempotencyKey).getBytes(StandardCharsets.UTF_8));
            return "exec_" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
