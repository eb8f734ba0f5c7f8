package dev.agentflow.api;

import dev.agentflow.api.executions.ExecutionCompleter;
import dev.agentflow.api.executions.ExecutionService;
import dev.agentflow.api.keys.ApiKeyService;
import dev.agentflow.api.keys.ApiKeyStore;
import dev.agentflow.api.keys.HttpKeyVerifier;
import dev.agentflow.api.keys.KeyVerifier;
import dev.agentflow.api.keys.KeyVaultApiKeyStore;
import dev.agentflow.api.triggers.EventBridgeScheduleSync;
import dev.agentflow.api.triggers.ScheduleSync;
import dev.agentflow.api.triggers.TriggerConfig;
import dev.agentflow.api.triggers.TriggerManager;
import dev.agentflow.api.workflows.WorkflowDeployer;
import dev.agentflow.api.workflows.WorkflowService;
import dev.agentflow.shared.aws.AwsClients;
import dev.agentflow.shared.connections.RealtimePush;
import dev.agentflow.shared.connections.StoredEvents;
import dev.agentflow.shared.events.DynamoDbEventLog;
import dev.agentflow.shared.events.EventPublisher;
import dev.agentflow.shared.keys.ApiKeyInfo;
import dev.agentflow.shared.keys.KeyVault;
import dev.agentflow.shared.keys.KeyVaultException;
import dev.agentflow.shared.keys.KmsKeyCipher;
import dev.agentflow.shared.keys.SecretValue;
import dev.agentflow.shared.log.JsonLog;
import dev.agentflow.shared.net.AddressPolicy;
import dev.agentflow.shared.net.HostResolver;
import dev.agentflow.shared.runs.DynamoDbExecutionRepository;
import dev.agentflow.shared.runs.ExecutionRepository;
import dev.agentflow.shared.secrets.SecretsManagerSecretReader;
import dev.agentflow.shared.signing.DynamoDbSigningKeyStore;
import dev.agentflow.shared.signing.MasterKey;
import dev.agentflow.shared.sfn.DefinitionSubstitutions;
import dev.agentflow.shared.sfn.SfnClients;
import dev.agentflow.shared.sfn.SfnStateMachines;
import dev.agentflow.shared.sfn.StateMachines;
import dev.agentflow.shared.store.DynamoDbExecutionStore;
import dev.agentflow.shared.store.ExecutionStore;
import dev.agentflow.shared.workflows.DynamoDbWorkflowRepository;
import dev.agentflow.shared.workflows.WorkflowRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The adapters and services of the api and status functions, wired once per container from
 * {@link ApiConfig} (real AWS clients) or, in tests, from fakes.
 *
 * @param workflows     workflow repository
 * @param executions    execution-record repository
 * @param nodes         node-record store
 * @param stateMachines Step Functions
 * @param keys          API key store
 * @param config        the configuration
 * @param clock         clock
 * @param events        execution event publisher (stores, and pushes to WebSocket subscribers; issue 6)
 * @param storedEvents  reads stored execution events
* @param keyVerifier   checks API keys with their provider before they are stored (REQ-401-3)
 * @param triggers      schedules and signing secrets of workflows (issue 8)
 */
