package dev.agentflow.local.testhandlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Test function: echoes its input with what it sees of its environment and context. With
 * {@code {"fail": "message"}} it throws a {@link NodeFailedException} with code HTTP_REQUEST_FAILED.
 */
public class EchoHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

  private final String greetingAtInit = System.getenv("GREETING");

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
    if (input != null && input.containsKey("fail")) {
      throw new NodeFailedException("HTTP_REQUEST_FAILED", String.valueOf(input.get("fail")));
    }
    context.getLogger().log("echoing " + input);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("input", input);
    out.put("greeting", System.getenv("GREETING"));
    out.put("greetingAtInit", greetingAtInit);
    out.put("stage", System.getenv("STAGE"));
    out.put("itemsTable", System.getenv("ITEMS_TABLE"));
    out.put("tableArn", System.getenv("TABLE_ARN"));
    out.put("region", System.getenv("AWS_REGION"));
    out.put("endpoint", System.getenv("AWS_ENDPOINT_URL"));
    out.put("envMapGreeting", System.getenv().get("GREETING"));
    out.put("functionName", context.getFunctionName());
    out.put("memoryLimitInMB", context.getMemoryLimitInMB());
    out.put("remainingTimeInMillis", context.getRemainingTimeInMillis());
    out.put("awsRequestId", context.getAwsRequestId());
    out.put("invokedFunctionArn", context.getInvokedFunctionArn());
    return out;
  }
}
