package dev.agentflow.nodes;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.agentflow.nodes.runtime.LambdaTime;
import dev.agentflow.nodes.runtime.NodeExecutor;
import dev.agentflow.nodes.runtime.NodeRunner;
import dev.agentflow.nodes.runtime.NodeWiring;
import dev.agentflow.nodes.runtime.TypeRouter;
import dev.agentflow.nodes.transform.ConditionNodeExecutor;
import dev.agentflow.nodes.transform.EndNodeExecutor;
import dev.agentflow.nodes.transform.TemplateNodeExecutor;
import dev.agentflow.nodes.transform.VariableNodeExecutor;
import java.util.Map;

/**
 * NodeTransformFunction ({@code ${NodeTransformFunctionArn}}): runs template, variable, condition and end
 * nodes, which only transform the execution state. Input {@code {execution, node, state}}; output
 * {@code {output, metadata}}. Environment: EXECUTIONS_TABLE, AWS_ENDPOINT_URL (optional).
 */
public final class TransformNodeHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final NodeRunner runner;
    private final NodeExecutor executor;

    /** Lambda's constructor: builds clients once per container from the environment. */
    public TransformNodeHandler() {
        this(System.getenv());
    }

    /** Builds real clients from the given environment (what Lambda's would hold); used by the no-argument constructor. */
    public TransformNodeHandler(Map<String, String> env) {
        this(NodeWiring.fromEnvironment(env).runner(), executors());
    }

    /** For tests: explicit collaborators. */
    public TransformNodeHandler(NodeRunner runner, NodeExecutor executor) {
        this.runner = runner;
        this.executor = executor;
    }

    /** The transform executors by node type. */
    public static NodeExecutor executors() {
        return new TypeRouter(Map.of(
                "template", new TemplateNodeExecutor(),
                "variable", new VariableNodeExecutor(),
                "condition", new ConditionNodeExecutor(),
                "end", new EndNodeExecutor()));
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        return runner.run(input, executor, LambdaTime.remaining(context));
    }
}
