package dev.agentflow.shared.signing;

import java.time.Instant;

/**
 * What is stored of a workflow's signing secret: never the secret, only what derives it with the master key
 * (the nonce) and what checks it (its hash). Item {@code WF#<workflowId>} / {@code WEBHOOK} in the workflows table.
 *
 * @param workflowId the workflow
 * @param userId     its owner
 * @param nonce      random per creation and rotation ({@link SigningSecrets#newNonce()})
 * @param secretHash hex SHA-256 of the secret ({@link SigningSecrets#hash})
 * @param createdAt  first creation
 * @param rotatedAt  last rotation (= createdAt until rotated)
 */
public record SigningKeyRecord(String workflowId, String userId, String nonce, String secretHash, Instant createdAt,
                               Instant rotatedAt) {
}
