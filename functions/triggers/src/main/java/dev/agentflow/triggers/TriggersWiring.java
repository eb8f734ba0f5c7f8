package dev.agentflow.triggers;

import dev.agentflow.shared.aws.AwsClients;
import dev.agentflow.shared.connections.RealtimePush;
import dev.agentflow.shared.events.EventPublisher;
import dev.agentflow.shared.log.JsonLog;
import dev.agentflow.shared.net.AddressPolicy;
import dev.agentflow.shared.net.HostResolver;
import dev.agentflow.shared.net.UrlGuard;
import dev.agentflow.shared.runs.DynamoDbCallbackLedger;
import dev.agentflow.shared.runs.DynamoDbExecutionRepository;
import dev.agentflow.shared.runs.ExecutionLauncher;
import dev.agentflow.shared.secrets.SecretsManagerSecretReader;
import dev.agentflow.shared.sfn.SfnClients;
import dev.agentflow.shared.sfn.SfnStateMachines;
import dev.agentflow.shared.signing.DynamoDbSigningKeyStore;
import dev.agentflow.shared.signing.MasterKey;
import dev.agentflow.shared.workflows.DynamoDbWorkflowRepository;
import dev.agentflow.triggers.callback.CallbackSender;
import dev.agentflow.triggers.callback.ResultCallbackService;
import dev.agentflow.triggers.schedule.ScheduleTriggerService;
import dev.agentflow.triggers.webhook.DynamoDbWebhookTargets;
import dev.agentflow.triggers.webhook.WebhookService;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The trigger functions' adapters, built once per container from the environment ({@link TriggersConfig}); each
 * handler asks for its own service, so a container builds only the clients its function uses.
 */
public final class TriggersWiring {

    /** How long a warm container reuses the signing master key before reading it again. */
    public static final Duration MASTER_KEY_TTL = Duration.ofMinutes(5);
    /** How long the callback function waits for the status function to end a record. */
    public static final Duration RECORD_WAIT = Duration.ofSeconds(10);

    private final TriggersConfig config;
    private final Map<String, String> env;
    private final AwsClients clients;
    private final DynamoDbClient dynamo;
    private final Clock clock = Clock.systemUTC();
    private final JsonLog log = JsonLog.stdout();

    private TriggersWiring(TriggersConfig config, Map<String, String> env) {
        this.config = config;
        this.env = env;
        this.clients = new AwsClients(config.app());
        this.dynamo = clients.dynamoDb();
    }

    /**
     * @throws IllegalStateException naming a missing variable
     */
    public static TriggersWiring fromEnvironment(Map<String, String> env) {
        return new TriggersWiring(TriggersConfig.fromEnvironment(env), Map.copyOf(env));
    }

    /** The webhook service (DynamoDB, Step Functions, Secrets Manager). */
    public WebhookService webhook() {
        DynamoDbExecutionRepository executions = executions();
        return new WebhookService(new DynamoDbWebhookTargets(dynamo, config.workflowsTable()), masterKey(),
                launcher(executions), executions, clock,
                Sleeper.system(), config.webhookMaxBodyBytes(), log);
    }

    /** The schedule trigger service (DynamoDB, Step Functions). */
    public ScheduleTriggerService schedules() {
        return new ScheduleTriggerService(workflows(), launcher(executions()), log);
    }

    /** The result callback service (DynamoDB, Secrets Manager, outbound HTTP through the SSRF guard). */
    public ResultCallbackService callbacks() {
        UrlGuard guard = new UrlGuard(AddressPolicy.allowing(config.callbackNetworks()), HostResolver.system());
        return new ResultCallbackService(workflows(), executions(),
                new DynamoDbCallbackLedger(dynamo, config.executionRecordsTable()), keys(), masterKey(),
                new CallbackSender(CallbackSender.newClient(), guard, config.callbackTimeout()), clock, Sleeper.system(),
                config.callbackAttempts(), config.callbackBaseDelay(), RECORD_WAIT, log);
    }

    private DynamoDbWorkflowRepository workflows() {
        return new DynamoDbWorkflowRepository(dynamo, config.workflowsTable());
    }

    private DynamoDbExecutionRepository executions() {
        return new DynamoDbExecutionRepository(dynamo, config.executionRecordsTable(), config.workflowsTable(),
                config.app().retention());
    }

    private DynamoDbSigningKeyStore keys() {
        return new DynamoDbSigningKeyStore(dynamo, config.workflowsTable());
    }

    private MasterKey masterKey() {
        String secretId = config.requireSigningSecretId();
        return MasterKey.lazy(() -> MasterKey.from(new SecretsManagerSecretReader(clients.secretsManager(), clock,
                MASTER_KEY_TTL), secretId));
    }

    private ExecutionLauncher launcher(DynamoDbExecutionRepository executions) {
        EventPublisher events = RealtimePush.publisher(RealtimePush.fromEnvironment(env, config.app()), config.app(),
                dynamo, clock, log);
        return new ExecutionLauncher(executions, new SfnStateMachines(SfnClients.create(config.app()), null), events, clock);
    }
}
