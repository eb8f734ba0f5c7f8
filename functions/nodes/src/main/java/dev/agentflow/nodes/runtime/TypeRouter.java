package dev.agentflow.nodes.runtime;

import dev.agentflow.core.error.NodeConfigInvalid;
import java.util.Map;
import java.util.function.Predicate;

/** Picks the executor for a node's type, for functions that serve several types (the transform function). */
public final class TypeRouter implements NodeExecutor {

    private final Map<String, NodeExecutor> byType;

    /** @param byType node type (e.g. {@code template}) → executor */
    public TypeRouter(Map<String, NodeExecutor> byType) {
        this.byType = Map.copyOf(byType);
    }

    @Override
    public NodeResult execute(NodeContext context) {
        return executorFor(context.node()).execute(context);
    }

    @Override
    public Predicate<String> readsOutputsOf(NodeSpec node) {
        return executorFor(node).readsOutputsOf(node);
    }

    private NodeExecutor executorFor(NodeSpec node) {
        NodeExecutor executor = byType.get(node.type());
        if (executor == null) {
            throw new NodeConfigInvalid("Node " + node.id() + " has type '" + node.type()
                    + "', which this function does not run (it runs " + String.join(", ", byType.keySet().stream().sorted().toList()) + ")", null);
        }
        return executor;
    }
}
