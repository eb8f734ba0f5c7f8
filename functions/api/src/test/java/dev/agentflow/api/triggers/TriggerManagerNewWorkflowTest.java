package dev.agentflow.api.triggers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.agentflow.core.json.Json;
import dev.agentflow.shared.keys.SecretValue;
import dev.agentflow.shared.signing.SigningKeyRecord;
import dev.agentflow.shared.signing.SigningKeyStore;
import dev.agentflow.shared.workflows.WorkflowRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link TriggerManager#applyNew}: a workflow created under a new id has no signing secret and no schedule yet, so
 * nothing is looked up — only what it needs is created — while {@link TriggerManager#apply} (an update) still
 * reconciles against what is stored.
 */
class TriggerManagerNewWorkflowTest {

    /** Records every call, as the AWS calls they stand for. */
    private final List<String> calls = new ArrayList<>();
    private final Map<String, ScheduleSpec> scheduler = new HashMap<>();
    private final Map<String, SigningKeyRecord> secrets = new HashMap<>();

    private final ScheduleSync schedules = new ScheduleSync() {
        @Override
        public List<String> names(String prefix) {
            calls.add("ListSchedules");
            return scheduler.keySet().stream().filter(n -> n.startsWith(prefix)).sorted().toList();
        }

        @Override
        public Optional<ScheduleSpec> get(String name) {
            calls.add("GetSchedule");
            return Optional.ofNullable(scheduler.get(name));
        }

        @Override
        public void put(ScheduleSpec spec, boolean exists) {
            calls.add(exists ? "UpdateSchedule" : "CreateSchedule");
            scheduler.put(spec.name(), spec);
        }

        @Override
        public void delete(String name) {
            calls.add("DeleteSchedule");
            scheduler.remove(name);
        }
    };

    private final SigningKeyStore keys = new SigningKeyStore() {
        @Override
        public Optional<SigningKeyRecord> find(String workflowId) {
            calls.add("GetSigningKey");
            return Optional.ofNullable(secrets.get(workflowId));
        }

        @Override
        public boolean create(SigningKeyRecord record) {
            calls.add("PutSigningKey");
            return secrets.putIfAbsent(record.workflowId(), record) == null;
        }

        @Override
        public boolean rotate(SigningKeyRecord record, String expectedNonce) {
            calls.add("RotateSigningKey");
            secrets.put(record.workflowId(), record);
            return true;
        }

        @Override
        public void delete(String workflowId) {
            calls.add("DeleteSigningKey");
            secrets.remove(workflowId);
        }
    };

    private final TriggerManager manager = new TriggerManager(schedules, keys,
            () -> SecretValue.of("test-master-key-0123456789abcdef"), "agentflow", Clock.systemUTC());

    private static WorkflowRecord workflow(String status, String triggers) {
        Instant now = Instant.parse("2026-12-06T10:00:00Z");
        return new WorkflowRecord("wf_1", "alice", "w", null, status, 1, Json.parse("{\"nodes\": [], \"edges\": []}"),
                Json.parse(triggers), "arn:sm", "arn:sm:1", 0, now, now, null);
    }

    @Test
    void newWorkflowWithoutTriggers_makesNoCallAtAll() {
        TriggerManager.State state = manager.applyNew(workflow("draft", "[]"));

        assertEquals(List.of(), calls);
        assertNull(state.signing());
        assertEquals(List.of(), state.schedules());
    }

    @Test
    void newActiveWorkflowWithWebhookAndSchedule_onlyCreates() {
        TriggerManager.State state = manager.applyNew(workflow("active",
                "[{\"type\": \"webhook\"}, {\"type\": \"schedule\", \"rate\": \"1 minute\"}]"));

        assertEquals(List.of("PutSigningKey", "CreateSchedule"), calls);
        assertNotNull(state.issuedSecret());
        assertEquals(List.of("agentflow-wf_1-1"), state.schedules());
        assertEquals(List.of("agentflow-wf_1-1"), List.copyOf(scheduler.keySet()));
    }

    @Test
    void updateStillReconcilesAgainstWhatIsStored() {
        manager.applyNew(workflow("active", "[{\"type\": \"webhook\"}, {\"type\": \"schedule\", \"rate\": \"1 minute\"}]"));
        calls.clear();

        TriggerManager.State state = manager.apply(workflow("archived", "[{\"type\": \"webhook\"}]"));

        assertEquals(List.of("GetSigningKey", "ListSchedules", "DeleteSchedule"), calls);
        assertNull(state.issuedSecret());
        assertNotNull(state.signing());
        assertEquals(Map.of(), scheduler);
    }
}
