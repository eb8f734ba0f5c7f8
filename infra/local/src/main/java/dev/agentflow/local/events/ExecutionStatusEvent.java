package dev.agentflow.local.events;

import dev.agentflow.local.util.RequestIds;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Builds the EventBridge event Step Functions sends when an execution's status changes, from the
 * DescribeExecution response of that execution:
 * <pre>
 * {"version": "0", "id": uuid, "detail-type": "Step Functions Execution Status Change", "source": "aws.states",
 *  "account": "000000000000", "time": "2026-01-01T00:00:00Z", "region": "us-east-1", "resources": [executionArn],
 *  "detail": {"executionArn", "stateMachineArn", "name", "status", "startDate": epoch-millis,
 *             "stopDate": epoch-millis | null, "input": json-text, "inputDetails": {"included": true},
 *             "output": json-text | null, "outputDetails": {"included": true} | null,
 *             "error": text | null, "cause": text | null}}
 * </pre>
 * Region and account come from the execution ARN. Source: Step Functions Developer Guide, "Automating Step
 * Functions event delivery with EventBridge"; EventBridge events reference, "AWS Step Functions events".
 */
public final class ExecutionStatusEvent {

  /** The event's {@code source}. */
  public static final String SOURCE = "aws.states";
  /** The event's {@code detail-type}. */
  public static final String DETAIL_TYPE = "Step Functions Execution Status Change";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ExecutionStatusEvent() {}

  /**
   * @param describeExecution a DescribeExecution response body (dates as epoch seconds or ISO-8601 text)
   * @param now the time to use when the execution has no stopDate
   * @return the EventBridge event
   */
  public static ObjectNode from(JsonNode describeExecution, Instant now) {
    String executionArn = describeExecution.path("executionArn").asText();
    String[] arn = executionArn.split(":");
    Long start = epochMillis(describeExecution.get("startDate"));
    Long stop = epochMillis(describeExecution.get("stopDate"));
    ObjectNode event = NODES.objectNode();
    event.put("version", "0");
    event.put("id", RequestIds.next());
    event.put("detail-type", DETAIL_TYPE);
    event.put("source", SOURCE);
    event.put("account", arn.length > 4 ? arn[4] : "000000000000");
    event.put("time", (stop == null ? now : Instant.ofEpochMilli(stop)).truncatedTo(ChronoUnit.SECONDS).toString());
    event.put("region", arn.length > 3 ? arn[3] : "us-east-1");
    event.putArray("resources").add(executionArn);
    ObjectNode detail = event.putObject("detail");
    detail.put("executionArn", executionArn);
    detail.put("stateMachineArn", describeExecution.path("stateMachineArn").asText());
    detail.put("name", describeExecution.path("name").asText());
    detail.put("status", describeExecution.path("status").asText());
    putNumberOrNull(detail, "startDate", start);
    putNumberOrNull(detail, "stopDate", stop);
    detail.set("input", textOrNull(describeExecution.get("input")));
    detail.putObject("inputDetails").put("included", true);
    JsonNode output = textOrNull(describeExecution.get("output"));
    detail.set("output", output);
    if (output.isNull()) {
      detail.putNull("outputDetails");
    } else {
      detail.putObject("outputDetails").put("included", true);
    }
    detail.set("error", textOrNull(describeExecution.get("error")));
    detail.set("cause", textOrNull(describeExecution.get("cause")));
    return event;
  }

  private static Long epochMillis(JsonNode date) {
    if (date == null || date.isNull()) {
      return null;
    }
    if (date.isNumber()) {
      return date.decimalValue().multiply(BigDecimal.valueOf(1000)).longValue();
    }
    return Instant.parse(date.asText()).toEpochMilli();
  }

  private static void putNumberOrNull(ObjectNode node, String field, Long value) {
    if (value == null) {
      node.putNull(field);
    } else {
      node.put(field, value);
    }
  }

  private static JsonNode textOrNull(JsonNode value) {
    return value == null || value.isNull() ? NODES.nullNode() : NODES.textNode(value.asText());
  }
}
