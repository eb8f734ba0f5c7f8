package dev.agentflow.nodes.runtime;

import java.util.function.Predicate;

/**
 * Runs one node type: renders its config against the execution state and produces its output. Knows
 * nothing of Lambda, DynamoDB or events; the {@link NodeRunner} does the recording around it.
 * Fails by throwing a {@link dev.agentflow.core.error.NodeFailure} subclass (or a
 * {@link dev.agentflow.core.template.TemplateException}, reported as TEMPLATE_RENDER_ERROR).
 */
public interface NodeExecutor {

    /** Runs the node. */
    NodeResult execute(NodeContext context);

    /**
     * Which earlier nodes' outputs this node reads, so only those stored-aside outputs are loaded.
     * Default: the nodes its config's {@code {{ }}} templates reference.
     */
    default Predicate<String> readsOutputsOf(NodeSpec node) {
        return ConfigReferences.referencedRoots(node.config())::contains;
    }
}
