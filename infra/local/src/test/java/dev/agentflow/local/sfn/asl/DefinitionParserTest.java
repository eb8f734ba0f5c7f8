package dev.agentflow.local.sfn.asl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Definition validation with AWS-style InvalidDefinition problems. */
class DefinitionParserTest {

  private static List<String> problems(String definition) {
    return assertThrows(InvalidDefinitionException.class, () -> DefinitionParser.parse(definition)).problems();
  }

  private static void assertProblem(String definition, String expected) {
    List<String> problems = problems(definition);
    assertTrue(problems.stream().anyMatch(p -> p.contains(expected)), () -> "problems: " + problems);
  }

  @Test
  void validDefinition_parsesEveryStateType() throws Exception {
    StateMachineDefinition def = DefinitionParser.parse("""
        {"StartAt":"P","TimeoutSeconds":30,"States":{
          "P":{"Type":"Pass","Next":"C"},
          "C":{"Type":"Choice","Choices":[{"Variable":"$.x","NumericEquals":1,"Next":"W"}],"Default":"T"},
          "W":{"Type":"Wait","Seconds":1,"Next":"T"},
          "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Next":"Par",
               "Retry":[{"ErrorEquals":["States.ALL"]}],"Catch":[{"ErrorEquals":["States.ALL"],"Next":"F"}]},
          "Par":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Succeed"}}}],"Next":"M"},
          "M":{"Type":"Map","ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},"Next":"S"},
          "S":{"Type":"Succeed"},
          "F":{"Type":"Fail","Error":"E"}}}""");
    assertEquals(30, def.timeoutSeconds());
    assertEquals(8, def.block().states().size());
    Retrier r = def.block().state("T").retry().get(0);
    assertEquals(3, r.maxAttempts());
    assertEquals(1.0, r.intervalSeconds());
    assertEquals(2.0, r.backoffRate());
  }

  @Test
  void problems_areReportedWithCodesAndLocations() {
    assertProblem("{\"StartAt\":\"Nope\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true}}}",
        "MISSING_TRANSITION_TARGET: Missing 'Next' target: Nope at /StartAt");
    assertProblem("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true,\"Next\":\"A\"}}}",
        "SCHEMA_VALIDATION_FAILED: Only one of 'Next' and 'End' may be set at /States/A");
    assertProblem("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\"}}}",
        "Either 'Next' or 'End: true' is required at /States/A");
    assertProblem("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Magic\",\"End\":true}}}", "/States/A/Type");
    assertProblem("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true,\"Bogus\":1}}}",
        "Field 'Bogus' is not supported for Pass states at /States/A/Bogus");
    assertProblem("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"InputPath\":\"nope\",\"End\":true}}}",
        "INVALID_JSON_PATH");
    assertProblem("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"ResultPath\":\"$.a[*]\",\"End\":true}}}",
        "INVALID_JSON_PATH");
    assertProblem("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Parameters\":{\"x.$\":\"States.Nope()\"},\"End\":true}}}",
        "/States/A/Parameters");
    assertProblem("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Wait\",\"Seconds\":1,\"SecondsPath\":\"$.s\",\"End\":true}}}",
        "Exactly one of 'Seconds', 'Timestamp', 'SecondsPath' and 'TimestampPath' is required");
    assertProblem("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Choice\",\"Choices\":[{\"Variable\":\"$.x\",\"Next\":\"A\"}]}}}",
        "exactly one comparison operator");
    assertProblem("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Task\",\"Resource\":\"r\",\"End\":true,"
        + "\"Retry\":[{\"ErrorEquals\":[\"States.ALL\",\"X\"]}]}}}", "States.ALL must appear alone");
    assertProblem("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Parallel\",\"End\":true,\"Branches\":["
        + "{\"StartAt\":\"B\",\"States\":{\"B\":{\"Type\":\"Pass\",\"Next\":\"Outside\"}}}]}}}",
        "MISSING_TRANSITION_TARGET: Missing 'Next' target: Outside at /States/A/Branches/0/States/B/Next");
    assertProblem("{\"StartAt\":\"A\",\"QueryLanguage\":\"XPath\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true}}}",
        "The field 'QueryLanguage' should be JSONPath or JSONata");
    assertProblem("{\"StartAt\":\"A\",\"QueryLanguage\":\"JSONata\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true,"
        + "\"InputPath\":\"$.a\"}}}", "Field 'InputPath' is not supported for Pass states using JSONata");
    assertProblem("{\"StartAt\":\"A\",\"QueryLanguage\":\"JSONata\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true,"
        + "\"Output\":\"{% $states.input. %}\"}}}", "Invalid JSONata expression");
    assertProblem("{\"StartAt\":\"A\",\"QueryLanguage\":\"JSONata\",\"States\":{\"A\":{\"Type\":\"Choice\","
        + "\"Choices\":[{\"Variable\":\"$.x\",\"NumericEquals\":1,\"Next\":\"A\"}]}}}", "Field 'Variable' is not supported");
    assertProblem("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true,\"Assign\":{\"bad-name\":1}}}}",
        "Invalid variable name 'bad-name'");
  }

  @Test
  void everyProblem_isReportedAtOnce() {
    List<String> problems = problems("""
        {"StartAt":"A","States":{"A":{"Type":"Pass","Next":"X"},"B":{"Type":"Pass","Next":"Y"}}}""");
    assertEquals(3, problems.size(), problems::toString);
  }
}
