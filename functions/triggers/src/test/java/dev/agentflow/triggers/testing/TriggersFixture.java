package dev.agentflow.triggers.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.core.json.Json;
import dev.agentflow.shared.keys.SecretValue;
import dev.agentflow.shared.log.JsonLog;
import dev.agentflow.shared.runs.DynamoDbCallbackLedger;
import dev.agentflow.shared.runs.DynamoDbExecutionRepository;
import dev.agentflow.shared.runs.ExecutionLauncher;
import dev.agentflow.shared.sfn.FakeStateMachines;
import dev.agentflow.shared.signing.DynamoDbSigningKeyStore;
import dev.agentflow.shared.signing.MasterKey;
import dev.agentflow.shared.signing.SigningKeyRecord;
import dev.agentflow.shared.signing.SigningSecrets;
import dev.agentflow.shared.testing.DynamoDbLocal;
import dev.agentflow.shared.testing.RecordingEventPublisher;
import dev.agentflow.shared.workflows.DynamoDbWorkflowRepository;
import dev.agentflow.shared.workflows.WorkflowRecord;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The trigger services' collaborators on DynamoDB Local (template.yaml's tables, fresh per fixture), a fake Step
 * Functions, recorded events, a hand-moved clock and a fixed signing master key.
 */
public final class TriggersFixture {

    public static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    public static final SecretValue MASTER = SecretValue.of("triggers-fixture-master-key-0123456789");

    public final Map<String, String> tables = DynamoDbLocal.freshTables();
    public final TestClock clock = new TestClock(T0);
    public final FakeStateMachines sfn = new FakeStateMachines();
    public final RecordingEventPublisher events = new RecordingEventPublisher();
    public final DynamoDbWorkflowRepository workflows = new DynamoDbWorkflowRepository(DynamoDbLocal.client(),
            tables.get("WorkflowsTable"));
    public final DynamoDbExecutionRepository executions = new DynamoDbExecutionRepository(DynamoDbLocal.client(),
            tables.get("ExecutionRecordsTable"), tables.get("WorkflowsTable"), Duration.ofDays(1));
    public final DynamoDbSigningKeyStore keys = new DynamoDbSigningKeyStore(DynamoDbLocal.client(), tables.get("WorkflowsTable"));
    public final DynamoDbCallbackLedger ledger = new DynamoDbCallbackLedger(DynamoDbLocal.client(),
            tables.get("ExecutionRecordsTable"));
    public final MasterKey master = () -> MASTER;
    public final ExecutionLauncher launcher = new ExecutionLauncher(executions, sfn, events, clock);
    public final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    public final JsonLog log = new JsonLog(new PrintStream(logs, true, StandardCharsets.UTF_8), clock);
    /** Pauses asked of the sleeper, in order. */
    public final List<Duration> sleeps = new ArrayList<>();

    /** A sleeper that records and moves the clock instead of waiting. */
    public dev.agentflow.triggers.Sleeper sleeper() {
        return d -> {
            sleeps.add(d);
            clock.advance(d);
        };
    }

    /** A start → template → end definition, with {@code settings} when given. */
    public static ObjectNode definition(JsonNode settings) {
        ObjectNode d = (ObjectNode) Json.parse("{\"nodes\": ["
                + "{\"id\": \"s\", \"type\": \"start\", \"data\": {\"label\": \"Start\"}},"
                + "{\"id\": \"greet\", \"type\": \"template\", \"data\": {\"label\": \"Greet\", \"config\": {\"template\": \"Hello {{ inputs.name }}\"}}},"
                + "{\"id\": \"e\", \"type\": \"end\", \"data\": {\"label\": \"End\"}}],"
                + "\"edges\": [{\"id\": \"e1\", \"source\": \"s\", \"target\": \"greet\"}, {\"id\": \"e2\", \"source\": \"greet\", \"target\": \"e\"}]}");
        if (settings != null) {
            d.set("settings", settings);
        }
        return d;
    }

    /** Stores a workflow of alice's with these triggers and settings; returns it. */
    public WorkflowRecord workflow(String status, String triggers, JsonNode settings) {
        String id = "wf_" + UUID.randomUUID().toString().replace("-", "");
        String machine = "arn:aws:states:us-east-1:000000000000:stateMachine:agentflow-" + id;
        WorkflowRecord wf = new WorkflowRecord(id, "alice", "Greeting", null, status, 1, definition(settings),
                Json.parse(triggers), machine, machine + ":1", 0, T0, T0, null);
        workflows.create(wf);
        return wf;
    }

    /** Gives a workflow its signing secret (as the API does at save); returns the secret. */
    public SecretValue secretFor(WorkflowRecord wf) {
        String nonce = SigningSecrets.newNonce();
        SecretValue secret = SigningSecrets.derive(MASTER, wf.workflowId(), nonce);
        keys.create(new SigningKeyRecord(wf.workflowId(), wf.userId(), nonce, SigningSecrets.hash(secret.reveal()), T0, T0));
        return secret;
    }
}
