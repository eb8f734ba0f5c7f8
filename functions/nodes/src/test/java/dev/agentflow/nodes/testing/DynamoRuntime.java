package dev.agentflow.nodes.testing;

import dev.agentflow.nodes.runtime.NodeRunner;
import dev.agentflow.nodes.runtime.NodeWiring;
import dev.agentflow.shared.config.AppConfig;
import dev.agentflow.shared.events.DynamoDbEventLog;
import dev.agentflow.shared.store.DynamoDbExecutionStore;
import dev.agentflow.shared.testing.DynamoDbLocal;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * The production runner ({@link NodeWiring#runner}) over fresh DynamoDB Local tables from template.yaml,
 * with readers for assertions.
 *
 * @param runner          the runner
 * @param tables          logical id → table name
 * @param store           reads node records
 * @param events          reads stored events
 */
public record DynamoRuntime(NodeRunner runner, Map<String, String> tables, DynamoDbExecutionStore store,
                            DynamoDbEventLog events) {

    /** With production limits. */
    public static DynamoRuntime create() {
        return create(Map.of());
    }

    /** With extra environment (e.g. OUTPUT_INLINE_MAX_BYTES). */
    public static DynamoRuntime create(Map<String, String> extraEnv) {
        Map<String, String> tables = DynamoDbLocal.freshTables();
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put(AppConfig.EXECUTIONS_TABLE, tables.get("ExecutionsTable"));
        env.put(AppConfig.API_KEYS_TABLE, tables.get("ApiKeysTable"));
        AppConfig config = AppConfig.fromEnvironment(env);
        Clock clock = Clock.systemUTC();
        return new DynamoRuntime(NodeWiring.runner(config, DynamoDbLocal.client(), clock), tables,
                new DynamoDbExecutionStore(DynamoDbLocal.client(), config.executionsTable(), clock, config.retention()),
                new DynamoDbEventLog(DynamoDbLocal.client(), config.executionsTable(), clock, config.retention()));
    }
}
