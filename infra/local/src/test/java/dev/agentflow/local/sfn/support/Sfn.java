package dev.agentflow.local.sfn.support;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.local.sfn.SfnServiceException;
import dev.agentflow.local.sfn.StepFunctionsService;
import dev.agentflow.local.sfn.data.Json;

/** Test helpers around {@link StepFunctionsService}: build requests, create, start, await the end. */
public final class Sfn {

  private final StepFunctionsService service;

  public Sfn(StepFunctionsService service) {
    this.service = service;
  }

  public StepFunctionsService service() {
    return service;
  }

  /** @return {@code handle(op, request)} where request is built from alternating key/value pairs */
  public JsonNode call(String op, Object... keyValues) throws SfnServiceException {
    return service.handle(op, request(keyValues));
  }

  public static ObjectNode request(Object... keyValues) {
    ObjectNode req = Json.object();
    for (int i = 0; i < keyValues.length; i += 2) {
      req.set((String) keyValues[i], Json.MAPPER.valueToTree(keyValues[i + 1]));
    }
    return req;
  }

  /** Creates a state machine; @return its ARN. */
  public String create(String name, String definition) throws SfnServiceException {
    return call("CreateStateMachine", "name", name, "definition", definition,
        "roleArn", "arn:aws:iam::000000000000:role/test").get("stateMachineArn").asText();
  }

  /** Starts an execution; @return its ARN. */
  public String start(String stateMachineArn, String name, String input) throws SfnServiceException {
    ObjectNode req = request("stateMachineArn", stateMachineArn, "input", input);
    if (name != null) {
      req.put("name", name);
    }
    return service.handle("StartExecution", req).get("executionArn").asText();
  }

  /** @return DescribeExecution once the execution is no longer RUNNING (fails after {@code timeoutMillis}) */
  public JsonNode await(String executionArn, long timeoutMillis) throws SfnServiceException, InterruptedException {
    long end = System.nanoTime() + timeoutMillis * 1_000_000;
    while (true) {
      JsonNode d = call("DescribeExecution", "executionArn", executionArn);
      if (!d.get("status").asText().equals("RUNNING")) {
        return d;
      }
      if (System.nanoTime() > end) {
        fail("Execution still RUNNING after " + timeoutMillis + " ms: " + executionArn);
      }
      Thread.sleep(2);
    }
  }
}
