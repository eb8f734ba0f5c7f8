package dev.agentflow.core.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.agentflow.core.WorkflowCompiler;
import dev.agentflow.core.error.InvalidWorkflowException;
import dev.agentflow.core.json.Json;
import dev.agentflow.core.testing.NodeTools;
import dev.agentflow.core.testing.RandomWorkflows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Property and fuzz tests: random valid DAGs execute in an independent interpreter exactly as a reference
 * model of the join/skip/error semantics says; random malformed definitions are rejected with the error
 * envelope, never an exception; everything that compiles passes asl-validator.
 */
class CompilerPropertyTest {

    private static final int RANDOM_DAGS = 100;
    private static final int MUTANTS = 400;

    @Test
    void randomDags_shouldExecuteAsTheReferenceModelSays() {
        Random rnd = new Random(20261123L);
        List<RandomWorkflows.Case> cases = new ArrayList<>();
        for (int i = 0; i < RANDOM_DAGS; i++) {
            cases.add(RandomWorkflows.randomCase("dag" + i, rnd));
        }
        ArrayNode batch = Json.MAPPER.createArrayNode();
        ArrayNode toValidate = Json.MAPPER.createArrayNode();
        for (RandomWorkflows.Case c : cases) {
            ObjectNode asl = WorkflowCompiler.compile(c.workflow(), CompileOptions.NONE).stateMachine();
            ObjectNode item = batch.addObject();
            item.put("name", c.name());
            item.set("definition", asl);
            item.set("input", Json.parse("{\"n\": " + c.n() + "}"));
            item.set("behaviours", c.behaviours());
            toValidate.addObject().put("name", c.name()).set("definition", asl);
        }
        assertAllValid(NodeTools.validate(toValidate));
        List<JsonNode> results = NodeTools.execute(batch);
        for (int i = 0; i < cases.size(); i++) {
            check(cases.get(i), results.get(i));
        }
    }

    private static void check(RandomWorkflows.Case c, JsonNode r) {
        String ctx = c.name() + " " + Json.write(c.workflow().get("definition")) + " behaviours " + c.behaviours() + " -> " + r;
        if (c.expectedError() != null) {
            assertEquals("FAILED", r.get("status").asText(), ctx);
            assertEquals(c.expectedError(), r.get("error").asText(), ctx);
            return;
        }
        assertEquals("SUCCEEDED", r.get("status").asText(), ctx);
        JsonNode nodes = r.get("output").get("nodes");
        assertEquals(c.expected().size(), nodes.size(), ctx);
        c.expected().forEach((id, status) -> {
            assertEquals(status, nodes.path(id).path("status").asText(), () -> "node " + id + " in " + ctx);
            boolean invoked = r.get("calls").has(id);
            boolean shouldInvoke = !status.equals("skipped") && !id.equals("s") && !id.equals("end") && !id.startsWith("c");
            if (!id.equals("end")) {
                assertEquals(shouldInvoke, invoked, () -> "invocation of " + id + " in " + ctx);
            }
            if (invoked) {
                assertEquals(1, r.get("calls").get(id).asInt(), () -> "runs once: " + id + " in " + ctx);
            }
            JsonNode seen = nodes.path(id).path("metadata").path("seen");
            if (status.equals("completed") && !seen.isMissingNode()) {
                for (String p : c.preds().get(id)) {
                    assertTrue(seen.has(p), () -> id + " ran before predecessor " + p + " finished: " + ctx);
                }
            }
        });
    }