public record Components(WorkflowRepository workflows, ExecutionRepository executions, ExecutionStore nodes,
                         StateMachines stateMachines, ApiKeyStore keys, ApiConfig config, Clock clock,
                         EventPublisher events, StoredEvents storedEvents, KeyVerifier keyVerifier,
                         TriggerManager triggers) {

    /** Environment variable: networks a key's {@code baseUrl} may reach despite the SSRF guard (as the llm node's). */
    public static final String LLM_ALLOWED_NETWORKS = "LLM_ALLOWED_NETWORKS";

    /** Without key verification (a request asking for it gets 503 PROVIDER_UNAVAILABLE). */
    public Components(WorkflowRepository workflows, ExecutionRepository executions, ExecutionStore nodes,
                      StateMachines stateMachines, ApiKeyStore keys, ApiConfig config, Clock clock,
                      EventPublisher events, StoredEvents storedEvents, TriggerManager triggers) {
        this(workflows, executions, nodes, stateMachines, keys, config, clock, events, storedEvents,
                KeyVerifier.unavailable(), triggers);
    }

    /** Without execution events: nothing published, no stored events; triggers validated only. */
    public Components(WorkflowRepository workflows, ExecutionRepository executions, ExecutionStore nodes,
                      StateMachines stateMachines, ApiKeyStore keys, ApiConfig config, Clock clock) {
        this(workflows, executions, nodes, stateMachines, keys, config, clock, e -> e, (id, after) -> List.of());
    }

    /** Triggers validated only (no schedules, no signing secrets). */
    public Components(WorkflowRepository workflows, ExecutionRepository executions, ExecutionStore nodes,
                      StateMachines stateMachines, ApiKeyStore keys, ApiConfig config, Clock clock,
                      EventPublisher events, StoredEvents storedEvents) {
        this(workflows, executions, nodes, stateMachines, keys, config, clock, events, storedEvents,
                KeyVerifier.unavailable(), TriggerManager.validating(clock));
    }

    /** Real adapters: DynamoDB, Step Functions and KMS clients built once. */
    public static Components fromConfig(ApiConfig config) {
        return fromConfig(config, Map.of());
    }

    /**
     * Real adapters; execution events are pushed to WebSocket subscribers when {@code env} configures it
     * ({@link RealtimePush}).
     */
    public static Components fromConfig(ApiConfig config, Map<String, String> env) {
        AwsClients clients = new AwsClients(config.app());
        DynamoDbClient dynamo = clients.dynamoDb();
        Clock clock = Clock.systemUTC();
        ApiKeyStore keys = config.app().apiKeysTable() == null || config.app().apiKeysKmsKeyId() == null
                ? unconfiguredKeys()
                : new KeyVaultApiKeyStore(new KeyVault(dynamo, config.app().apiKeysTable(),
                        new KmsKeyCipher(clients.kms(), config.app().apiKeysKmsKeyId()), clock));
        return new Components(
                new DynamoDbWorkflowRepository(dynamo, config.workflowsTable()),
                new DynamoDbExecutionRepository(dynamo, config.executionRecordsTable(), config.workflowsTable(),
                        config.app().retention()),
                new DynamoDbExecutionStore(dynamo, config.app().requireExecutionsTable(), clock, config.app().retention()),
                new SfnStateMachines(SfnClients.create(config.app()), config.stateMachineRoleArn()),
                keys, config, clock,
                RealtimePush.publisher(RealtimePush.fromEnvironment(env, config.app()), config.app(), dynamo, clock, JsonLog.stdout()),
                new DynamoDbEventLog(dynamo, config.app().requireExecutionsTable(), clock, config.app().retention())::eventsAfter,
                new HttpKeyVerifier(HttpKeyVerifier.newClient(), AddressPolicy.allowing(env.get(LLM_ALLOWED_NETWORKS)),
                        HostResolver.system()),
                triggers(TriggerConfig.fromEnvironment(env), clients, config, dynamo, clock));
    }

    /** Issue 8: EventBridge Scheduler when a schedule target is configured; signing secrets when a master key is. */
    private static TriggerManager triggers(TriggerConfig t, AwsClients clients, ApiConfig config, DynamoDbClient dynamo,
                                           Clock clock) {
        ScheduleSync schedules = t.schedulesEnabled()
                ? new EventBridgeScheduleSync(EventBridgeScheduleSync.client(config.app()), t.scheduleGroup(),
                        t.scheduleTargetArn(), t.schedulerRoleArn())
                : ScheduleSync.none();
        if (t.signingSecretId() == null) {
            return new TriggerManager(schedules, null, null, t.namePrefix(), clock);
        }
        // built on first use: most API calls never issue a secret, so the cold start skips the Secrets Manager client
        MasterKey master = MasterKey.lazy(() -> MasterKey.from(new SecretsManagerSecretReader(clients.secretsManager(),
                clock, Duration.ofMinutes(5)), t.signingSecretId()));
        return new TriggerManager(schedules, new DynamoDbSigningKeyStore(dynamo, config.workflowsTable()), master,
                t.namePrefix(), clock);
    }

    /** The HTTP API, logging to stdout. */
    public Api api() {
        return api(JsonLog.stdout());
    }

    /** The HTTP API. */
    public Api api(JsonLog log) {
        WorkflowDeployer deployer = new WorkflowDeployer(stateMachines,
                new DefinitionSubstitutions(config.functionArns()), config.stateMachinePrefix());
        return new Api(new WorkflowService(workflows, deployer, clock, triggers),
                new ExecutionService(workflows, executions, nodes, stateMachines, clock, events),
                new ApiKeyService(keys, keyVerifier), config.maxBodyBytes(), log, storedEvents);
    }

    /** The status-event logic. */
    public ExecutionCompleter completer() {
        return new ExecutionCompleter(executions, nodes, stateMachines, clock, events);
    }

    private static ApiKeyStore unconfiguredKeys() {
        return new ApiKeyStore() {
            @Override
            public ApiKeyInfo store(String userId, String provider, String name, SecretValue key) {
                throw new KeyVaultException("API_KEYS_TABLE or API_KEYS_KMS_KEY_ID is not set", null);
            }

            @Override
            public List<ApiKeyInfo> list(String userId) {
                return List.of();
            }

            @Override
            public boolean delete(String userId, String keyId) {
                return false;
            }
        };
    }
}
