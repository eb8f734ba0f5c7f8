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
import dev.agentflow.core.testing.WorkflowBuilder;
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

    private static final String FAIL = "dev.agentflow.core.error.HttpRequestFailed";
    private static final int RANDOM_DAGS = 100;
    private static final int MUTANTS = 400;

    /** A random workflow and what the reference model expects of it. */
    private record Case(String name, ObjectNode workflow, ObjectNode behaviours, int n,
                        Map<String, String> expected, String expectedError, Map<String, List<String>> preds) {
    }

    @Test
    void randomDags_shouldExecuteAsTheReferenceModelSays() {
        Random rnd = new Random(20261123L);
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < RANDOM_DAGS; i++) {
            cases.add(randomCase("dag" + i, rnd));
        }
        ArrayNode batch = Json.MAPPER.createArrayNode();
        ArrayNode toValidate = Json.MAPPER.createArrayNode();
        for (Case c : cases) {
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

    private static void check(Case c, JsonNode r) {
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

    /**
     * A random DAG: start "s", middle nodes "t<i>" (template Tasks with random errorHandling, some failing)
     * and "c<i>" (native conditions on inputs.n), end "end". The reference model follows the documented
     * semantics: a node runs when any incoming edge is active, else it is skipped.
     */
    private static Case randomCase(String name, Random rnd) {
        int middle = 1 + rnd.nextInt(14);
        List<String> ids = new ArrayList<>();
        ids.add("s");
        Map<String, String> type = new HashMap<>();
        Map<String, String> handling = new HashMap<>();
        Map<String, Integer> threshold = new HashMap<>();
        Set<String> failing = new HashSet<>();
        WorkflowBuilder wf = new WorkflowBuilder().start("s");
        for (int i = 0; i < middle; i++) {
            boolean cond = rnd.nextInt(10) < 3;
            String id = (cond ? "c" : "t") + i;
            ids.add(id);
            if (cond) {
                int th = rnd.nextInt(100);
                threshold.put(id, th);
                wf.condition(id, "inputs.n", th);
                type.put(id, "condition");
            } else {
                wf.task(id);
                type.put(id, "task");
                String h = List.of("stop", "continue", "fallback", "stop").get(rnd.nextInt(4));
                handling.put(id, h);
                wf.data(id, "errorHandling", "\"" + h + "\"");
                if (rnd.nextInt(100) < 15) {
                    failing.add(id);
                }
            }
        }
        wf.end("end");
        ids.add("end");
        type.put("s", "start");
        type.put("end", "end");
        record E(String s, String t, String kind) {
        }
        List<E> edges = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        java.util.function.Consumer<E> add = e -> {
            if (keys.add(e.s() + ">" + e.t() + ">" + e.kind())) {
                edges.add(e);
            }
        };
        for (int i = 1; i < ids.size() - 1; i++) {
            int k = 1 + rnd.nextInt(Math.min(3, i));
            for (int j = 0; j < k; j++) {
                String src = ids.get(rnd.nextInt(i));
                add.accept(new E(src, ids.get(i), kindFor(src, type, handling, rnd)));
            }
        }
        for (int i = 1; i < ids.size() - 1; i++) {
            String id = ids.get(i);
            List<String> later = ids.subList(i + 1, ids.size());
            if (type.get(id).equals("condition")) {
                for (String k : List.of("true", "false")) {
                    if (edges.stream().noneMatch(e -> e.s().equals(id) && e.kind().equals(k))) {
                        add.accept(new E(id, later.get(rnd.nextInt(later.size())), k));
                    }
                }
            }
            if (edges.stream().noneMatch(e -> e.s().equals(id))) {
                add.accept(new E(id, "end", type.get(id).equals("condition") ? "true" : "normal"));
            }
        }
        if (edges.stream().noneMatch(e -> e.s().equals("s"))) {
            add.accept(new E("s", "end", "normal"));
        }
        for (E e : edges) {
            wf.edge(e.s(), e.t(), e.kind().equals("normal") ? null : e.kind());
        }
        int n = rnd.nextInt(100);
        // reference model, in id order (a topological order by construction)
        Map<String, String> status = new HashMap<>();
        Map<String, List<String>> preds = new HashMap<>();
        String error = null;
        for (String id : ids) {
            preds.put(id, edges.stream().filter(e -> e.t().equals(id)).map(E::s).toList());
            if (id.equals("s")) {
                status.put(id, "completed");
                continue;
            }
            boolean active = false;
            for (E e : edges) {
                if (!e.t().equals(id)) {
                    continue;
                }
                String ss = status.get(e.s());
                boolean srcCondTrue = type.get(e.s()).equals("condition") && n > threshold.get(e.s());
                active |= switch (e.kind()) {
                    case "true" -> ss.equals("completed") && srcCondTrue;
                    case "false" -> ss.equals("completed") && !srcCondTrue;
                    case "error" -> ss.equals("failed");
                    default -> ss.equals("completed") || ss.equals("failed") && "continue".equals(handling.get(e.s()));
                };
            }
            if (!active) {
                status.put(id, "skipped");
            } else if (failing.contains(id)) {
                if (handling.get(id).equals("stop")) {
                    error = FAIL;
                    status.put(id, "failed");
                } else {
                    status.put(id, "failed");
                }
            } else {
                status.put(id, "completed");
            }
        }
        ObjectNode behaviours = Json.object();
        failing.forEach(id -> behaviours.putObject(id).put("fail", FAIL));
        return new Case(name, wf.json(), behaviours, n, status, error, preds);
    }

    private static String kindFor(String src, Map<String, String> type, Map<String, String> handling, Random rnd) {
        if (type.get(src).equals("condition")) {
            return rnd.nextBoolean() ? "true" : "false";
        }
        if ("fallback".equals(handling.get(src)) && rnd.nextInt(3) == 0) {
            return "error";
        }
        return "normal";
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
