package dev.agentflow.local.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentflow.local.template.EventRuleSpec;
import dev.agentflow.local.template.EventTargetSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventBridgeDispatcherTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FN = "arn:aws:lambda:us-east-1:000000000000:function:Status";
  private static final String DESCRIBE = """
      {"executionArn": "arn:aws:states:eu-west-1:123456789012:execution:wf:run-7",
       "stateMachineArn": "arn:aws:states:eu-west-1:123456789012:stateMachine:wf",
       "name": "run-7", "status": "SUCCEEDED", "startDate": 1700000000.123, "stopDate": 1700000002.5,
       "input": "{\\"a\\":1}", "inputDetails": {"included": true}, "output": "{\\"b\\":2}",
       "outputDetails": {"included": true}}
      """;

  @Test
  void from_whenDescribeExecution_shouldBuildStatusChangeEvent() throws Exception {
    JsonNode event = ExecutionStatusEvent.from(JSON.readTree(DESCRIBE), Instant.EPOCH);

    assertEquals("aws.states", event.get("source").asText());
    assertEquals("Step Functions Execution Status Change", event.get("detail-type").asText());
    assertEquals("123456789012", event.get("account").asText());
    assertEquals("eu-west-1", event.get("region").asText());
    assertEquals("2023-11-14T22:13:22Z", event.get("time").asText());
    assertEquals("arn:aws:states:eu-west-1:123456789012:execution:wf:run-7", event.at("/resources/0").asText());
    JsonNode detail = event.get("detail");
    assertEquals("SUCCEEDED", detail.get("status").asText());
    assertEquals(1700000000123L, detail.get("startDate").asLong());
    assertEquals(1700000002500L, detail.get("stopDate").asLong());
    assertEquals("{\"a\":1}", detail.get("input").asText());
    assertEquals("{\"b\":2}", detail.get("output").asText());
    assertTrue(detail.get("error").isNull());
    assertTrue(detail.get("cause").isNull());
  }

  @Test
  void onStatusChange_whenRuleMatches_shouldDeliverToLambdaTargetsOnly() throws Exception {
    List<String> delivered = new ArrayList<>();
    List<String> notices = new ArrayList<>();
    EventRuleSpec rule = new EventRuleSpec("R", "R",
        JSON.readTree("{\"source\": [\"aws.states\"], \"detail\": {\"status\": [\"SUCCEEDED\"]}}"), true,
        List.of(new EventTargetSpec("fn", FN, null, null, null),
            new EventTargetSpec("detailOnly", FN, null, "$.detail.name", null),
            new EventTargetSpec("topic", "arn:aws:sns:us-east-1:000000000000:Alerts", null, null, null)));
    EventRuleSpec other = new EventRuleSpec("Other", "Other", JSON.readTree("{\"source\": [\"aws.ec2\"]}"), true,
        List.of(new EventTargetSpec("fn", FN, null, null, null)));
    EventBridgeDispatcher dispatcher = new EventBridgeDispatcher(List.of(rule, other), arn -> arn.equals(FN),
        (arn, payload) -> delivered.add(payload), notices::add, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

    dispatcher.onStatusChange(JSON.readTree(DESCRIBE));

    assertEquals(2, delivered.size());
    assertEquals("run-7", JSON.readTree(delivered.get(0)).at("/detail/name").asText());
    assertEquals("\"run-7\"", delivered.get(1));
    assertEquals(1, notices.size(), "the SNS target is reported once");
    assertTrue(notices.get(0).contains("Alerts"), notices.get(0));
  }

  @Test
  void publish_whenRuleDisabled_shouldNotDeliver() throws Exception {
    List<String> delivered = new ArrayList<>();
    EventRuleSpec rule = new EventRuleSpec("R", "R", JSON.readTree("{\"source\": [\"aws.states\"]}"), false,
        List.of(new EventTargetSpec("fn", FN, null, null, null)));
    EventBridgeDispatcher dispatcher = new EventBridgeDispatcher(List.of(rule), arn -> true,
        (arn, payload) -> delivered.add(payload), m -> { }, Clock.systemUTC());

    List<String> matched = dispatcher.publish(ExecutionStatusEvent.from(JSON.readTree(DESCRIBE), Instant.EPOCH));

    assertEquals(List.of(), matched);
    assertEquals(List.of(), delivered);
  }

  @Test
  void render_whenInputTransformer_shouldFillTemplate() throws Exception {
    JsonNode event = ExecutionStatusEvent.from(JSON.readTree(DESCRIBE), Instant.EPOCH);
    EventTargetSpec target = new EventTargetSpec("t", FN, null, null, JSON.readTree("""
        {"InputPathsMap": {"name": "$.detail.name", "start": "$.detail.startDate", "res": "$.resources[0]"},
         "InputTemplate": "{\\"execution\\": \\"<name>\\", \\"started\\": <start>, \\"arn\\": \\"<res>\\", \\"rule\\": \\"<aws.events.rule-name>\\"}"}
        """));

    String payload = EventTargetInput.render(target, "MyRule", event);

    assertEquals(JSON.readTree("{\"execution\": \"run-7\", \"started\": 1700000000123, "
        + "\"arn\": \"arn:aws:states:eu-west-1:123456789012:execution:wf:run-7\", \"rule\": \"MyRule\"}"),
        JSON.readTree(payload));
  }

  @Test
  void render_whenConstantInput_shouldUseIt() throws Exception {
    EventTargetSpec target = new EventTargetSpec("t", FN, "{\"fixed\": true}", null, null);

    assertEquals("{\"fixed\": true}", EventTargetInput.render(target, "R", JSON.readTree("{}")));
  }
}
