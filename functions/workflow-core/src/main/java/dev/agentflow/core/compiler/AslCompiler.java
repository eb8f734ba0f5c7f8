package dev.agentflow.core.compiler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.core.error.ErrorCode;
import dev.agentflow.core.graph.WorkflowGraph;
import dev.agentflow.core.json.Json;
import dev.agentflow.core.model.Edge;
import dev.agentflow.core.model.ErrorHandling;
import dev.agentflow.core.model.Node;
import dev.agentflow.core.model.NodeType;
import dev.agentflow.core.model.RetryPolicy;
import dev.agentflow.core.model.Settings;
import dev.agentflow.core.model.WorkflowDefinition;
import dev.agentflow.core.template.TemplateReferences;
import dev.agentflow.core.validation.WorkflowValidator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * Compiles a validated workflow definition to an Amazon States Language state machine (JSONPath query
 * language). A pure function: no AWS, no I/O.
 *
 * <p>The state document every state reads and writes is
 * {@code {"execution": {id, arn, startTime, workflowId?, userId?}, "inputs": …, "nodes": {"<id>":
 * {"status": "completed" | "failed" | "skipped", "output": …, "metadata": …, "error": …}}}}; the execution
 * input is the workflow's inputs object. The execution output is {@code {"outputs": <end node output>,
 * "nodes": {…}}}.
 *
 * <ul>
 *   <li>start, end: Pass states (end falls back to the transform Lambda when its outputs need
 *       rendering beyond plain references); condition: a Choice state with two Pass states recording
 *       {@code {result: true|false}} (or the transform Lambda, see {@link ChoiceRules}).</li>
 *   <li>llm, http, template, variable: Task states on {@code arn:aws:states:::lambda:invoke} whose
 *       {@code FunctionName} is a {@code ${Node…FunctionArn}} placeholder (DefinitionSubstitutions
 *       style), with {@code Retry} from the retry policy (ASL spec: Retry, BackoffRate 2), {@code Catch}
 *       for errorHandling continue / fallback (stop lets the execution fail) and {@code TimeoutSeconds}.</li>
 *   <li>The graph is cut into sequences and Parallel states by {@link GraphDecomposer}; after a Parallel
 *       state, Pass states merge the branches' node records with {@code States.JsonMerge}.</li>
 *   <li>A node that may not run (behind a condition, a fallback, or a skipped node) gets a guard Choice:
 *       it runs when any incoming edge is active and is recorded {@code skipped} otherwise, so a node with
 *       several incoming edges runs once, after all its predecessors finished or were skipped
 *       (dead-path elimination).</li>
 * </ul>
 */
public final class AslCompiler {

    /** The Lambda invoke service integration (Step Functions developer guide: Invoke Lambda). */
    public static final String LAMBDA_INVOKE = "arn:aws:states:::lambda:invoke";
    /** Lambda service errors worth retrying regardless of the node's policy (Step Functions best practice). */
    public static final List<String> LAMBDA_TRANSIENT_ERRORS = List.of("Lambda.ServiceException",
            "Lambda.AWSLambdaException", "Lambda.SdkClientException", "Lambda.TooManyRequestsException");
    /** Largest Task timeout: the Lambda limit. */
    public static final int MAX_NODE_TIMEOUT_SECONDS = 900;
    /** Most branch results merged by one Pass state (keeps intrinsic nesting shallow). */
    static final int MERGE_FAN_IN = 8;

    private final WorkflowDefinition def;
    private final CompileOptions options;
    private final WorkflowGraph graph;
    private final boolean[] alwaysRuns;
    private final boolean[] alwaysCompletes;
    /** Per node: its native Choice rule when it is a condition that compiles natively, else null. */
    private final ObjectNode[] nativeRule;
    private final boolean[] failsQuietly;
    private int parallelCount;

