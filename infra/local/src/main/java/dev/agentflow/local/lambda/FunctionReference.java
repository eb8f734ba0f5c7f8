package dev.agentflow.local.lambda;

/**
 * A function as callers name it: {@code my-function}, {@code my-function:alias},
 * {@code 123456789012:function:my-function}, or {@code arn:aws:lambda:us-east-1:123456789012:function:my-function[:qualifier]}.
 * Source: Lambda API reference, "Invoke", parameter FunctionName.
 *
 * @param name the function name
 * @param qualifier the version or alias ({@code $LATEST}, {@code 3}, {@code live}), or {@code null}
 */
public record FunctionReference(String name, String qualifier) {

  /**
   * Parses a FunctionName.
   *
   * @throws IllegalArgumentException when the text is blank or not a Lambda function ARN
   */
  public static FunctionReference parse(String functionName) {
    if (functionName == null || functionName.isBlank()) {
      throw new IllegalArgumentException("FunctionName is required");
    }
    String[] parts = functionName.split(":", -1);
    if (functionName.startsWith("arn:")) {
      if (parts.length < 7 || !parts[2].equals("lambda") || !parts[5].equals("function")) {
        throw new IllegalArgumentException("Not a Lambda function ARN: " + functionName);
      }
      return new FunctionReference(parts[6], parts.length > 7 ? parts[7] : null);
    }
    if (parts.length >= 3 && parts[1].equals("function")) {
      return new FunctionReference(parts[2], parts.length > 3 ? parts[3] : null);
    }
    return new FunctionReference(parts[0], parts.length > 1 ? parts[1] : null);
  }
}
