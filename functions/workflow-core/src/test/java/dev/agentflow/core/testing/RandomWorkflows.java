package dev.agentflow.core.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.core.json.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Random workflows with the outcome a reference model of AgentFlow's execution semantics predicts, shared
 * by the compiler's tests (run in aws-local-stepfunctions) and the local cloud's tests (run in its own
 * Step Functions engine).
 */
public final class RandomWorkflows {

    /** The error name failing nodes throw. */
    public static final String FAIL = "dev.agentflow.core.error.HttpRequestFailed";

    private RandomWorkflows() {
    }

    /**
     * A random workflow and what the reference model expects of it.
     *
     * @param name          case name
     * @param workflow      the workflow JSON
     * @param behaviours    fake handler behaviours by node id ({@code {"fail": error}})
     * @param n             the value of {@code inputs.n}
     * @param expected      expected status by node id
     * @param expectedError the error the execution fails with, or null when it succeeds
     * @param preds         predecessors by node id
     */
    public record Case(String name, ObjectNode workflow, ObjectNode behaviours, int n,
                       Map<String, String> expected, String expectedError, Map<String, List<String>> preds) {
    }

    /**
     * A random DAG: start "s", middle nodes "t<i>" (template Tasks with random errorHandling, some failing)
     * and "c<i>" (native conditions on inputs.n), end "end". The reference model follows the documented
     * semantics: a node runs when any incoming edge is active, else it is skipped.
     */
    public static Case randomCase(String name, Random rnd) {
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

}
