package dev.agentflow.local.sfn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentflow.local.sfn.support.ScriptedTaskHandler;
import dev.agentflow.local.sfn.support.Sfn;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The API operations and their AWS errors (AWS Step Functions API reference). */
class StepFunctionsApiTest {

  private static final String PASS = """
      {"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""";
  private static final String WAIT_LONG = """
      {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":60,"End":true}}}""";

  private StepFunctionsService service;
  private Sfn sfn;
  private final List<JsonNode> ended = new ArrayList<>();

  @BeforeEach
  void start() {
    service = new StepFunctionsService(new ScriptedTaskHandler(0.01), d -> {
      synchronized (ended) {
        ended.add(d);
      }
    }, SfnOptions.defaults().withTimeScale(0.01));
    sfn = new Sfn(service);
  }

  @AfterEach
  void stop() {
    service.close();
  }

  private SfnServiceException error(String op, Object... kv) {
    return assertThrows(SfnServiceException.class, () -> sfn.call(op, kv));
  }

  @Test
  void createStateMachine_withBadDefinition_isInvalidDefinitionListingEveryProblem() {
    SfnServiceException e = error("CreateStateMachine", "name", "bad", "roleArn", "arn:aws:iam::0:role/r",
        "definition", """
            {"StartAt":"A","States":{"A":{"Type":"Pass","Next":"Nowhere"},"B":{"Type":"Pass","End":true}}}""");
    assertEquals("InvalidDefinition", e.errorType());
    assertEquals(400, e.httpStatus());
    assertTrue(e.getMessage().startsWith("Invalid State Machine Definition: "), e.getMessage());
    assertTrue(e.getMessage().contains("MISSING_TRANSITION_TARGET: Missing 'Next' target: Nowhere at /States/A/Next"),
        e.getMessage());
    assertTrue(e.getMessage().contains("UNREACHABLE_STATE: State \"B\" is not reachable. at /States/B"), e.getMessage());
  }

  @Test
  void createStateMachine_withMalformedJson_isInvalidDefinition() {
    SfnServiceException e = error("CreateStateMachine", "name", "bad", "definition", "{\"StartAt\": ");
    assertEquals("InvalidDefinition", e.errorType());
    assertTrue(e.getMessage().contains("INVALID_JSON_DESCRIPTION"), e.getMessage());
  }

  @Test
  void createStateMachine_withoutStartAtOrWithStatesAllNotLast_isInvalidDefinition() {
    SfnServiceException noStart = error("CreateStateMachine", "name", "x", "definition",
        "{\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}");
    assertTrue(noStart.getMessage().contains("The field 'StartAt' is required but was missing"), noStart.getMessage());
    SfnServiceException allFirst = error("CreateStateMachine", "name", "y", "definition", """
        {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true,
          "Catch":[{"ErrorEquals":["States.ALL"],"Next":"T"},{"ErrorEquals":["X"],"Next":"T"}]}}}""");
    assertTrue(allFirst.getMessage().contains("States.ALL must be the last one")
        || allFirst.getMessage().contains("must be the last"), allFirst.getMessage());
  }

  @Test
  void createStateMachine_isIdempotent_andConflictsOnOtherDefinition() throws Exception {
    JsonNode first = sfn.call("CreateStateMachine", "name", "same", "definition", PASS);
    JsonNode again = sfn.call("CreateStateMachine", "name", "same", "definition", PASS);
    assertEquals(first.get("stateMachineArn"), again.get("stateMachineArn"));
    assertEquals("arn:aws:states:us-east-1:000000000000:stateMachine:same", first.get("stateMachineArn").asText());
    assertTrue(first.get("creationDate").isNumber());
    assertEquals("StateMachineAlreadyExists",
        error("CreateStateMachine", "name", "same", "definition", WAIT_LONG).errorType());
  }

  @Test
  void createStateMachine_withBadNameOrMissingMember_isRejected() {
    assertEquals("InvalidName", error("CreateStateMachine", "name", "has space", "definition", PASS).errorType());
    SfnServiceException missing = error("CreateStateMachine", "name", "ok");
    assertEquals("ValidationException", missing.errorType());
    assertTrue(missing.getMessage().contains("Value null at 'definition'"), missing.getMessage());
  }

