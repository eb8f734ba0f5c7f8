package dev.agentflow.local.template;

import java.util.Map;
import java.util.Objects;

/**
 * The values CloudFormation would supply when deploying the template: pseudo parameters and parameter
 * overrides (as {@code sam deploy --parameter-overrides} gives them).
 *
 * @param region {@code AWS::Region}, e.g. {@code "us-east-1"}
 * @param account {@code AWS::AccountId}, e.g. {@code "000000000000"}
 * @param stackName {@code AWS::StackName}
 * @param parameterOverrides parameter values that win over each parameter's {@code Default}
 */
public record StackSettings(String region, String account, String stackName, Map<String, String> parameterOverrides) {

  /** Region of the local cloud. */
  public static final String DEFAULT_REGION = "us-east-1";
  /** Account id of the local cloud (the one LocalStack uses too). */
  public static final String DEFAULT_ACCOUNT = "000000000000";
  /** Stack name of the local cloud. */
  public static final String DEFAULT_STACK_NAME = "agentflow-local";

  public StackSettings {
    region = Objects.requireNonNullElse(region, DEFAULT_REGION);
    account = Objects.requireNonNullElse(account, DEFAULT_ACCOUNT);
    stackName = Objects.requireNonNullElse(stackName, DEFAULT_STACK_NAME);
    parameterOverrides = parameterOverrides == null ? Map.of() : Map.copyOf(parameterOverrides);
  }

  /** @return us-east-1, account 000000000000, stack {@code agentflow-local}, no overrides */
  public static StackSettings defaults() {
    return new StackSettings(null, null, null, null);
  }

  /** @return the ARN of a Lambda function of this stack: {@code arn:aws:lambda:<region>:<account>:function:<name>} */
  public String functionArn(String functionName) {
    return "arn:aws:lambda:" + region + ":" + account + ":function:" + functionName;
  }
}
