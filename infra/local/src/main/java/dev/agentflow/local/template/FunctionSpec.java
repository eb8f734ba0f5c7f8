package dev.agentflow.local.template;

import java.util.Map;

/**
 * A Lambda function of the template ({@code AWS::Serverless::Function} with Globals merged, or
 * {@code AWS::Lambda::Function}).
 *
 * @param logicalId the resource's logical id
 * @param functionName the function name ({@code FunctionName}, else the logical id)
 * @param arn {@code arn:aws:lambda:<region>:<account>:function:<functionName>}
 * @param handler the Java handler, {@code pkg.Class} or {@code pkg.Class::method}
 * @param runtime the runtime, e.g. {@code java17}; may be {@code null}
 * @param codeUri the CodeUri as written (a path relative to the template), may be {@code null}
 * @param environment {@code Environment.Variables}, resolved to strings
 * @param timeoutSeconds {@code Timeout} in seconds (Lambda default 3)
 * @param memorySizeMb {@code MemorySize} in MB (Lambda default 128)
 */
public record FunctionSpec(
    String logicalId,
    String functionName,
    String arn,
    String handler,
    String runtime,
    String codeUri,
    Map<String, String> environment,
    int timeoutSeconds,
    int memorySizeMb) {

  /** Lambda's default timeout, seconds. */
  public static final int DEFAULT_TIMEOUT_SECONDS = 3;
  /** Lambda's default memory, MB. */
  public static final int DEFAULT_MEMORY_MB = 128;

  public FunctionSpec {
    environment = Map.copyOf(environment);
  }
}
