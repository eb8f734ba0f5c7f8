package dev.agentflow.core.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.core.WorkflowCompiler;
import dev.agentflow.core.compiler.CompileOptions;
import dev.agentflow.core.json.Json;
import dev.agentflow.core.testing.WorkflowBuilder;
import java.util.Arrays;
import java.util.Random;

/**
 * Compile-time benchmark (issue 2): parse + validate + compile of 10, 100 and 1,000-node workflows, printed
 * as a markdown table. Not a test; run with
 * {@code mvn -q -pl functions/workflow-core exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.agentflow.core.bench.CompilerBenchmark}.
 *
 * <p>Workflows are random layered DAGs (fan-out up to 4, joins, one condition in ten nodes, some
 * cross-layer edges that make regions non-series-parallel), generated with a fixed seed. Each size is
 * warmed up, then timed over repeated runs; the median and p95 are reported in milliseconds.
 */
public final class CompilerBenchmark {

    private CompilerBenchmark() {
    }

    /** Entry point; prints the table on stdout. */
    public static void main(String[] args) {
        int[] sizes = {10, 100, 1000};
        System.out.println("| nodes | edges | states | median ms | p95 ms | runs |");
        System.out.println("| ---: | ---: | ---: | ---: | ---: | ---: |");
        for (int n : sizes) {
            ObjectNode wf = layered(n, new Random(n));
            String text = Json.write(wf);
            int runs = n >= 1000 ? 100 : 400;
            for (int i = 0; i < runs; i++) {
                WorkflowCompiler.compile(Json.parse(text), CompileOptions.NONE);
            }
            double[] ms = new double[runs];
            int states = 0;
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                ObjectNode asl = WorkflowCompiler.compile(Json.parse(text), CompileOptions.NONE).stateMachine();
                ms[i] = (System.nanoTime() - t0) / 1e6;
                states = countStates(asl);
            }
            Arrays.sort(ms);
            System.out.printf("| %d | %d | %d | %.2f | %.2f | %d |%n", n, wf.at("/definition/edges").size(), states,
                    ms[runs / 2], ms[(int) (runs * 0.95)], runs);
        }
    }

    private static int countStates(ObjectNode asl) {
        int[] count = {0};
        countIn(asl.get("States"), count);
        return count[0];
    }

    private static void countIn(com.fasterxml.jackson.databind.JsonNode states, int[] count) {
        states.forEach(s -> {
            count[0]++;
            s.path("Branches").forEach(b -> countIn(b.get("States"), count));
        });
    }

    /** A random layered DAG of n nodes (start and end included). */
    static ObjectNode layered(int n, Random rnd) {
        WorkflowBuilder wf = new WorkflowBuilder().start("s");
        String[] ids = new String[n];
        ids[0] = "s";
        int[] layer = new int[n];
        int current = 1;
        int inLayer = 0;
        int width = 1 + rnd.nextInt(4);
        for (int i = 1; i < n - 1; i++) {
            if (inLayer == width) {
                current++;
                inLayer = 0;
                width = 1 + rnd.nextInt(4);
            }
            layer[i] = current;
            inLayer++;
            boolean cond = i % 10 == 5;
            ids[i] = (cond ? "c" : "n") + i;
            if (cond) {
                wf.condition(ids[i], "inputs.x", i);
            } else {
                wf.node(ids[i], "template", "{\"template\": \"node " + i + " of {{ inputs.x }}\"}");
            }
        }
        ids[n - 1] = "end";
        wf.end("end");
        boolean[] hasOut = new boolean[n];
        boolean[] condTrue = new boolean[n];
        boolean[] condFalse = new boolean[n];
        for (int i = 1; i < n - 1; i++) {
            int prevLayer = layer[i] - 1;
            int from = 0;
            for (int j = i - 1; j >= 0; j--) {
                if (layer[j] == prevLayer) {
                    from = j;
                    if (rnd.nextBoolean()) {
                        break;
                    }
                }
            }
            connect(wf, ids, from, i, hasOut, condTrue, condFalse);
            if (rnd.nextInt(4) == 0 && i > 2) {
                int cross = rnd.nextInt(i - 1) + 1;
                if (layer[cross] < layer[i]) {
                    connect(wf, ids, cross, i, hasOut, condTrue, condFalse);
                }
            }
        }
        for (int i = 0; i < n - 1; i++) {
            boolean isCond = ids[i].startsWith("c");
            if (isCond && !condTrue[i]) {
                wf.edge(ids[i], "end", "true");
            }
            if (isCond && !condFalse[i]) {
                wf.edge(ids[i], "end", "false");
            }
            if (!isCond && !hasOut[i]) {
                wf.edge(ids[i], "end");
            }
        }
        return wf.json();
    }

    private static void connect(WorkflowBuilder wf, String[] ids, int from, int to, boolean[] hasOut,
                                boolean[] condTrue, boolean[] condFalse) {
        if (ids[from].startsWith("c")) {
            boolean t = !condTrue[from];
            wf.edge(ids[from], ids[to], t ? "true" : "false");
            if (t) {
                condTrue[from] = true;
            } else {
                condFalse[from] = true;
            }
        } else {
            wf.edge(ids[from], ids[to]);
        }
        hasOut[from] = true;
    }
}
