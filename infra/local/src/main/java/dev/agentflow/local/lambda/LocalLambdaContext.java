package dev.agentflow.local.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.agentflow.local.template.FunctionSpec;
import java.time.Clock;
import java.time.Instant;

/**
 * The {@link Context} a handler receives: request id, function name / version / ARN, memory limit,
 * CloudWatch log group and stream names, remaining time until the function's {@code Timeout}, and a
 * logger. Source: AWS Lambda Developer Guide, "Using the Lambda context object to retrieve Java function
 * information".
 */
public final class LocalLambdaContext implements Context {

  private final String requestId;
  private final FunctionSpec function;
  private final String invokedFunctionArn;
  private final String logStreamName;
  private final Instant deadline;
  private final Clock clock;
  private final LambdaLogger logger;

  /**
   * @param requestId the invocation's request id (a UUID)
   * @param function the function invoked
   * @param invokedFunctionArn the ARN the caller used (with a qualifier when it gave one)
   * @param logStreamName the log stream of the container, {@code yyyy/MM/dd/[$LATEST]<id>}
   * @param deadline when the function times out
   * @param clock the clock {@link #getRemainingTimeInMillis()} reads
   * @param logger the invocation's logger
   */
  public LocalLambdaContext(String requestId, FunctionSpec function, String invokedFunctionArn,
      String logStreamName, Instant deadline, Clock clock, LambdaLogger logger) {
    this.requestId = requestId;
    this.function = function;
    this.invokedFunctionArn = invokedFunctionArn;
    this.logStreamName = logStreamName;
    this.deadline = deadline;
    this.clock = clock;
    this.logger = logger;
  }

  @Override
  public String getAwsRequestId() {
    return requestId;
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/" + function.functionName();
  }

  @Override
  public String getLogStreamName() {
    return logStreamName;
  }

  @Override
  public String getFunctionName() {
    return function.functionName();
  }

  @Override
  public String getFunctionVersion() {
    return "$LATEST";
  }

  @Override
  public String getInvokedFunctionArn() {
    return invokedFunctionArn;
  }

  @Override
  public CognitoIdentity getIdentity() {
    return null;
  }

  @Override
  public ClientContext getClientContext() {
    return null;
  }

  /** @return milliseconds until the function's Timeout, never negative */
  @Override
  public int getRemainingTimeInMillis() {
    long remaining = deadline.toEpochMilli() - clock.millis();
    return (int) Math.max(0, Math.min(Integer.MAX_VALUE, remaining));
  }

  @Override
  public int getMemoryLimitInMB() {
    return function.memorySizeMb();
  }

  @Override
  public LambdaLogger getLogger() {
    return logger;
  }
}
