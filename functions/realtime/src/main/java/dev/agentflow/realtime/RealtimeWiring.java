package dev.agentflow.realtime;

import dev.agentflow.shared.aws.AwsClients;
import dev.agentflow.shared.config.AppConfig;
import dev.agentflow.shared.connections.ApiGatewayConnectionPoster;
import dev.agentflow.shared.connections.ConnectionPoster;
import dev.agentflow.shared.connections.ConnectionStore;
import dev.agentflow.shared.connections.RealtimePush;
import dev.agentflow.shared.connections.SubscriptionDelivery;
import dev.agentflow.shared.events.DynamoDbEventLog;
import dev.agentflow.shared.log.JsonLog;
import dev.agentflow.shared.runs.DynamoDbExecutionRepository;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The realtime function's adapters, built once per container from its environment: {@code CONNECTIONS_TABLE},
 * {@code WEBSOCKET_CALLBACK_URL} (or {@code AWS_ENDPOINT_URL}), {@code EXECUTIONS_TABLE} (stored events),
 * {@code EXECUTION_RECORDS_TABLE} and {@code WORKFLOWS_TABLE} (execution owners).
 *
 * @param service the routes' logic
 */
public record RealtimeWiring(RealtimeService service) {

    /**
     * @throws IllegalStateException naming a missing variable
     */
    public static RealtimeWiring fromEnvironment(Map<String, String> env) {
        AppConfig app = AppConfig.fromEnvironment(env);
        RealtimePush push = RealtimePush.fromEnvironment(env, app);
        if (push == null) {
            throw new IllegalStateException("Environment variable " + RealtimePush.CONNECTIONS_TABLE + " and "
                    + RealtimePush.WEBSOCKET_CALLBACK_URL + " (or AWS_ENDPOINT_URL) must be set");
        }
        Clock clock = Clock.systemUTC();
        DynamoDbClient dynamo = new AwsClients(app).dynamoDb();
        DynamoDbEventLog events = new DynamoDbEventLog(dynamo, app.requireExecutionsTable(), clock, app.retention());
        JsonLog log = JsonLog.stdout();
        ConnectionStore store = push.store(dynamo, clock);
        ConnectionPoster poster = new ApiGatewayConnectionPoster(push.managementClient(app));
        return new RealtimeWiring(new RealtimeService(store,
                new DynamoDbExecutionRepository(dynamo, require(env, "EXECUTION_RECORDS_TABLE"), require(env, "WORKFLOWS_TABLE"),
                        app.retention()),
                new SubscriptionDelivery(store, poster, events::eventsAfter, RealtimePush.pushExecutor(), log),
                poster, clock));
    }

    private static String require(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("Environment variable " + name + " is not set");
        }
        return value.trim();
    }
}
