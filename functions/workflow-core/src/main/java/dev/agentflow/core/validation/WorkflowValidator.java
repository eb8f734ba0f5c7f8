package dev.agentflow.core.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentflow.core.error.Problem;
import dev.agentflow.core.graph.WorkflowGraph;
import dev.agentflow.core.model.Edge;
import dev.agentflow.core.model.ErrorHandling;
import dev.agentflow.core.model.Node;
import dev.agentflow.core.model.NodeType;
import dev.agentflow.core.model.WorkflowDefinition;
import dev.agentflow.core.template.TemplateReferences;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Checks a parsed definition and reports every problem at once (ARCHITECTURE.md "Compiling"; issue 2).
 *
 * <p>Codes: {@code INVALID_NODE_ID}, {@code DUPLICATE_NODE_ID}, {@code DUPLICATE_EDGE_ID},
 * {@code UNKNOWN_NODE_TYPE}, {@code NO_START_NODE}, {@code MULTIPLE_START_NODES},
 * {@code START_HAS_INCOMING_EDGE}, {@code END_HAS_OUTGOING_EDGE}, {@code DANGLING_EDGE},
 * {@code CYCLE_DETECTED}, {@code UNREACHABLE_NODE}, {@code CONDITION_BRANCH_MISSING},
 * {@code INVALID_EDGE_HANDLE}, {@code INVALID_REFERENCE},
 * {@code TOO_MANY_NODES}, and the config codes of {@link ConfigRules}.
 */
public final class WorkflowValidator {

    /** Largest number of nodes a workflow may have. */
    public static final int MAX_NODES = 2000;
    /** Node ids: identifiers of at most 64 characters, so references and state paths can name them. */
    public static final Pattern NODE_ID = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    /** Names that are reference roots of their own and so cannot be node ids. */
    public static final Set<String> RESERVED_IDS = Set.of("inputs", "execution", "nodes", "loop");

    private WorkflowValidator() {
    }

    /**
     * Validates a definition.
     *
     * @return every problem found, empty when the definition compiles
     */
    public static List<Problem> validate(WorkflowDefinition def) {
        List<Problem> out = new ArrayList<>();
        if (def.nodes().size() > MAX_NODES) {
            out.add(Problem.document("TOO_MANY_NODES", "nodes",
                    "A workflow may have at most " + MAX_NODES + " nodes; this one has " + def.nodes().size() + "."));
            return out;
        }
        WorkflowGraph g = new WorkflowGraph(def);
        nodes(def, out);
        edges(def, g, out);
        int start = startNode(g, out);
        structure(g, start, out);
        ConfigRules config = new ConfigRules(out);
        for (int i = 0; i < g.size(); i++) {
            if (g.node(i).type() != null) {
                config.check(g.node(i));
            }
        }
        references(g, out);
        return out;
    }

    private static void nodes(WorkflowDefinition def, List<Problem> out) {
        Set<String> seen = new HashSet<>();
        for (Node n : def.nodes()) {
            if (!seen.add(n.id())) {
                out.add(Problem.node("DUPLICATE_NODE_ID", n.id(), "id", "Node id '" + n.id() + "' is used more than once."));
            }
            if (!NODE_ID.matcher(n.id()).matches() || RESERVED_IDS.contains(n.id())) {
                out.add(Problem.node("INVALID_NODE_ID", n.id(), "id", "Node id '" + n.id()
                        + "' must be an identifier (letters, digits, _; not starting with a digit; at most 64 characters)"
                        + " and not one of " + String.join(", ", RESERVED_IDS.stream().sorted().toList()) + "."));
            }
            if (n.type() == null && n.typeName() != null) {
                out.add(Problem.node("UNKNOWN_NODE_TYPE", n.id(), "type", "Node '" + n.id() + "' has unknown type '"
                        + n.typeName() + "'; known types: start, end, llm, http, template, variable, condition."));
            }
        }
    }

    private static void edges(WorkflowDefinition def, WorkflowGraph g, List<Problem> out) {
        Set<String> seen = new HashSet<>();
        for (Edge e : def.edges()) {
            if (!seen.add(e.id())) {
                out.add(Problem.edge("DUPLICATE_EDGE_ID", e.id(), "id", "Edge id '" + e.id() + "' is used more than once."));
            }
            boolean srcOk = g.indexOf(e.source()) >= 0;
            boolean tgtOk = g.indexOf(e.target()) >= 0;
            if (!srcOk || !tgtOk) {
                out.add(Problem.edge("DANGLING_EDGE", e.id(), srcOk ? "target" : "source", "Edge '" + e.id()
                        + "' points at node '" + (srcOk ? e.target() : e.source()) + "', which does not exist."));
                continue;
            }
            Node src = g.node(g.indexOf(e.source()));
            Node tgt = g.node(g.indexOf(e.target()));
            if (tgt.type() == NodeType.START) {
                out.add(Problem.edge("START_HAS_INCOMING_EDGE", e.id(), "target",
                        "The start node '" + tgt.id() + "' cannot have incoming edges."));
            }
            if (src.type() == NodeType.END) {
                out.add(Problem.edge("END_HAS_OUTGOING_EDGE", e.id(), "source",
                        "The end node '" + src.id() + "' cannot have outgoing edges."));
            }
            Edge.Kind kind = e.kind();
            if (src.type() == NodeType.CONDITION && (kind == Edge.Kind.NORMAL)) {
                out.add(Problem.edge("INVALID_EDGE_HANDLE", e.id(), "sourceHandle", "Edge '" + e.id()
                        + "' leaves condition '" + src.id() + "' without a branch: set sourceHandle \"true\"/\"false\" or data.when."));
            }
            if (src.type() != NodeType.CONDITION && src.type() != null && (kind == Edge.Kind.TRUE || kind == Edge.Kind.FALSE)) {
                out.add(Problem.edge("INVALID_EDGE_HANDLE", e.id(), "sourceHandle", "Edge '" + e.id()
                        + "' has a true/false branch but its source '" + src.id() + "' is not a condition node."));
            }
            if (kind == Edge.Kind.ERROR && effectiveErrorHandling(def, src) != ErrorHandling.FALLBACK) {
                out.add(Problem.edge("INVALID_EDGE_HANDLE", e.id(), "sourceHandle", "Edge '" + e.id()
                        + "' is an error edge but node '" + src.id() + "' does not have errorHandling \"fallback\"."));
            }
        }
    }