    private AslCompiler(WorkflowDefinition def, CompileOptions options) {
        this.def = def;
        this.options = options;
        this.graph = new WorkflowGraph(def);
        this.alwaysRuns = new boolean[graph.size()];
        this.alwaysCompletes = new boolean[graph.size()];
        this.nativeRule = new ObjectNode[graph.size()];
        this.failsQuietly = new boolean[graph.size()];
        for (int v = 0; v < graph.size(); v++) {
            Node n = graph.node(v);
            if (n.type() == NodeType.CONDITION) {
                nativeRule[v] = ChoiceRules.compile(n.config()).orElse(null);
            }
            boolean task = switch (n.type()) {
                case START, END -> false; // an end Task failing is not caught: see handling()
                case CONDITION -> nativeRule[v] == null;
                default -> true;
            };
            failsQuietly[v] = task && handling(v) != ErrorHandling.STOP;
        }
        for (int v : graph.topologicalOrder()) {
            Node n = graph.node(v);
            boolean runs = n.type() == NodeType.START;
            for (Edge e : graph.incoming(v)) {
                int s = graph.indexOf(e.source());
                if (alwaysRuns[s] && e.kind() == Edge.Kind.NORMAL && (!canFailQuietly(s) || handling(s) == ErrorHandling.CONTINUE)) {
                    runs = true;
                    break;
                }
            }
            alwaysRuns[v] = runs;
            alwaysCompletes[v] = runs && !canFailQuietly(v);
        }
    }

    /**
     * Compiles a definition that {@link WorkflowValidator} accepted.
     *
     * @return the ASL document: {@code {Comment, StartAt, States, TimeoutSeconds}}
     * @throws IllegalArgumentException when the definition has a cycle (validate first)
     */
    public static ObjectNode compile(WorkflowDefinition definition, CompileOptions options) {
        return new AslCompiler(definition, options).compile();
    }

    private ObjectNode compile() {
        if (!graph.isAcyclic()) {
            throw new IllegalArgumentException("definition has a cycle; validate it first");
        }
        ObjectNode asl = Json.object();
        asl.put("Comment", "AgentFlow workflow" + (options.workflowId() != null ? " " + options.workflowId() : "")
                + ": compiled from " + graph.size() + " nodes");
        ObjectNode states = Json.object();
        Block root = new GraphDecomposer(graph).decompose();
        String finish = emitFinish(states);
        String start = emit(root, states, finish);
        asl.put("StartAt", start);
        asl.set("States", reorder(states, start));
        Integer timeout = def.settings().timeoutSeconds();
        asl.put("TimeoutSeconds", timeout != null ? timeout : Settings.DEFAULT_TIMEOUT_SECONDS);
        return asl;
    }

    /** States were emitted back to front; list them front to back for people reading the ASL. */
    private static ObjectNode reorder(ObjectNode states, String start) {
        List<String> names = new ArrayList<>();
        states.fieldNames().forEachRemaining(names::add);
        ObjectNode ordered = Json.object();
        for (int i = names.size() - 1; i >= 0; i--) {
            ordered.set(names.get(i), states.get(names.get(i)));
        }
        return ordered;
    }

    // ---- blocks -------------------------------------------------------------------------------------

    /** Emits a block into a scope; returns its entry state. {@code next} null means the block ends the scope. */
    private String emit(Block block, ObjectNode states, String next) {
        if (block instanceof Block.NodeBlock nb) {
            return emitNode(nb.node(), states, next);
        }
        if (block instanceof Block.Sequence seq) {
            String entry = next;
            for (int i = seq.blocks().size() - 1; i >= 0; i--) {
                entry = emit(seq.blocks().get(i), states, entry);
            }
            return entry;
        }
        return emitParallel((Block.Parallel) block, states, next);
    }