    @Test
    void malformedDefinitions_shouldBeRejectedWithTheEnvelopeOrCompileToValidAsl() throws Exception {
        Random rnd = new Random(42);
        List<JsonNode> seeds = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("../../events/workflows"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                seeds.add(Json.parse(Files.readString(p)));
            }
        }
        assertTrue(seeds.size() >= 4);
        ArrayNode compiled = Json.MAPPER.createArrayNode();
        int rejected = 0;
        for (int i = 0; i < MUTANTS; i++) {
            JsonNode mutant = seeds.get(rnd.nextInt(seeds.size())).deepCopy();
            int mutations = 1 + rnd.nextInt(4);
            for (int m = 0; m < mutations; m++) {
                mutant = mutate(mutant, rnd);
            }
            try {
                WorkflowCompiler.Compiled c = WorkflowCompiler.compile(mutant, CompileOptions.NONE);
                compiled.addObject().put("name", "mutant" + i).set("definition", c.stateMachine());
            } catch (InvalidWorkflowException e) {
                rejected++;
                JsonNode env = e.envelope();
                assertEquals("INVALID_WORKFLOW_DEFINITION", env.at("/error/code").asText());
                assertTrue(env.at("/error/details").size() > 0);
                for (JsonNode d : env.at("/error/details")) {
                    assertTrue(d.hasNonNull("code") && d.hasNonNull("message"), d::toString);
                }
            } catch (RuntimeException e) {
                fail("mutant " + i + " threw " + e + " for " + mutant, e);
            }
        }
        System.out.printf("fuzz: %d mutants, %d rejected with the envelope, %d compiled%n", MUTANTS, rejected, compiled.size());
        assertTrue(rejected > MUTANTS / 4, "mutations should break most definitions");
        assertTrue(compiled.size() > 10, "some mutations keep definitions valid");
        assertAllValid(NodeTools.validate(compiled));
    }

    private static JsonNode mutate(JsonNode root, Random rnd) {
        List<JsonNode> containers = new ArrayList<>();
        collectContainers(root, containers);
        JsonNode target = containers.get(rnd.nextInt(containers.size()));
        List<JsonNode> junk = List.of(TextNode.valueOf("{{ nope.output }}"), TextNode.valueOf("node_1"),
                Json.MAPPER.getNodeFactory().numberNode(-1), Json.MAPPER.getNodeFactory().nullNode(),
                Json.object(), Json.MAPPER.createArrayNode(), TextNode.valueOf("start"), TextNode.valueOf("true"),
                TextNode.valueOf("{% if %}"), Json.MAPPER.getNodeFactory().booleanNode(true), TextNode.valueOf("error"),
                TextNode.valueOf("https://x.example/{{inputs.a}}"), TextNode.valueOf("a.$"));
        if (target.isObject()) {
            ObjectNode o = (ObjectNode) target;
            List<String> fields = new ArrayList<>();
            o.fieldNames().forEachRemaining(fields::add);
            int op = rnd.nextInt(3);
            if (op == 0 && !fields.isEmpty()) {
                o.remove(fields.get(rnd.nextInt(fields.size())));
            } else if (op == 1 && !fields.isEmpty()) {
                o.set(fields.get(rnd.nextInt(fields.size())), junk.get(rnd.nextInt(junk.size())));
            } else {
                String[] names = {"id", "type", "source", "target", "sourceHandle", "config", "url", "errorHandling", "a.$", "when"};
                o.set(names[rnd.nextInt(names.length)], junk.get(rnd.nextInt(junk.size())));
            }
        } else if (target.isArray()) {
            ArrayNode a = (ArrayNode) target;
            int op = rnd.nextInt(3);
            if (op == 0 && !a.isEmpty()) {
                a.remove(rnd.nextInt(a.size()));
            } else if (op == 1 && !a.isEmpty()) {
                a.add(a.get(rnd.nextInt(a.size())).deepCopy());
            } else {
                a.add(junk.get(rnd.nextInt(junk.size())));
            }
        }
        return root;
    }

    private static void collectContainers(JsonNode n, List<JsonNode> out) {
        if (n.isContainerNode()) {
            out.add(n);
            n.forEach(c -> collectContainers(c, out));
        }
    }

    static void assertAllValid(List<JsonNode> results) {
        for (JsonNode r : results) {
            assertTrue(r.get("isValid").asBoolean(), () -> "asl-validator rejected " + r.get("name") + ": " + r.get("errors"));
        }
    }
}
