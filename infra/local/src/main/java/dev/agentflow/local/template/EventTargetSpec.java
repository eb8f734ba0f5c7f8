package dev.agentflow.local.template;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One target of an EventBridge rule (CloudFormation {@code AWS::Events::Rule Target}).
 *
 * @param id the target {@code Id}
 * @param arn the resolved target ARN (a Lambda function ARN for targets the local cloud delivers to)
 * @param input the constant {@code Input} JSON text, or {@code null}
 * @param inputPath the {@code InputPath} JSONPath, or {@code null}
 * @param inputTransformer the {@code InputTransformer} ({@code InputPathsMap}, {@code InputTemplate}), or {@code null}
 */
public record EventTargetSpec(String id, String arn, String input, String inputPath, JsonNode inputTransformer) {}