    private String emitParallel(Block.Parallel par, ObjectNode states, String next) {
        int k = ++parallelCount;
        int branchCount = par.branches().size();
        // merge chain, back to front
        int chunks = (branchCount + MERGE_FAN_IN - 1) / MERGE_FAN_IN;
        String after = next;
        for (int c = chunks - 1; c >= 0; c--) {
            String name = chunks == 1 ? "Merge " + k : "Merge " + k + "." + (c + 1);
            ObjectNode pass = states.putObject(name);
            pass.put("Type", "Pass");
            pass.put("Comment", "Merges the node records of Parallel " + k + "'s branches");
            ObjectNode params = pass.putObject("Parameters");
            params.put("execution.$", "$.execution");
            params.put("inputs.$", "$.inputs");
            String expr = "$.nodes";
            for (int b = c * MERGE_FAN_IN; b < Math.min(branchCount, (c + 1) * MERGE_FAN_IN); b++) {
                expr = "States.JsonMerge(" + expr + ", $.branches[" + b + "], false)";
            }
            params.put("nodes.$", expr);
            if (c < chunks - 1) {
                params.put("branches.$", "$.branches");
            }
            link(pass, after);
            after = name;
        }
        String parallelName = "Parallel " + k;
        ObjectNode parallel = Json.object();
        parallel.put("Type", "Parallel");
        ArrayNode branches = parallel.putArray("Branches");
        for (int b = 0; b < branchCount; b++) {
            Block branch = par.branches().get(b);
            ObjectNode scope = Json.object();
            String collect = "Collect " + k + "." + (b + 1);
            ObjectNode collectState = scope.putObject(collect);
            collectState.put("Type", "Pass");
            collectState.put("Comment", "Returns this branch's node records");
            ObjectNode params = collectState.putObject("Parameters");
            for (int v : branch.members()) {
                String id = graph.node(v).id();
                params.put(id + ".$", "$.nodes." + id);
            }
            collectState.put("End", true);
            String entry = emit(branch, scope, collect);
            ObjectNode branchNode = branches.addObject();
            branchNode.put("StartAt", entry);
            branchNode.set("States", reorder(scope, entry));
        }
        parallel.put("ResultPath", "$.branches");
        parallel.put("Next", after);
        states.set(parallelName, parallel);
        return parallelName;
    }

    // ---- nodes --------------------------------------------------------------------------------------

    private String emitNode(int v, ObjectNode states, String next) {
        Node n = graph.node(v);
        String entry = switch (n.type()) {
            case START -> emitStart(n, states, next);
            case CONDITION -> {
                yield nativeRule[v] != null ? emitChoice(n, nativeRule[v], states, next) : emitTask(v, states, next);
            }
            case END -> {
                Optional<ObjectNode> outputs = nativeEndOutputs(v);
                yield outputs.isPresent() ? emitEndPass(n, outputs.get(), states, next) : emitTask(v, states, next);
            }
            default -> emitTask(v, states, next);
        };
        if (alwaysRuns[v]) {
            return entry;
        }
        String skipped = n.id() + " (skipped)";
        ObjectNode skip = states.putObject(skipped);
        skip.put("Type", "Pass");
        skip.putObject("Result").put("status", "skipped");
        skip.put("ResultPath", "$.nodes." + n.id());
        link(skip, next);
        String guardName = n.id() + " (guard)";
        ObjectNode guard = states.putObject(guardName);
        guard.put("Type", "Choice");
        guard.put("Comment", "Runs " + n.id() + " when one of its incoming edges is active, else records it skipped");
        ObjectNode rule = guardRule(v);
        rule.put("Next", entry);
        guard.putArray("Choices").add(rule);
        guard.put("Default", skipped);
        return guardName;
    }

    private String emitStart(Node n, ObjectNode states, String next) {
        ObjectNode pass = states.putObject(n.id());
        pass.put("Type", "Pass");
        pass.put("Comment", "start: the execution input becomes the workflow inputs");
        ObjectNode params = pass.putObject("Parameters");
        ObjectNode exec = params.putObject("execution");
        exec.put("id.$", "$$.Execution.Name");
        exec.put("arn.$", "$$.Execution.Id");
        exec.put("startTime.$", "$$.Execution.StartTime");
        if (options.workflowId() != null) {
            exec.put("workflowId", options.workflowId());
        }
        if (options.userId() != null) {
            exec.put("userId", options.userId());
        }
        params.put("inputs.$", "$");
        ObjectNode record = params.putObject("nodes").putObject(n.id());
        record.put("status", "completed");
        record.put("output.$", "$");
        link(pass, next);
        return n.id();
    }

