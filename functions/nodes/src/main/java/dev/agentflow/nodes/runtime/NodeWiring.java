package dev.agentflow.nodes.runtime;

import dev.agentflow.core.template.TemplateRenderer;
import dev.agentflow.shared.aws.AwsClients;
import dev.agentflow.shared.config.AppConfig;
import dev.agentflow.shared.connections.RealtimePush;
import dev.agentflow.shared.log.JsonLog;
import dev.agentflow.shared.output.DynamoDbLargeOutputStore;
import dev.agentflow.shared.output.OutputOffloader;
import dev.agentflow.shared.output.OutputResolver;
import dev.agentflow.shared.store.DynamoDbExecutionStore;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What every node function builds once per container from its environment: configuration, AWS clients
 * and the {@link NodeRunner} over the executions table.
 *
 * @param env     the environment as read at the edge
 * @param config  parsed configuration
 * @param clients AWS client factory (endpoint override honoured)
 * @param dynamo  the DynamoDB client
 * @param runner  the runner recording node state and events
 */
public record NodeWiring(Map<String, String> env, AppConfig config, AwsClients clients, DynamoDbClient dynamo,
                         NodeRunner runner) {

    /**
     * Builds the wiring.
     *
     * @throws IllegalStateException when EXECUTIONS_TABLE is not set
     */
    public static NodeWiring fromEnvironment(Map<String, String> env) {
        AppConfig config = AppConfig.fromEnvironment(env);
        AwsClients clients = new AwsClients(config);
        DynamoDbClient dynamo = clients.dynamoDb();
        return new NodeWiring(env, config, clients, dynamo,
                runner(config, dynamo, Clock.systemUTC(), RealtimePush.fromEnvironment(env, config)));
    }

    /** A runner over DynamoDB tables named by {@code config}. */
    public static NodeRunner runner(AppConfig config, DynamoDbClient dynamo, Clock clock) {
        return runner(config, dynamo, clock, null);
    }

    /**
     * A runner over DynamoDB tables named by {@code config}, pushing events to WebSocket subscribers when
     * {@code push} is configured (issue 6).
     */
    public static NodeRunner runner(AppConfig config, DynamoDbClient dynamo, Clock clock, RealtimePush push) {
        String table = config.requireExecutionsTable();
        DynamoDbLargeOutputStore outputs = new DynamoDbLargeOutputStore(dynamo, table, clock, config.retention());
        return new NodeRunner(
                new DynamoDbExecutionStore(dynamo, table, clock, config.retention()),
                RealtimePush.publisher(push, config, dynamo, clock, JsonLog.stdout()),
                new OutputOffloader(outputs, config.outputInlineMaxBytes(), config.stateInlineBudgetBytes()),
                new OutputResolver(outputs),
                new TemplateRenderer(),
                JsonLog.stdout(),
                clock,
                NodeRunner.StreamSettings.defaults());
    }
}