  @Test
  void unknownArns_areDoesNotExistErrors_andMalformedArnsInvalidArn() {
    assertEquals("StateMachineDoesNotExist", error("DescribeStateMachine", "stateMachineArn",
        "arn:aws:states:us-east-1:000000000000:stateMachine:nope").errorType());
    assertEquals("StateMachineDoesNotExist", error("StartExecution", "stateMachineArn",
        "arn:aws:states:us-east-1:000000000000:stateMachine:nope").errorType());
    assertEquals("ExecutionDoesNotExist", error("DescribeExecution", "executionArn",
        "arn:aws:states:us-east-1:000000000000:execution:nope:run").errorType());
    assertEquals("ExecutionDoesNotExist", error("GetExecutionHistory", "executionArn",
        "arn:aws:states:us-east-1:000000000000:execution:nope:run").errorType());
    assertEquals("InvalidArn", error("DescribeExecution", "executionArn", "not-an-arn").errorType());
    assertEquals("InvalidArn", error("DescribeExecution", "executionArn",
        "arn:aws:states:us-east-1:000000000000:stateMachine:x").errorType());
    assertEquals("UnknownOperationException", error("SendTaskSuccess").errorType());
  }

  @Test
  void startExecution_sameNameAndInputWhileRunning_returnsTheSameExecution() throws Exception {
    String sm = sfn.create("waiting", WAIT_LONG);
    JsonNode first = sfn.call("StartExecution", "stateMachineArn", sm, "name", "once", "input", "{\"a\":1}");
    JsonNode second = sfn.call("StartExecution", "stateMachineArn", sm, "name", "once", "input", "{ \"a\" : 1 }");
    assertEquals(first, second);
    assertEquals("arn:aws:states:us-east-1:000000000000:execution:waiting:once", first.get("executionArn").asText());
  }

  @Test
  void startExecution_sameNameOtherInput_isExecutionAlreadyExists() throws Exception {
    String sm = sfn.create("waiting2", WAIT_LONG);
    sfn.start(sm, "dup", "{\"a\":1}");
    SfnServiceException e = error("StartExecution", "stateMachineArn", sm, "name", "dup", "input", "{\"a\":2}");
    assertEquals("ExecutionAlreadyExists", e.errorType());
    assertEquals("Execution Already Exists: 'arn:aws:states:us-east-1:000000000000:execution:waiting2:dup'",
        e.getMessage());
  }

  @Test
  void startExecution_sameNameAfterItEnded_isExecutionAlreadyExists() throws Exception {
    String sm = sfn.create("quick", PASS);
    sfn.await(sfn.start(sm, "done", "{}"), 5000);
    assertEquals("ExecutionAlreadyExists",
        error("StartExecution", "stateMachineArn", sm, "name", "done", "input", "{}").errorType());
  }

  @Test
  void startExecution_withInvalidJsonInput_isInvalidExecutionInput() throws Exception {
    String sm = sfn.create("input", PASS);
    assertEquals("InvalidExecutionInput",
        error("StartExecution", "stateMachineArn", sm, "input", "{not json").errorType());
  }

  @Test
  void describeExecution_ofSucceededExecution_hasAwsShape() throws Exception {
    String sm = sfn.create("shape", """
        {"StartAt":"P","States":{"P":{"Type":"Pass","Result":{"ok":true},"End":true}}}""");
    String exec = sfn.start(sm, "e1", "{\"in\":1}");
    JsonNode d = sfn.await(exec, 5000);
    assertEquals(exec, d.get("executionArn").asText());
    assertEquals(sm, d.get("stateMachineArn").asText());
    assertEquals("e1", d.get("name").asText());
    assertEquals("SUCCEEDED", d.get("status").asText());
    assertEquals("{\"in\":1}", d.get("input").asText());
    assertEquals("{\"ok\":true}", d.get("output").asText());
    assertTrue(d.get("startDate").isNumber() && d.get("stopDate").isNumber());
    assertTrue(d.get("stopDate").decimalValue().compareTo(d.get("startDate").decimalValue()) >= 0);
  }

  @Test
  void stopExecution_abortsARunningExecution_andTellsTheListenerOnce() throws Exception {
    String sm = sfn.create("stoppable", WAIT_LONG);
    String exec = sfn.start(sm, "s", "{}");
    JsonNode stopped = sfn.call("StopExecution", "executionArn", exec, "error", "Manual", "cause", "user cancelled");
    assertTrue(stopped.get("stopDate").isNumber());
    JsonNode d = sfn.call("DescribeExecution", "executionArn", exec);
    assertEquals("ABORTED", d.get("status").asText());
    assertEquals("Manual", d.get("error").asText());
    assertEquals("user cancelled", d.get("cause").asText());
    sfn.call("StopExecution", "executionArn", exec);
    synchronized (ended) {
      assertEquals(1, ended.stream().filter(e -> e.get("executionArn").asText().equals(exec)).count());
    }
    JsonNode history = sfn.call("GetExecutionHistory", "executionArn", exec, "reverseOrder", true);
    assertEquals("ExecutionAborted", history.get("events").get(0).get("type").asText());
  }