    private String emitChoice(Node n, ObjectNode rule, ObjectNode states, String next) {
        for (boolean outcome : new boolean[] {true, false}) {
            ObjectNode pass = states.putObject(n.id() + " (" + outcome + ")");
            pass.put("Type", "Pass");
            ObjectNode result = pass.putObject("Result");
            result.put("status", "completed");
            result.putObject("output").put("result", outcome);
            pass.put("ResultPath", "$.nodes." + n.id());
            link(pass, next);
        }
        ObjectNode choice = states.putObject(n.id());
        choice.put("Type", "Choice");
        choice.put("Comment", "condition: " + n.label());
        ObjectNode first = rule.deepCopy();
        first.put("Next", n.id() + " (true)");
        choice.putArray("Choices").add(first);
        choice.put("Default", n.id() + " (false)");
        return n.id();
    }

    private String emitEndPass(Node n, ObjectNode outputParams, ObjectNode states, String next) {
        ObjectNode pass = states.putObject(n.id());
        pass.put("Type", "Pass");
        pass.put("Comment", "end: collects the workflow outputs");
        ObjectNode params = pass.putObject("Parameters");
        params.put("status", "completed");
        params.set("output", outputParams);
        pass.put("ResultPath", "$.nodes." + n.id());
        link(pass, next);
        return n.id();
    }

    private String emitTask(int v, ObjectNode states, String next) {
        Node n = graph.node(v);
        ErrorHandling handling = handling(v);
        String name = n.id();
        ObjectNode task = Json.object();
        task.put("Type", "Task");
        task.put("Comment", n.typeName() + ": " + n.label());
        task.put("Resource", LAMBDA_INVOKE);
        ObjectNode params = task.putObject("Parameters");
        params.put("FunctionName", "${" + n.type().functionPlaceholder() + "}");
        ObjectNode payload = params.putObject("Payload");
        payload.put("execution.$", "$.execution");
        ObjectNode node = payload.putObject("node");
        node.put("id", n.id());
        node.put("type", n.typeName());
        node.put("label", n.label());
        node.set("config", n.config().deepCopy());
        int timeout = timeoutSeconds(n);
        node.put("timeoutSeconds", timeout);
        node.put("errorHandling", handling.wireName());
        if (n.type() == NodeType.END) {
            ArrayNode preds = node.putArray("predecessors");
            graph.incoming(v).forEach(e -> preds.add(e.source()));
        }
        ObjectNode state = payload.putObject("state");
        state.put("inputs.$", "$.inputs");
        state.put("nodes.$", "$.nodes");
        ObjectNode selector = task.putObject("ResultSelector");
        selector.put("status", "completed");
        selector.put("output.$", "$.Payload.output");
        selector.put("metadata.$", "$.Payload.metadata");
        task.put("ResultPath", "$.nodes." + n.id());
        task.put("TimeoutSeconds", timeout);
        task.set("Retry", retry(retryPolicy(n)));
        if (handling != ErrorHandling.STOP) {
            String failed = n.id() + " (failed)";
            ObjectNode catcher = task.putArray("Catch").addObject();
            catcher.putArray("ErrorEquals").add("States.ALL");
            catcher.put("ResultPath", "$.nodes." + n.id());
            catcher.put("Next", failed);
            ObjectNode record = states.putObject(failed);
            record.put("Type", "Pass");
            record.put("Comment", "Records the failure; errorHandling " + handling.wireName());
            ObjectNode p = record.putObject("Parameters");
            p.put("status", "failed");
            p.put("error.$", "$.nodes." + n.id());
            record.put("ResultPath", "$.nodes." + n.id());
            link(record, next);
        }
        link(task, next);
        states.set(name, task);
        return name;
    }

    private static ArrayNode retry(RetryPolicy policy) {
        ArrayNode retry = Json.MAPPER.createArrayNode();
        ObjectNode lambda = retry.addObject();
        ArrayNode errors = lambda.putArray("ErrorEquals");
        LAMBDA_TRANSIENT_ERRORS.forEach(errors::add);
        lambda.put("IntervalSeconds", 1);
        lambda.put("MaxAttempts", 3);
        lambda.put("BackoffRate", 2.0);
        if (policy.maxRetries() > 0) {
            ObjectNode never = retry.addObject();
            ArrayNode fatal = never.putArray("ErrorEquals");
            Arrays.stream(ErrorCode.values())
                    .filter(c -> c.errorName() != null && !c.retryable())
                    .forEach(c -> fatal.add(c.errorName()));
            never.put("MaxAttempts", 0);
            ObjectNode all = retry.addObject();
            all.putArray("ErrorEquals").add("States.ALL");
            all.put("IntervalSeconds", (int) Math.max(1, (policy.backoffMs() + 999) / 1000));
            all.put("MaxAttempts", policy.maxRetries());
            all.put("BackoffRate", 2.0);
        }
        return retry;
    }

