package dev.agentflow.core.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.core.WorkflowCompiler;
import dev.agentflow.core.json.Json;
import dev.agentflow.core.testing.NodeTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every sample in events/workflows compiles, passes asl-validator and runs in an independent interpreter. */
class SampleWorkflowsTest {

    static final Path SAMPLES = Path.of("../../events/workflows");

    static List<Path> samples() throws Exception {
        try (Stream<Path> files = Files.list(SAMPLES)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    @Test
    void everySample_shouldCompileToValidAsl() throws Exception {
        List<Path> files = samples();
        assertTrue(files.size() >= 4, "at least four samples: " + files);
        ArrayNode cases = Json.MAPPER.createArrayNode();
        for (Path f : files) {
            ObjectNode asl = WorkflowCompiler.compile(Json.parse(Files.readString(f)), CompileOptions.NONE).stateMachine();
            cases.addObject().put("name", f.getFileName().toString()).set("definition", asl);
        }
        CompilerPropertyTest.assertAllValid(NodeTools.validate(cases));
    }

    private static JsonNode run(String sample, String input, String behaviours) throws Exception {
        ArrayNode cases = Json.MAPPER.createArrayNode();
        ObjectNode c = cases.addObject();
        c.put("name", sample);
        c.set("definition", WorkflowCompiler.compile(Json.parse(Files.readString(SAMPLES.resolve(sample))),
                CompileOptions.NONE).stateMachine());
        c.set("input", Json.parse(input));
        c.set("behaviours", Json.parse(behaviours));
        JsonNode r = NodeTools.execute(cases).get(0);
        assertEquals("SUCCEEDED", r.get("status").asText(), r::toString);
        return r.get("output");
    }

    @Test
    void weatherSummary_shouldReturnTheLlmText() throws Exception {
        JsonNode out = run("weather-summary.json", "{\"city\": \"Beijing\"}", """
                {"node_2": {"output": {"statusCode": 200, "body": {"temperature": 15, "weather": "sunny"}}},
                 "node_3": {"output": {"text": "Sunny and 15 degrees in Beijing."}}}""");
        assertEquals("Sunny and 15 degrees in Beijing.", out.at("/outputs/result").asText());
    }

    @Test
    void temperatureAlert_shouldTakeTheBranchTheTemperatureSelects() throws Exception {
        String hot = "{\"weather\": {\"output\": {\"statusCode\": 200, \"body\": {\"temperature\": 35}}}}";
        JsonNode h = run("temperature-alert.json", "{\"city\": \"Dubai\"}", hot);
        assertEquals("completed", h.at("/nodes/alert/status").asText());
        assertEquals("skipped", h.at("/nodes/normal/status").asText());
        String mild = "{\"weather\": {\"output\": {\"statusCode\": 200, \"body\": {\"temperature\": 18}}}}";
        JsonNode m = run("temperature-alert.json", "{\"city\": \"Oslo\"}", mild);
        assertEquals("skipped", m.at("/nodes/alert/status").asText());
        assertEquals("completed", m.at("/nodes/normal/status").asText());
    }

    @Test
    void researchDigest_shouldFanOutAndContinuePastAFailedSource() throws Exception {
        JsonNode out = run("research-digest.json", "{\"topic\": \"fusion\"}", """
                {"papers": {"fail": "dev.agentflow.core.error.HttpRequestFailed"},
                 "summary": {"output": {"text": "five lines"}}, "digest": {"output": {"text": "the digest"}}}""");
        assertEquals("failed", out.at("/nodes/papers/status").asText());
        assertEquals("completed", out.at("/nodes/digest/status").asText());
        assertEquals("five lines", out.at("/outputs/summary").asText());
        assertEquals("the digest", out.at("/outputs/digest").asText());
    }

    @Test
    void productSelection_shouldStopEarlyBelowOneHundredProducts() throws Exception {
        JsonNode few = run("product-selection.json", "{\"limit\": 50}", "{\"count\": {\"output\": {\"product_count\": 40}}}");
        assertEquals("skipped", few.at("/nodes/process_images/status").asText());
        assertEquals("skipped", few.at("/nodes/export_results/status").asText());
        assertEquals("completed", few.at("/nodes/end/status").asText());
        JsonNode many = run("product-selection.json", "{\"limit\": 500}", "{\"count\": {\"output\": {\"product_count\": 420}}}");
        assertEquals("completed", many.at("/nodes/export_results/status").asText());
    }
}
