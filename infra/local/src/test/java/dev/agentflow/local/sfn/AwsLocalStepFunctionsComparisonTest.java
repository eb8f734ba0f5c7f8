package dev.agentflow.local.sfn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.local.sfn.data.Json;
import dev.agentflow.local.sfn.support.ConformanceCase;
import dev.agentflow.local.sfn.support.Expectations;
import dev.agentflow.local.sfn.support.ReferenceEngine;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Runs every JSONPath conformance case through the reference implementation, aws-local-stepfunctions 3.0.0 (installed
 * into target/ by npm on first use; skipped with the reason printed when node, npm or the registry is not
 * available), and reports each case where it disagrees with the documented expectation our engine meets
 * (AslConformanceTest). A disagreement must be one documented in the case ("referenceDivergence"). JSONata cases
 * are left out: the reference does not support JSONata.
 */
class AwsLocalStepFunctionsComparisonTest {

  private static final String ACCOUNT_PREFIX = "arn:aws:states:us-east-1:000000000000:";

  @Test
  void everyCase_agreesWithAwsLocalStepFunctions_exceptDocumentedDivergences() throws Exception {
    ReferenceEngine ref;
    try {
      ref = ReferenceEngine.prepare();
    } catch (ReferenceEngine.Unavailable e) {
      System.out.println("[sfn] aws-local-stepfunctions comparison skipped: " + e.getMessage());
      Assumptions.abort("aws-local-stepfunctions not available: " + e.getMessage());
      return;
    }
    List<ConformanceCase> cases = ConformanceCase.all().stream().filter(c -> !c.usesJsonata()).toList();
    ArrayNode input = Json.NODES.arrayNode();
    Map<String, Map<String, String>> vars = new HashMap<>();
    for (ConformanceCase c : cases) {
      String smArn = ACCOUNT_PREFIX + "stateMachine:" + c.id();
      String execArn = ACCOUNT_PREFIX + "execution:" + c.id() + ":run";
      vars.put(c.id(), Map.of("executionArn", execArn, "executionName", "run", "stateMachineArn", smArn,
          "stateMachineName", c.id()));
      ObjectNode item = input.addObject();
      item.put("id", c.id());
      item.set("definition", c.definition());
      item.set("input", c.input());
      item.set("tasks", c.tasks());
      item.put("realWaits", c.referenceRealWaits());
      ObjectNode ctx = item.putObject("context");
      ctx.putObject("Execution").put("Id", execArn).put("Name", "run").<ObjectNode>set("Input", c.input())
          .put("StartTime", "2026-01-01T00:00:00.000Z").put("RoleArn", "arn:aws:iam::000000000000:role/test");
      ctx.putObject("StateMachine").put("Id", smArn).put("Name", c.id());
    }
    Files.writeString(ref.file("cases.json"), Json.write(input));
    ReferenceEngine.Result run = ref.node("run-cases.mjs", 120, "cases.json", "results.json");
    assertEquals(0, run.exitCode(), "run-cases.mjs failed: " + run.stderr());
    JsonNode results = Json.parse(Files.readString(ref.file("results.json")));

    Map<String, String> disagreements = new TreeMap<>();
    List<String> undocumented = new ArrayList<>();
    List<String> stale = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      ConformanceCase c = cases.get(i);
      JsonNode r = results.get(i);
      assertEquals(c.id(), r.get("id").asText());
      String problem = Expectations.check(c.expected(), r.get("status").asText(),
          r.has("output") ? r.get("output") : null, r.path("error").asText(null), r.path("cause").asText(null),
          vars.get(c.id()));
      if (problem != null) {
        disagreements.put(c.id(), problem);
        if (c.referenceDivergence() == null) {
          undocumented.add(c.id());
        }
      } else if (c.referenceDivergence() != null) {
        stale.add(c.id());
      }
    }
    StringBuilder report = new StringBuilder("[sfn] aws-local-stepfunctions comparison: ")
        .append(cases.size() - disagreements.size()).append(" of ").append(cases.size()).append(" cases agree\n");
    disagreements.forEach((id, p) -> report.append("  DISAGREES ").append(id).append(": reference gives ").append(p)
        .append(undocumented.contains(id) ? "  [UNDOCUMENTED]" : "").append('\n'));
    stale.forEach(id -> report.append("  note: documented divergence not observed any more: ").append(id).append('\n'));
    System.out.print(report);
    assertTrue(undocumented.isEmpty(), "Undocumented disagreements with aws-local-stepfunctions:\n" + report);
  }
}