    // ---- finish -------------------------------------------------------------------------------------

    private String emitFinish(ObjectNode states) {
        List<Integer> ends = new ArrayList<>();
        for (int v = 0; v < graph.size(); v++) {
            if (graph.node(v).type() == NodeType.END) {
                ends.add(v);
            }
        }
        for (int e : ends) {
            if (alwaysCompletes[e]) {
                finishPass(states, "Finish", "$.nodes." + graph.node(e).id() + ".output");
                return "Finish";
            }
        }
        if (ends.isEmpty()) {
            finishPass(states, "Finish", null);
            return "Finish";
        }
        finishPass(states, "Finish (no output)", null);
        ObjectNode choice = Json.object();
        choice.put("Type", "Choice");
        choice.put("Comment", "The outputs of the end node that ran");
        ArrayNode choices = choice.putArray("Choices");
        for (int e : ends) {
            String id = graph.node(e).id();
            String name = "Finish (" + id + ")";
            finishPass(states, name, "$.nodes." + id + ".output");
            ObjectNode rule = statusIs(id, "completed");
            rule.put("Next", name);
            choices.add(rule);
        }
        choice.put("Default", "Finish (no output)");
        states.set("Finish", choice);
        return "Finish";
    }

    private static void finishPass(ObjectNode states, String name, String outputsPath) {
        ObjectNode pass = states.putObject(name);
        pass.put("Type", "Pass");
        ObjectNode params = pass.putObject("Parameters");
        if (outputsPath == null) {
            params.putObject("outputs");
        } else {
            params.put("outputs.$", outputsPath);
        }
        params.put("nodes.$", "$.nodes");
        pass.put("End", true);
    }

    // ---- helpers ------------------------------------------------------------------------------------

    /** The end node's Pass parameters, or empty when some value needs the transform Lambda. */
    private Optional<ObjectNode> nativeEndOutputs(int v) {
        Node n = graph.node(v);
        JsonNode outputs = n.config().get("outputs");
        ObjectNode params = Json.object();
        if (outputs == null || outputs.isNull()) {
            for (Edge e : graph.incoming(v)) {
                int s = graph.indexOf(e.source());
                if (!alwaysCompletes[s]) {
                    return Optional.empty();
                }
                params.put(graph.node(s).id() + ".$", "$.nodes." + graph.node(s).id() + ".output");
            }
            return Optional.of(params);
        }
        var it = outputs.fields();
        while (it.hasNext()) {
            var entry = it.next();
            JsonNode value = entry.getValue();
            if (!value.isTextual()) {
                if (containsTemplate(value)) {
                    return Optional.empty();
                }
                params.set(entry.getKey(), value);
                continue;
            }
            String text = value.asText();
            if (!TemplateReferences.isTemplate(text)) {
                params.set(entry.getKey(), value);
                continue;
            }
            Optional<List<String>> parts = TemplateReferences.plainInterpolation(text);
            if (parts.isEmpty()) {
                return Optional.empty();
            }
            List<String> p = parts.get();
            for (int i = 1; i < p.size(); i += 2) {
                if (!referenceAlwaysPresent(p.get(i))) {
                    return Optional.empty();
                }
            }
            if (p.size() == 3 && p.get(0).isEmpty() && p.get(2).isEmpty()) {
                params.put(entry.getKey() + ".$", TemplateReferences.toStatePath(p.get(1)));
            } else {
                StringBuilder format = new StringBuilder("States.Format('");
                StringBuilder args = new StringBuilder();
                for (int i = 0; i < p.size(); i++) {
                    if (i % 2 == 0) {
                        format.append(escapeIntrinsic(p.get(i)));
                    } else {
                        format.append("{}");
                        args.append(", ").append(TemplateReferences.toStatePath(p.get(i)));
                    }
                }
                params.put(entry.getKey() + ".$", format.append("'").append(args).append(")").toString());
            }
        }
        return Optional.of(params);
    }

