package dev.agentflow.local.sfn;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentflow.local.sfn.data.Json;
import dev.agentflow.local.sfn.support.ConformanceCase;
import dev.agentflow.local.sfn.support.Expectations;
import dev.agentflow.local.sfn.support.ScriptedTaskHandler;
import dev.agentflow.local.sfn.support.Sfn;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every ASL conformance case (src/test/resources/asl-conformance, drawn from the Step Functions developer
 * guide and the ASL spec) through {@link StepFunctionsService}: CreateStateMachine, StartExecution, then
 * DescribeExecution until it ends, and checks status, output, error and cause.
 */
class AslConformanceTest {

  static final double TIME_SCALE = 0.01;
  private static ScriptedTaskHandler tasks;
  private static StepFunctionsService service;
  private static Sfn sfn;

  @BeforeAll
  static void startService() {
    tasks = new ScriptedTaskHandler(TIME_SCALE);
    service = new StepFunctionsService(tasks, null, SfnOptions.defaults().withTimeScale(TIME_SCALE));
    sfn = new Sfn(service);
  }

  @AfterAll
  static void stopService() {
    service.close();
  }

  static List<ConformanceCase> cases() {
    return ConformanceCase.all();
  }

  @Test
  void suite_hasAtLeastFortyCases() {
    assertTrue(cases().size() >= 40, "conformance cases: " + cases().size());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void conformanceCase_behavesAsDocumented(ConformanceCase c) throws Exception {
    String smArn = sfn.create(c.id(), Json.write(c.definition()));
    tasks.register(smArn, c.tasks());
    String execArn = sfn.start(smArn, "run", Json.write(c.input()));

    JsonNode d = sfn.await(execArn, 10_000);

    JsonNode output = d.has("output") ? Json.parse(d.get("output").asText()) : null;
    String problem = Expectations.check(c.expected(), d.get("status").asText(), output,
        d.path("error").asText(null), d.path("cause").asText(null), variables(c.id(), smArn, execArn));
    assertNull(problem, c.id() + ": " + problem);
  }

  static Map<String, String> variables(String smName, String smArn, String execArn) {
    return Map.of("executionArn", execArn, "executionName", "run", "stateMachineArn", smArn,
        "stateMachineName", smName);
  }
}
