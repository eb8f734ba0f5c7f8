package dev.agentflow.local.lambda;

/**
 * No function of that name in template.yaml. Lambda answers {@code ResourceNotFoundException} (HTTP 404)
 * "Function not found: &lt;arn&gt;"; Step Functions reports {@code Lambda.ResourceNotFoundException}.
 */
public class FunctionNotFoundException extends Exception {

  private static final long serialVersionUID = 1L;

  private final String functionArn;

  /** @param functionArn the ARN that was asked for */
  public FunctionNotFoundException(String functionArn) {
    super("Function not found: " + functionArn);
    this.functionArn = functionArn;
  }

  /** @return the ARN that was asked for */
  public String functionArn() {
    return functionArn;
  }
}