    /**
     * Whether a reference can be read by a Pass state: inputs and execution fields, or the output of a node
     * that always completes before the end node. A missing field fails the execution either way (the
     * renderer, too, rejects unknown references), so only possibly-skipped nodes need the Lambda.
     */
    private boolean referenceAlwaysPresent(String reference) {
        String root = reference.split("[.\\[]", 2)[0];
        if (root.equals("inputs") || root.equals("execution")) {
            return true;
        }
        int s = graph.indexOf(root);
        return s >= 0 && alwaysCompletes[s] && (reference.equals(root + ".output") || reference.startsWith(root + ".output.")
                || reference.startsWith(root + ".output["));
    }

    private static boolean containsTemplate(JsonNode value) {
        if (value.isTextual()) {
            return TemplateReferences.isTemplate(value.asText());
        }
        for (JsonNode child : value) {
            if (containsTemplate(child)) {
                return true;
            }
        }
        return false;
    }

    /** Intrinsic-function string literals escape {@code ' { } \} with a backslash (Step Functions intrinsics). */
    static String escapeIntrinsic(String literal) {
        StringBuilder sb = new StringBuilder();
        for (char c : literal.toCharArray()) {
            if (c == '\'' || c == '{' || c == '}' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** The guard rule: any incoming edge active (see class doc). */
    private ObjectNode guardRule(int v) {
        List<ObjectNode> active = new ArrayList<>();
        for (Edge e : graph.incoming(v)) {
            int s = graph.indexOf(e.source());
            String src = graph.node(s).id();
            ObjectNode rule = switch (e.kind()) {
                case ERROR -> statusIs(src, "failed");
                case TRUE, FALSE -> ChoiceRules.combine("And", List.of(statusIs(src, "completed"),
                        booleanIs("$.nodes." + src + ".output.result", e.kind() == Edge.Kind.TRUE)));
                case NORMAL -> canFailQuietly(s) && handling(s) == ErrorHandling.CONTINUE
                        ? ChoiceRules.combine("Or", List.of(statusIs(src, "completed"), statusIs(src, "failed")))
                        : statusIs(src, "completed");
            };
            active.add(rule);
        }
        return active.size() == 1 ? active.get(0) : ChoiceRules.combine("Or", active);
    }

    private static ObjectNode statusIs(String id, String status) {
        ObjectNode r = Json.object();
        r.put("Variable", "$.nodes." + id + ".status");
        r.put("StringEquals", status);
        return r;
    }

    private static ObjectNode booleanIs(String path, boolean value) {
        ObjectNode r = Json.object();
        r.put("Variable", path);
        r.put("BooleanEquals", value);
        return r;
    }

    /** Whether node v may end {@code failed} without failing the execution. */
    private boolean canFailQuietly(int v) {
        return failsQuietly[v];
    }

    private ErrorHandling handling(int v) {
        Node n = graph.node(v);
        if (n.type() == NodeType.START || n.type() == NodeType.END) {
            return ErrorHandling.STOP;
        }
        return WorkflowValidator.effectiveErrorHandling(def, n);
    }

    private RetryPolicy retryPolicy(Node n) {
        if (n.retryPolicy() != null) {
            return n.retryPolicy();
        }
        return def.settings().retryPolicy() != null ? def.settings().retryPolicy() : RetryPolicy.NONE;
    }

    private int timeoutSeconds(Node n) {
        Integer t = n.timeoutSeconds() != null ? n.timeoutSeconds() : def.settings().timeoutSeconds();
        return Math.min(t != null ? t : Settings.DEFAULT_NODE_TIMEOUT_SECONDS, MAX_NODE_TIMEOUT_SECONDS);
    }

    private static void link(ObjectNode state, String next) {
        if (next == null) {
            state.put("End", true);
        } else {
            state.put("Next", next);
        }
    }
}
