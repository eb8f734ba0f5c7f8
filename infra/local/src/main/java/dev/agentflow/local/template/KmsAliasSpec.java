package dev.agentflow.local.template;

/**
 * An {@code AWS::KMS::Alias} of the template.
 *
 * @param logicalId the logical id
 * @param aliasName {@code AliasName}, e.g. {@code alias/agentflow-local-api-keys}
 * @param targetKeyId {@code TargetKeyId} resolved (a key id or ARN)
 */
public record KmsAliasSpec(String logicalId, String aliasName, String targetKeyId) {}
