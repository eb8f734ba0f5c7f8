package dev.agentflow.shared.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.core.json.Json;
import dev.agentflow.shared.testing.DynamoDbLocal;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LargeOutputTest {

    private DynamoDbLargeOutputStore store;
    private OutputOffloader offloader;
    private OutputResolver resolver;

    @BeforeEach
    void setUp() {
        String table = DynamoDbLocal.freshTables().get("ExecutionsTable");
        store = new DynamoDbLargeOutputStore(DynamoDbLocal.client(), table, Clock.systemUTC(), Duration.ofDays(1));
        offloader = new OutputOffloader(store, 200_000, 200_000);
        resolver = new OutputResolver(store);
    }

    /** Random text compresses badly, so it really spans several chunks. */
    private static JsonNode bigOutput(int chars) {
        Random random = new Random(42);
        StringBuilder sb = new StringBuilder(chars);
        for (int i = 0; i < chars; i++) {
            sb.append((char) ('a' + random.nextInt(26)));
        }
        ObjectNode output = Json.object();
        output.put("statusCode", 200);
        output.put("body", sb.toString());
        return output;
    }

    @Test
    void apply_whenSmall_shouldKeepTheOutputInline() {
        JsonNode output = Json.parse("{\"text\":\"short\"}");

        assertSame(output, offloader.apply("exec_1", "node_2", output, 1_000));
    }

    @Test
    void apply_whenLarge_shouldStoreAsideAndResolveBackExactly() {
        JsonNode output = bigOutput(1_200_000);

        JsonNode carried = offloader.apply("exec_1", "node_2", output, 1_000);

        assertEquals("agentflow:output:exec_1:node_2", carried.path("$ref").asText());
        assertTrue(carried.path("preview").asText().startsWith("{\"statusCode\":200"));
        assertTrue(Json.write(carried).length() < 2_000);
        assertEquals(output, resolver.resolve(carried));
    }

    @Test
    void apply_whenStateAlmostFull_shouldStoreEvenAModestOutput() {
        JsonNode output = bigOutput(50_000);

        JsonNode carried = offloader.apply("exec_1", "node_5", output, 180_000);

        assertTrue(OutputReference.from(carried).isPresent());
    }

    @Test
    void resolveState_shouldReplaceOnlyWantedReferences() {
        JsonNode output = bigOutput(300_000);
        JsonNode ref = offloader.apply("exec_1", "node_2", output, 0);
        ObjectNode state = (ObjectNode) Json.parse("{\"inputs\":{\"city\":\"Paris\"},\"nodes\":{}}");
        ((ObjectNode) state.get("nodes")).putObject("node_2").put("status", "completed").set("output", ref);
        ((ObjectNode) state.get("nodes")).putObject("node_3").put("status", "completed").set("output", ref);

        ObjectNode resolved = resolver.resolveState(state, id -> id.equals("node_2"));

        assertEquals(output, resolved.path("nodes").path("node_2").path("output"));
        assertEquals(ref, resolved.path("nodes").path("node_3").path("output"));
        assertEquals(ref, state.path("nodes").path("node_2").path("output"), "the input state is not modified");
    }

    @Test
    void resolve_whenNothingStored_shouldFailNamingTheReference() {
        JsonNode dangling = new OutputReference("exec_x", "node_9").toJson("…", 1);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> resolver.resolve(dangling));
        assertTrue(e.getMessage().contains("agentflow:output:exec_x:node_9"));
    }

    @Test
    void parse_shouldSplitAtTheFirstColon() {
        OutputReference ref = OutputReference.parse("agentflow:output:exec-1:node:with:colons").orElseThrow();
        assertEquals("exec-1", ref.executionId());
        assertEquals("node:with:colons", ref.nodeId());
        assertTrue(OutputReference.parse("https://example.com").isEmpty());
    }
}
