package dev.agentflow.shared.connections;

import dev.agentflow.shared.aws.AwsHttp;
import dev.agentflow.shared.config.AppConfig;
import dev.agentflow.shared.events.DynamoDbEventLog;
import dev.agentflow.shared.events.EventPublisher;
import dev.agentflow.shared.events.PushingEventPublisher;
import dev.agentflow.shared.log.JsonLog;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Wires the realtime push from the environment, once per container (template.yaml Globals set both):
 * {@code CONNECTIONS_TABLE} (connections and subscriptions) and {@code WEBSOCKET_CALLBACK_URL}
 * ({@code https://{api-id}.execute-api.{region}.amazonaws.com/{stage}}, the @connections endpoint). As for
 * every AWS client, {@code AWS_ENDPOINT_URL} wins when set (the local cloud serves @connections on its edge).
 *
 * @param connectionsTable the connections table
 * @param endpoint         the @connections endpoint
 */
public record RealtimePush(String connectionsTable, URI endpoint) {

    public static final String CONNECTIONS_TABLE = "CONNECTIONS_TABLE";
    public static final String WEBSOCKET_CALLBACK_URL = "WEBSOCKET_CALLBACK_URL";
    /** Subscribers of one event served side by side, at most. */
    public static final int PUSH_THREADS = 8;

    private static volatile ExecutorService pushPool;

    /**
     * The configuration, or null when {@code CONNECTIONS_TABLE} or an endpoint is missing (events are then
     * stored, not pushed).
     *
     * @throws IllegalArgumentException when {@code WEBSOCKET_CALLBACK_URL} is not a URL
     */
    public static RealtimePush fromEnvironment(Map<String, String> env, AppConfig app) {
        String table = env.get(CONNECTIONS_TABLE);
        String callback = env.get(WEBSOCKET_CALLBACK_URL);
        if (table == null || table.isBlank()) {
            return null;
        }
        URI endpoint = app.endpointOverride();
        if (endpoint == null && callback != null && !callback.isBlank()) {
            try {
                endpoint = URI.create(callback.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(WEBSOCKET_CALLBACK_URL + " is not a valid URL: " + callback, e);
            }
        }
        return endpoint == null ? null : new RealtimePush(table.trim(), endpoint);
    }

    /**
     * The publisher every function should use: the event log, pushing when {@code push} is configured.
     *
     * @param push   the configuration, or null for the bare event log
     * @param app    shared configuration (executions table, region, retention)
     * @param dynamo DynamoDB client
     * @param clock  clock
     * @param log    structured log
     */
    public static EventPublisher publisher(RealtimePush push, AppConfig app, DynamoDbClient dynamo, Clock clock, JsonLog log) {
        DynamoDbEventLog events = new DynamoDbEventLog(dynamo, app.requireExecutionsTable(), clock, app.retention());
        if (push == null) {
            return events;
        }
        return new PushingEventPublisher(events, push.delivery(app, dynamo, events, clock, log), log);
    }

    /** The delivery over DynamoDB and the @connections API (a management client built here, once). */
    public SubscriptionDelivery delivery(AppConfig app, DynamoDbClient dynamo, DynamoDbEventLog events, Clock clock,
                                         JsonLog log) {
        return new SubscriptionDelivery(store(dynamo, clock), new ApiGatewayConnectionPoster(managementClient(app)),
                events::eventsAfter, pushExecutor(), log);
    }

    /** The connections store. */
    public ConnectionStore store(DynamoDbClient dynamo, Clock clock) {
        return new DynamoDbConnectionStore(dynamo, connectionsTable, clock);
    }

    /** An API Gateway management client on {@link #endpoint()} (transport from {@link AwsHttp}). */
    public ApiGatewayManagementApiClient managementClient(AppConfig app) {
        return AwsHttp.transport(endpoint)
                .configure(ApiGatewayManagementApiClient.builder(), app.region(), endpoint)
                .build();
    }

    /** The container's pool serving the subscribers of one event side by side ({@link #PUSH_THREADS} daemon threads). */
    public static ExecutorService pushExecutor() {
        if (pushPool == null) {
            synchronized (RealtimePush.class) {
                if (pushPool == null) {
                    pushPool = Executors.newFixedThreadPool(PUSH_THREADS, r -> {
                        Thread t = new Thread(r, "agentflow-push");
                        t.setDaemon(true);
                        return t;
                    });
                }
            }
        }
        return pushPool;
    }
}
