package dev.agentflow.local.sfn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentflow.local.sfn.service.SfnApi;
import dev.agentflow.local.sfn.support.Sfn;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With a data directory, state machines, versions and executions survive a restart. */
class PersistenceTest {

  @TempDir
  Path data;

  @Test
  void restart_keepsStateMachinesVersionsAndEndedExecutions() throws Exception {
    String sm;
    String done;
    try (StepFunctionsService first = new StepFunctionsService(null, null,
        SfnOptions.defaults().withDataDirectory(data).withTimeScale(0.01))) {
      Sfn sfn = new Sfn(first);
      sm = sfn.call("CreateStateMachine", "name", "kept", "publish", true, "definition", """
          {"StartAt":"P","States":{"P":{"Type":"Pass","Result":{"v":1},"End":true}}}""")
          .get("stateMachineArn").asText();
      done = sfn.start(sm, "done", "{\"in\":true}");
      sfn.await(done, 5000);
    }
    try (StepFunctionsService second = new StepFunctionsService(null, null,
        SfnOptions.defaults().withDataDirectory(data).withTimeScale(0.01))) {
      Sfn sfn = new Sfn(second);
      JsonNode d = sfn.call("DescribeExecution", "executionArn", done);
      assertEquals("SUCCEEDED", d.get("status").asText());
      assertEquals("{\"v\":1}", d.get("output").asText());
      assertEquals("{\"in\":true}", d.get("input").asText());
      JsonNode events = sfn.call("GetExecutionHistory", "executionArn", done).get("events");
      assertEquals("ExecutionSucceeded", events.get(events.size() - 1).get("type").asText());
      assertEquals("P", events.get(1).get("stateEnteredEventDetails").get("name").asText());
      assertEquals(sm + ":1", sfn.call("ListStateMachineVersions", "stateMachineArn", sm)
          .get("stateMachineVersions").get(0).get("stateMachineVersionArn").asText());
      assertEquals(1, sfn.call("ListExecutions", "stateMachineArn", sm).get("executions").size());
      String again = sfn.start(sm, "after-restart", "{}");
      assertEquals("SUCCEEDED", sfn.await(again, 5000).get("status").asText());
    }
  }

  @Test
  void restart_endsExecutionsThatWereRunning_asFailed_andTellsTheListener() throws Exception {
    String running;
    try (StepFunctionsService first = new StepFunctionsService(null, null,
        SfnOptions.defaults().withDataDirectory(data))) {
      Sfn sfn = new Sfn(first);
      String sm = sfn.create("slow", """
          {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":3600,"End":true}}}""");
      running = sfn.start(sm, "interrupted", "{}");
      assertEquals("RUNNING", sfn.call("DescribeExecution", "executionArn", running).get("status").asText());
    }
    List<JsonNode> told = new ArrayList<>();
    try (StepFunctionsService second = new StepFunctionsService(null, told::add,
        SfnOptions.defaults().withDataDirectory(data))) {
      JsonNode d = new Sfn(second).call("DescribeExecution", "executionArn", running);
      assertEquals("FAILED", d.get("status").asText());
      assertEquals("States.Runtime", d.get("error").asText());
      assertEquals(SfnApi.STOPPED_CAUSE, d.get("cause").asText());
      assertTrue(d.has("stopDate"));
      assertEquals(1, told.size());
      assertEquals(running, told.get(0).get("executionArn").asText());
    }
    try (StepFunctionsService third = new StepFunctionsService(null, null,
        SfnOptions.defaults().withDataDirectory(data))) {
      assertEquals("FAILED", new Sfn(third).call("DescribeExecution", "executionArn", running).get("status").asText());
    }
  }
}
