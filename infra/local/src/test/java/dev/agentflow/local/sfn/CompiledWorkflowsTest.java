package dev.agentflow.local.sfn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.core.WorkflowCompiler;
import dev.agentflow.core.compiler.CompileOptions;
import dev.agentflow.local.sfn.data.Json;
import dev.agentflow.local.sfn.support.Sfn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Everything the AgentFlow compiler emits runs here: each sample workflow of events/workflows is compiled by
 * {@link WorkflowCompiler}, its function-ARN placeholders filled in (as CloudFormation's DefinitionSubstitutions
 * would), created and executed with fake node Lambdas (an http node answers 35 °C).
 */
class CompiledWorkflowsTest {

  private static StepFunctionsService service;
  private static Sfn sfn;

  /** A node Lambda stand-in: answers by node type in the lambda:invoke result shape. */
  static final TaskHandler FAKE_NODES = (resource, input, ctx) -> {
    JsonNode node = input.path("Payload").path("node");
    ObjectNode output = Json.object();
    switch (node.path("type").asText()) {
      case "http" -> output.put("statusCode", 200).putObject("body").put("temperature", 35);
      case "condition" -> output.put("result", true);
      default -> output.put("text", node.path("type").asText() + " of " + node.path("id").asText());
    }
    ObjectNode payload = Json.object();
    payload.set("output", output);
    payload.putObject("metadata").put("durationMs", 1);
    ObjectNode result = Json.object().put("ExecutedVersion", "$LATEST").put("StatusCode", 200);
    result.set("Payload", payload);
    return result;
  };

  @BeforeAll
  static void start() {
    service = new StepFunctionsService(FAKE_NODES, null, SfnOptions.defaults().withTimeScale(0.01));
    sfn = new Sfn(service);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  static List<Path> samples() throws IOException {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("events/workflows"))) {
      dir = dir.getParent();
    }
    Assumptions.assumeTrue(dir != null, "events/workflows not found above " + Path.of("").toAbsolutePath());
    try (Stream<Path> files = Files.list(dir.resolve("events/workflows"))) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void sampleWorkflow_compiled_runsToSuccess(Path sample) throws Exception {
    JsonNode workflow = Json.parse(Files.readString(sample));
    String asl = Json.write(WorkflowCompiler.compile(workflow, CompileOptions.NONE).stateMachine())
        .replaceAll("\\$\\{(\\w+)}", "arn:aws:lambda:us-east-1:000000000000:function:$1");
    String name = sample.getFileName().toString().replace(".json", "");
    String sm = sfn.create(name, asl);

    JsonNode d = sfn.await(sfn.start(sm, "run", "{\"city\":\"Berlin\",\"topic\":\"weather\"}"), 10_000);

    assertEquals("SUCCEEDED", d.get("status").asText(), () -> name + ": " + d);
    JsonNode output = Json.parse(d.get("output").asText());
    assertTrue(output.has("nodes"), () -> name + ": " + output);
    if (name.equals("temperature-alert")) {
      assertEquals("completed", output.get("nodes").get("alert").get("status").asText(), output::toString);
      assertEquals("skipped", output.get("nodes").get("normal").get("status").asText(), output::toString);
    }
  }
}
