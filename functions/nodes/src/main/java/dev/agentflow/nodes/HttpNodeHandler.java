package dev.agentflow.nodes;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.agentflow.nodes.http.HttpNodeExecutor;
import dev.agentflow.nodes.http.HttpNodeSettings;
import dev.agentflow.shared.net.HostResolver;
import dev.agentflow.nodes.runtime.LambdaTime;
import dev.agentflow.nodes.runtime.NodeExecutor;
import dev.agentflow.nodes.runtime.NodeRunner;
import dev.agentflow.nodes.runtime.NodeWiring;
import java.util.Map;

/**
 * NodeHttpFunction ({@code ${NodeHttpFunctionArn}}): runs http nodes. Input: the Task payload
 * {@code {execution, node, state}}; output {@code {output, metadata}}; failures are thrown as
 * {@code dev.agentflow.core.error.*} classes (HttpRequestFailed, NodeTimeout…) for Retry/Catch.
 * Environment: EXECUTIONS_TABLE, HTTP_NODE_ALLOWED_NETWORKS, AWS_ENDPOINT_URL (optional).
 */
public final class HttpNodeHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final NodeRunner runner;
    private final NodeExecutor executor;

    /** Lambda's constructor: builds clients once per container from the environment. */
    public HttpNodeHandler() {
        this(System.getenv());
    }

    /** Builds real clients from the given environment (what Lambda's would hold); used by the no-argument constructor. */
    public HttpNodeHandler(Map<String, String> env) {
        this(NodeWiring.fromEnvironment(env));
    }

    private HttpNodeHandler(NodeWiring wiring) {
        this(wiring.runner(), new HttpNodeExecutor(HttpNodeExecutor.newClient(),
                HttpNodeSettings.fromEnvironment(wiring.env()), HostResolver.system()));
    }

    /** For tests: explicit collaborators. */
    public HttpNodeHandler(NodeRunner runner, NodeExecutor executor) {
        this.runner = runner;
        this.executor = executor;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        return runner.run(input, executor, LambdaTime.remaining(context));
    }
}
