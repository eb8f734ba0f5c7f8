package dev.agentflow.local.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventPatternMatcherTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EVENT = """
      {"source": "aws.states", "detail-type": "Step Functions Execution Status Change",
       "resources": ["arn:aws:states:us-east-1:000000000000:execution:wf-1:run-1"],
       "detail": {"status": "FAILED", "name": "run-1", "startDate": 1551225146847, "error": "States.Timeout",
                  "output": null, "stateMachineArn": "arn:aws:states:us-east-1:000000000000:stateMachine:wf-1"}}
      """;

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      {"source": ["aws.states"]}                                                         | true
      {"source": ["aws.states"], "detail-type": ["Step Functions Execution Status Change"]} | true
      {"source": ["aws.events"]}                                                         | false
      {"detail": {"status": ["SUCCEEDED", "FAILED"]}}                                     | true
      {"detail": {"status": ["SUCCEEDED"]}}                                               | false
      {"detail": {"status": [{"anything-but": "SUCCEEDED"}]}}                             | true
      {"detail": {"status": [{"anything-but": ["FAILED", "ABORTED"]}]}}                   | false
      {"detail": {"error": [{"prefix": "States."}]}}                                      | true
      {"detail": {"error": [{"prefix": {"equals-ignore-case": "states.t"}}]}}             | true
      {"detail": {"error": [{"suffix": "Timeout"}]}}                                      | true
      {"detail": {"name": [{"equals-ignore-case": "RUN-1"}]}}                             | true
      {"detail": {"stateMachineArn": [{"wildcard": "*:stateMachine:wf-*"}]}}              | true
      {"detail": {"stateMachineArn": [{"wildcard": "*:stateMachine:other"}]}}             | false
      {"detail": {"startDate": [{"numeric": [">", 0, "<=", 1551225146847]}]}}              | true
      {"detail": {"startDate": [{"numeric": ["<", 100]}]}}                                | false
      {"detail": {"cause": [{"exists": false}]}}                                          | true
      {"detail": {"error": [{"exists": true}]}}                                           | true
      {"detail": {"error": [{"exists": false}]}}                                          | false
      {"detail": {"output": [null]}}                                                      | true
      {"resources": ["arn:aws:states:us-east-1:000000000000:execution:wf-1:run-1"]}        | true
      {"missing": {"deeper": ["x"]}}                                                      | false
      {"$or": [{"source": ["nope"]}, {"detail": {"status": ["FAILED"]}}]}                 | true
      {"$or": [{"source": ["nope"]}, {"detail": {"status": ["ABORTED"]}}]}                | false
      """)
  void matches_whenPattern_shouldFollowEventBridgeRules(String pattern, boolean expected) throws Exception {
    JsonNode event = JSON.readTree(EVENT);

    assertEquals(expected, EventPatternMatcher.matches(JSON.readTree(pattern), event));
  }
}
