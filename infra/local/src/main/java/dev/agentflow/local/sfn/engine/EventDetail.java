package dev.agentflow.local.sfn.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.local.sfn.data.Json;

/**
 * The details of a history event, kept as references and rendered to the AWS shape only when
 * GetExecutionHistory asks (JSON payloads become JSON strings then). Source: AWS API reference,
 * "HistoryEvent" and the *EventDetails types.
 */
public sealed interface EventDetail {

  /** @return the HistoryEvent member name, e.g. {@code "stateEnteredEventDetails"} */
  String key();

  /** @return the details object as the AWS API returns it */
  ObjectNode render();

  private static ObjectNode payload(ObjectNode out, String field, JsonNode value) {
    out.put(field, Json.write(value));
    out.putObject(field + "Details").put("truncated", false);
    return out;
  }

  private static ObjectNode errorCause(ObjectNode out, String error, String cause) {
    if (error != null) {
      out.put("error", error);
    }
    if (cause != null) {
      out.put("cause", cause);
    }
    return out;
  }

  /** ExecutionStarted. */
  record ExecutionStarted(JsonNode input, String roleArn, String versionArn) implements EventDetail {
    @Override
    public String key() {
      return "executionStartedEventDetails";
    }

    @Override
    public ObjectNode render() {
      ObjectNode out = payload(Json.object(), "input", input);
      out.put("roleArn", roleArn);
      if (versionArn != null) {
        out.put("stateMachineVersionArn", versionArn);
      }
      return out;
    }
  }

  /** ExecutionSucceeded. */
  record ExecutionSucceeded(JsonNode output) implements EventDetail {
    @Override
    public String key() {
      return "executionSucceededEventDetails";
    }

    @Override
    public ObjectNode render() {
      return payload(Json.object(), "output", output);
    }
  }

  /** Any error/cause details: ExecutionFailed, ExecutionAborted, ExecutionTimedOut, LambdaFunctionFailed, .... */
  record ErrorCause(String key, String error, String cause) implements EventDetail {
    @Override
    public ObjectNode render() {
      return errorCause(Json.object(), error, cause);
    }
  }

  /** *StateEntered. */
  record StateEntered(String name, JsonNode input) implements EventDetail {
    @Override
    public String key() {
      return "stateEnteredEventDetails";
    }

    @Override
    public ObjectNode render() {
      return payload(Json.object().put("name", name), "input", input);
    }
  }

  /** *StateExited. */
  record StateExited(String name, JsonNode output) implements EventDetail {
    @Override
    public String key() {
      return "stateExitedEventDetails";
    }

    @Override
    public ObjectNode render() {
      return payload(Json.object().put("name", name), "output", output);
    }
  }

  /** TaskScheduled (service integrations such as {@code arn:aws:states:::lambda:invoke}). */
  record TaskScheduled(String resourceType, String resource, String region, JsonNode parameters, Integer timeout,
      Integer heartbeat) implements EventDetail {
    @Override
    public String key() {
      return "taskScheduledEventDetails";
    }

    @Override
    public ObjectNode render() {
      ObjectNode out = Json.object().put("resourceType", resourceType).put("resource", resource)
          .put("region", region).put("parameters", Json.write(parameters));
      if (timeout != null) {
        out.put("timeoutInSeconds", timeout.longValue());
      }
      if (heartbeat != null) {
        out.put("heartbeatInSeconds", heartbeat.longValue());
      }
      return out;
    }
  }

  /** TaskStarted. */
  record TaskStarted(String resourceType, String resource) implements EventDetail {
    @Override
    public String key() {
      return "taskStartedEventDetails";
    }

    @Override
    public ObjectNode render() {
      return Json.object().put("resourceType", resourceType).put("resource", resource);
    }
  }

  /** TaskSucceeded. */
  record TaskSucceeded(String resourceType, String resource, JsonNode output) implements EventDetail {
    @Override
    public String key() {
      return "taskSucceededEventDetails";
    }

    @Override
    public ObjectNode render() {
      return payload(Json.object().put("resourceType", resourceType).put("resource", resource), "output", output);
    }
  }

  /** TaskFailed / TaskTimedOut. */
  record TaskError(String key, String resourceType, String resource, String error, String cause)
      implements EventDetail {
    @Override
    public ObjectNode render() {
      return errorCause(Json.object().put("resourceType", resourceType).put("resource", resource), error, cause);
    }
  }

  /** LambdaFunctionScheduled (Resource is a Lambda function ARN). */
  record LambdaScheduled(String resource, JsonNode input, Integer timeout) implements EventDetail {
    @Override
    public String key() {
      return "lambdaFunctionScheduledEventDetails";
    }

    @Override
    public ObjectNode render() {
      ObjectNode out = payload(Json.object().put("resource", resource), "input", input);
      if (timeout != null) {
        out.put("timeoutInSeconds", timeout.longValue());
      }
      return out;
    }
  }

  /** LambdaFunctionSucceeded. */
  record LambdaSucceeded(JsonNode output) implements EventDetail {
    @Override
    public String key() {
      return "lambdaFunctionSucceededEventDetails";
    }

    @Override
    public ObjectNode render() {
      return payload(Json.object(), "output", output);
    }
  }

  /** MapStateStarted. */
  record MapStarted(int length) implements EventDetail {
    @Override
    public String key() {
      return "mapStateStartedEventDetails";
    }

    @Override
    public ObjectNode render() {
      return Json.object().put("length", length);
    }
  }

  /** MapIterationStarted / Succeeded / Failed / Aborted. */
  record MapIteration(String key, String name, int index) implements EventDetail {
    @Override
    public ObjectNode render() {
      return Json.object().put("name", name).put("index", index);
    }
  }

  /** Details read back from a persisted history. */
  record Rendered(String key, ObjectNode details) implements EventDetail {
    @Override
    public ObjectNode render() {
      return details;
    }
  }
}
