package dev.agentflow.shared.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentflow.core.json.Json;
import dev.agentflow.shared.testing.DynamoDbLocal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One delivery claim per execution; a lease that expires; the outcome readable on the record. */
class DynamoDbCallbackLedgerTest {

    private static final Instant T0 = Instant.parse("2026-02-01T08:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(15);
    private DynamoDbCallbackLedger ledger;
    private DynamoDbExecutionRepository records;

    @BeforeEach
    void setUp() {
        Map<String, String> tables = DynamoDbLocal.freshTables();
        records = new DynamoDbExecutionRepository(DynamoDbLocal.client(), tables.get("ExecutionRecordsTable"),
                tables.get("WorkflowsTable"), Duration.ofDays(1));
        ledger = new DynamoDbCallbackLedger(DynamoDbLocal.client(), tables.get("ExecutionRecordsTable"));
        records.create(ExecutionRecord.pending("exec_1", "alice", "wf_1", 1, "webhook", Json.object(), T0, "key-1"));
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode state(String s) {
        return Json.object().put("state", s).put("event", "execution.completed").put("url", "https://example.com/hook");
    }

    @Test
    void claim_shouldSucceedOnce_whileTheLeaseHolds() {
        assertTrue(ledger.claim("exec_1", state("delivering"), T0, LEASE));
        assertFalse(ledger.claim("exec_1", state("delivering"), T0.plusSeconds(60), LEASE));
        assertEquals("delivering", records.find("exec_1").orElseThrow().callback().path("state").asText());
    }

    @Test
    void claim_shouldBeTakenOver_afterTheLeaseExpired() {
        ledger.claim("exec_1", state("delivering"), T0, LEASE);
        assertTrue(ledger.claim("exec_1", state("delivering"), T0.plus(LEASE).plusSeconds(1), LEASE));
    }

    @Test
    void record_shouldEndTheDelivery_forGood() {
        ledger.claim("exec_1", state("delivering"), T0, LEASE);
        ledger.record("exec_1", state("delivered").put("attempts", 2).put("statusCode", 200));

        assertFalse(ledger.claim("exec_1", state("delivering"), T0.plus(Duration.ofDays(1)), LEASE));
        ExecutionRecord r = records.find("exec_1").orElseThrow();
        assertEquals("delivered", r.callback().path("state").asText());
        assertEquals(2, r.callback().path("attempts").asInt());
        assertEquals("key-1", r.idempotencyKey());
    }

    @Test
    void claim_ofAnUnknownExecution_shouldFail() {
        assertFalse(ledger.claim("exec_none", state("delivering"), T0, LEASE));
    }
}