    /** The node's error handling: its own, else the workflow's, else STOP. */
    public static ErrorHandling effectiveErrorHandling(WorkflowDefinition def, Node n) {
        if (n.errorHandling() != null) {
            return n.errorHandling();
        }
        return def.settings().errorHandling() != null ? def.settings().errorHandling() : ErrorHandling.STOP;
    }

    private static int startNode(WorkflowGraph g, List<Problem> out) {
        int start = -1;
        int count = 0;
        for (int i = 0; i < g.size(); i++) {
            if (g.node(i).type() == NodeType.START) {
                count++;
                if (start < 0) {
                    start = i;
                } else {
                    out.add(Problem.node("MULTIPLE_START_NODES", g.node(i).id(), "type",
                            "A workflow has exactly one start node; '" + g.node(start).id() + "' is already one."));
                }
            }
        }
        if (count == 0) {
            out.add(Problem.document("NO_START_NODE", "nodes", "A workflow needs one node of type 'start'."));
        }
        return start;
    }

    private static void structure(WorkflowGraph g, int start, List<Problem> out) {
        if (!g.isAcyclic()) {
            BitSet rest = g.cyclic();
            for (int v = rest.nextSetBit(0); v >= 0; v = rest.nextSetBit(v + 1)) {
                BitSet reach = new BitSet();
                for (Edge e : g.outgoing(v)) {
                    reach.or(g.reachableFrom(g.indexOf(e.target())));
                }
                if (reach.get(v)) {
                    out.add(Problem.node("CYCLE_DETECTED", g.node(v).id(), null, "Node '" + g.node(v).id()
                            + "' is on a cycle; workflows must be acyclic (use a loop node for repetition)."));
                }
            }
        }
        if (start >= 0) {
            BitSet reach = g.reachableFrom(start);
            for (int v = 0; v < g.size(); v++) {
                if (!reach.get(v)) {
                    out.add(Problem.node("UNREACHABLE_NODE", g.node(v).id(), null,
                            "Node '" + g.node(v).id() + "' cannot be reached from the start node."));
                }
            }
        }
        for (int v = 0; v < g.size(); v++) {
            Node n = g.node(v);
            if (n.type() == NodeType.CONDITION) {
                boolean t = false;
                boolean f = false;
                for (Edge e : g.outgoing(v)) {
                    t |= e.kind() == Edge.Kind.TRUE;
                    f |= e.kind() == Edge.Kind.FALSE;
                }
                if (!t || !f) {
                    out.add(Problem.node("CONDITION_BRANCH_MISSING", n.id(), null, "Condition '" + n.id()
                            + "' needs both a true and a false branch (missing: " + (!t ? "true" : "false") + ")."));
                }
            }
        }
    }

    private static void references(WorkflowGraph g, List<Problem> out) {
        BitSet[] ancestors = g.isAcyclic() ? g.ancestors() : null;
        for (int v = 0; v < g.size(); v++) {
            Node n = g.node(v);
            int self = v;
            walkStrings(n.config(), "data.config", (field, text) -> {
                for (TemplateReferences.Reference r : TemplateReferences.extract(text)) {
                    String root = r.root();
                    if (root.equals("inputs") || root.equals("execution")) {
                        continue;
                    }
                    int target = g.indexOf(root);
                    if (target < 0) {
                        out.add(Problem.node("INVALID_REFERENCE", n.id(), field, "'{{" + r.path()
                                + "}}' refers to '" + root + "', which is neither 'inputs' nor a node id."));
                    } else if (target == self || ancestors != null && !ancestors[self].get(target)) {
                        out.add(Problem.node("INVALID_REFERENCE", n.id(), field, "'{{" + r.path() + "}}' refers to node '"
                                + root + "', which does not run before '" + n.id() + "' (it is not upstream)."));
                    }
                }
            });
        }
    }

    private static void walkStrings(JsonNode value, String path, BiConsumer<String, String> visit) {
        if (value.isTextual()) {
            visit.accept(path, value.asText());
        } else if (value.isObject()) {
            value.fields().forEachRemaining(e -> walkStrings(e.getValue(), path + "." + e.getKey(), visit));
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                walkStrings(value.get(i), path + "[" + i + "]", visit);
            }
        }
    }
}