  @Test
  void listExecutions_filtersByStatus_andPagesNewestFirst() throws Exception {
    String sm = sfn.create("many", PASS);
    String waiting = sfn.create("manyWaiting", WAIT_LONG);
    List<String> started = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      started.add(sfn.await(sfn.start(sm, "e" + i, "{}"), 5000).get("executionArn").asText());
    }
    sfn.start(waiting, "w", "{}");

    List<String> seen = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      JsonNode page = token == null
          ? sfn.call("ListExecutions", "stateMachineArn", sm, "maxResults", 3)
          : sfn.call("ListExecutions", "stateMachineArn", sm, "maxResults", 3, "nextToken", token);
      page.get("executions").forEach(e -> seen.add(e.get("executionArn").asText()));
      token = page.has("nextToken") ? page.get("nextToken").asText() : null;
      pages++;
    } while (token != null);
    assertEquals(3, pages);
    List<String> newestFirst = new ArrayList<>(started);
    java.util.Collections.reverse(newestFirst);
    assertEquals(newestFirst, seen);

    assertEquals(0, sfn.call("ListExecutions", "stateMachineArn", sm, "statusFilter", "RUNNING")
        .get("executions").size());
    assertEquals(1, sfn.call("ListExecutions", "stateMachineArn", waiting, "statusFilter", "RUNNING")
        .get("executions").size());
    assertEquals("InvalidToken",
        error("ListExecutions", "stateMachineArn", sm, "nextToken", "garbage!").errorType());
    assertEquals("ValidationException",
        error("ListExecutions", "stateMachineArn", sm, "statusFilter", "DONE").errorType());
  }

  @Test
  void listStateMachines_pages() throws Exception {
    Set<String> names = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      sfn.create("sm" + i, PASS);
    }
    JsonNode first = sfn.call("ListStateMachines", "maxResults", 2);
    assertEquals(2, first.get("stateMachines").size());
    first.get("stateMachines").forEach(s -> names.add(s.get("name").asText()));
    JsonNode rest = sfn.call("ListStateMachines", "nextToken", first.get("nextToken").asText());
    rest.get("stateMachines").forEach(s -> names.add(s.get("name").asText()));
    assertFalse(rest.has("nextToken"));
    assertEquals(Set.of("sm0", "sm1", "sm2", "sm3", "sm4"), names);
    assertEquals("STANDARD", first.get("stateMachines").get(0).get("type").asText());
  }

  @Test
  void getExecutionHistory_hasAwsEventTypesAndChain_andPages() throws Exception {
    String sm = sfn.create("history", """
        {"StartAt":"P","States":{
          "P":{"Type":"Pass","Next":"T"},
          "T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:000000000000:function:fn","Next":"I"},
          "I":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"fn"},"End":true}}}""");
    String exec = sfn.start(sm, "h", "{\"x\":1}");
    sfn.await(exec, 5000);
    JsonNode events = sfn.call("GetExecutionHistory", "executionArn", exec).get("events");
    List<String> types = new ArrayList<>();
    events.forEach(e -> types.add(e.get("type").asText()));
    assertEquals(List.of("ExecutionStarted", "PassStateEntered", "PassStateExited", "TaskStateEntered",
        "LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionSucceeded", "TaskStateExited",
        "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded"),
        types);
    for (int i = 0; i < events.size(); i++) {
      assertEquals(i + 1, events.get(i).get("id").asInt());
      assertEquals(i, events.get(i).get("previousEventId").asInt());
      assertTrue(events.get(i).get("timestamp").isNumber());
    }
    assertEquals("{\"x\":1}", events.get(0).get("executionStartedEventDetails").get("input").asText());
    assertEquals("P", events.get(1).get("stateEnteredEventDetails").get("name").asText());
    JsonNode scheduled = events.get(9).get("taskScheduledEventDetails");
    assertEquals("lambda", scheduled.get("resourceType").asText());
    assertEquals("invoke", scheduled.get("resource").asText());
    assertEquals("us-east-1", scheduled.get("region").asText());
    assertEquals("{\"FunctionName\":\"fn\"}", scheduled.get("parameters").asText());

    JsonNode page = sfn.call("GetExecutionHistory", "executionArn", exec, "maxResults", 5, "reverseOrder", true);
    assertEquals(5, page.get("events").size());
    assertEquals("ExecutionSucceeded", page.get("events").get(0).get("type").asText());
    JsonNode next = sfn.call("GetExecutionHistory", "executionArn", exec, "maxResults", 5, "reverseOrder", true,
        "nextToken", page.get("nextToken").asText());
    assertEquals(9, next.get("events").get(0).get("id").asInt());
    JsonNode noData = sfn.call("GetExecutionHistory", "executionArn", exec, "includeExecutionData", false);
    assertFalse(noData.get("events").get(0).get("executionStartedEventDetails").has("input"));
  }

  @Test
  void failedExecution_reportsErrorAndCause_inDescribeAndHistory() throws Exception {
    String sm = sfn.create("failing", """
        {"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Boom","Cause":"it broke"}}}""");
    String exec = sfn.start(sm, "f", "{}");
    JsonNode d = sfn.await(exec, 5000);
    assertEquals("FAILED", d.get("status").asText());
    assertEquals("Boom", d.get("error").asText());
    assertEquals("it broke", d.get("cause").asText());
    assertFalse(d.has("output"));
    JsonNode last = sfn.call("GetExecutionHistory", "executionArn", exec, "reverseOrder", true).get("events").get(0);
    assertEquals("ExecutionFailed", last.get("type").asText());
    assertEquals("Boom", last.get("executionFailedEventDetails").get("error").asText());
    synchronized (ended) {
      assertTrue(ended.stream().anyMatch(e -> e.get("executionArn").asText().equals(exec)
          && e.get("status").asText().equals("FAILED")));
    }
  }

  @Test
  void versions_publishOnCreateAndUpdate_andExecutionsRunTheVersionTheyName() throws Exception {
    JsonNode created = sfn.call("CreateStateMachine", "name", "versioned", "publish", true,
        "versionDescription", "first", "definition", """
            {"StartAt":"P","States":{"P":{"Type":"Pass","Result":"v1","End":true}}}""");
    String sm = created.get("stateMachineArn").asText();
    String v1 = created.get("stateMachineVersionArn").asText();
    assertEquals(sm + ":1", v1);
    JsonNode updated = sfn.call("UpdateStateMachine", "stateMachineArn", sm, "publish", true, "definition", """
        {"StartAt":"P","States":{"P":{"Type":"Pass","Result":"v2","End":true}}}""");
    String v2 = updated.get("stateMachineVersionArn").asText();
    assertEquals(sm + ":2", v2);
    assertTrue(updated.get("updateDate").isNumber());
    assertEquals(updated.get("revisionId"), sfn.call("DescribeStateMachine", "stateMachineArn", sm).get("revisionId"));

    assertEquals("\"v1\"", sfn.await(sfn.start(v1, "on-v1", "{}"), 5000).get("output").asText());
    JsonNode onV2 = sfn.await(sfn.start(sm, "on-latest", "{}"), 5000);
    assertEquals("\"v2\"", onV2.get("output").asText());
    JsonNode d1 = sfn.call("DescribeExecution", "executionArn", sm.replace("stateMachine", "execution") + ":on-v1");
    assertEquals(v1, d1.get("stateMachineVersionArn").asText());

    JsonNode versions = sfn.call("ListStateMachineVersions", "stateMachineArn", sm).get("stateMachineVersions");
    assertEquals(v2, versions.get(0).get("stateMachineVersionArn").asText());
    assertEquals(v1, versions.get(1).get("stateMachineVersionArn").asText());
    JsonNode describeV1 = sfn.call("DescribeStateMachine", "stateMachineArn", v1);
    assertTrue(describeV1.get("definition").asText().contains("v1"));
    assertEquals("first", describeV1.get("description").asText());
    assertEquals(v2, sfn.call("PublishStateMachineVersion", "stateMachineArn", sm).get("stateMachineVersionArn")
        .asText());
    assertEquals(1, sfn.call("ListExecutions", "stateMachineArn", v1).get("executions").size());
    assertEquals("StateMachineDoesNotExist",
        error("StartExecution", "stateMachineArn", sm + ":9").errorType());
  }

  @Test
  void deleteStateMachine_removesIt() throws Exception {
    String sm = sfn.create("deletable", PASS);
    sfn.call("DeleteStateMachine", "stateMachineArn", sm);
    assertEquals("StateMachineDoesNotExist", error("DescribeStateMachine", "stateMachineArn", sm).errorType());
  }

  @Test
  void describeStateMachine_returnsDefinitionAndConfiguration() throws Exception {
    String sm = sfn.create("described", PASS);
    JsonNode d = sfn.call("DescribeStateMachine", "stateMachineArn", sm);
    assertEquals(PASS, d.get("definition").asText());
    assertEquals("described", d.get("name").asText());
    assertEquals("ACTIVE", d.get("status").asText());
    assertEquals("STANDARD", d.get("type").asText());
    assertEquals("arn:aws:iam::000000000000:role/test", d.get("roleArn").asText());
    assertEquals("OFF", d.get("loggingConfiguration").get("level").asText());
  }
}
