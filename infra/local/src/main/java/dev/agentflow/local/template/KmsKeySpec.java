package dev.agentflow.local.template;

/**
 * An {@code AWS::KMS::Key} of the template.
 *
 * @param logicalId the logical id
 * @param keyId the key id the local cloud gives it (what {@code !Ref} and {@code !GetAtt X.KeyId} resolve to)
 * @param arn what {@code !GetAtt X.Arn} resolves to
 * @param description {@code Description}, or empty
 */
public record KmsKeySpec(String logicalId, String keyId, String arn, String description) {}
