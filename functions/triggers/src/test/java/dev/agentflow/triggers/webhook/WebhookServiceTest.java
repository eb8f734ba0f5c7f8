package dev.agentflow.triggers.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentflow.core.json.Json;
import dev.agentflow.shared.keys.SecretValue;
import dev.agentflow.shared.runs.Completion;
import dev.agentflow.shared.runs.ExecutionRecord;
import dev.agentflow.shared.runs.ExecutionStatus;
import dev.agentflow.shared.signing.Signatures;
import dev.agentflow.shared.testing.DynamoDbLocal;
import dev.agentflow.shared.workflows.WorkflowRecord;
import dev.agentflow.triggers.testing.TriggersFixture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The webhook's answers: runs started with the body as inputs, and every refusal with its code. */
class WebhookServiceTest {

    private static final String WEBHOOK = "[{\"type\": \"webhook\"}]";
    private final TriggersFixture f = new TriggersFixture();
    private final WebhookService service = service(256 * 1024);

    private WebhookService service(int maxBody) {
        return new WebhookService(new DynamoDbWebhookTargets(DynamoDbLocal.client(), f.tables.get("WorkflowsTable")), f.master,
                f.launcher, f.executions, f.clock, f.sleeper(), maxBody, f.log);
    }

    private WebhookRequest signed(String workflowId, SecretValue secret, String body, long timestamp, Map<String, String> extra) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new HashMap<>(Map.of("content-type", "application/json",
                "x-agentflow-timestamp", Long.toString(timestamp),
                "x-agentflow-signature", Signatures.sign(secret, timestamp, bytes)));
        headers.putAll(extra);
        return new WebhookRequest(workflowId, headers, bytes, "req-1");
    }

    private WebhookRequest signed(String workflowId, SecretValue secret, String body) {
        return signed(workflowId, secret, body, f.clock.instant().getEpochSecond(), Map.of());
    }

    private static WebhookRequest bearer(String workflowId, String token, String body, Map<String, String> extra) {
        Map<String, String> headers = new HashMap<>(Map.of("authorization", "Bearer " + token));
        headers.putAll(extra);
        return new WebhookRequest(workflowId, headers, body.getBytes(StandardCharsets.UTF_8), "req-2");
    }

    @Test
    void signedCall_startsARun_withTheBodyAsInputs() {
        WorkflowRecord wf = f.workflow("active", WEBHOOK, null);
        SecretValue secret = f.secretFor(wf);

        WebhookResponse r = service.handle(signed(wf.workflowId(), secret, "{\"name\": \"Ada\", \"n\": [1, 2]}"));

        assertEquals(202, r.status(), r.body()::toString);
        String id = r.body().at("/data/executionId").asText();
        ExecutionRecord record = f.executions.find(id).orElseThrow();
        assertEquals("webhook", record.trigger());
        assertEquals(Json.parse("{\"name\": \"Ada\", \"n\": [1, 2]}"), record.inputs());
        assertEquals("{\"name\":\"Ada\",\"n\":[1,2]}", f.sfn.started.get(0).input());
        assertEquals(wf.versionArn(), f.sfn.started.get(0).stateMachineOrVersionArn());
        assertEquals(ExecutionStatus.RUNNING, record.status());
    }

    @Test
    void bearerSecret_alsoAuthenticates_andAnEmptyBodyIsNoInputs() {
        WorkflowRecord wf = f.workflow("active", WEBHOOK, null);
        SecretValue secret = f.secretFor(wf);

        WebhookResponse r = service.handle(bearer(wf.workflowId(), secret.reveal(), "", Map.of()));

        assertEquals(202, r.status(), r.body()::toString);
        assertEquals(Json.object(), f.executions.find(r.body().at("/data/executionId").asText()).orElseThrow().inputs());
    }

    @Test
    void sameIdempotencyKeyTwice_givesOneExecution() {
        WorkflowRecord wf = f.workflow("active", WEBHOOK, null);
        SecretValue secret = f.secretFor(wf);
        Map<String, String> key = Map.of("idempotency-key", "delivery-7");

        WebhookResponse first = service.handle(signed(wf.workflowId(), secret, "{\"a\": 1}",
                f.clock.instant().getEpochSecond(), key));
        WebhookResponse second = service.handle(signed(wf.workflowId(), secret, "{\"a\": 1}",
                f.clock.instant().getEpochSecond(), key));

        assertEquals(202, second.status());
        assertEquals(first.body().at("/data/executionId"), second.body().at("/data/executionId"));
        assertTrue(second.body().at("/data/replayed").asBoolean());
        assertEquals(1, f.sfn.started.size());
        assertEquals("delivery-7", f.executions.find(first.body().at("/data/executionId").asText()).orElseThrow().idempotencyKey());
        WebhookResponse other = service.handle(signed(wf.workflowId(), secret, "{\"a\": 1}",
                f.clock.instant().getEpochSecond(), Map.of("idempotency-key", "delivery-8")));
        assertEquals(2, f.sfn.started.size(), "another key is another run: " + other.body());
    }

    @Test
    void badSignature_andUnknownWorkflow_lookExactlyAlike() {
        WorkflowRecord wf = f.workflow("active", WEBHOOK, null);
        f.secretFor(wf);
        SecretValue wrong = SecretValue.of("whsec_not-the-right-secret-000000000");

        WebhookResponse badSignature = service.handle(signed(wf.workflowId(), wrong, "{}"));
        WebhookResponse badBearer = service.handle(bearer(wf.workflowId(), wrong.reveal(), "{}", Map.of()));
        WebhookResponse unknown = service.handle(signed("wf_0123456789abcdef0123456789abcdef", wrong, "{}"));
        WebhookResponse malformedId = service.handle(signed("../../etc", wrong, "{}"));
        WebhookResponse none = service.handle(new WebhookRequest(wf.workflowId(), Map.of(), new byte[0], "r"));
        WorkflowRecord noSecret = f.workflow("active", WEBHOOK, null);
        WebhookResponse withoutSecret = service.handle(bearer(noSecret.workflowId(), wrong.reveal(), "{}", Map.of()));

        for (WebhookResponse r : new WebhookResponse[] {badSignature, badBearer, unknown, malformedId, none, withoutSecret}) {
            assertEquals(401, r.status());
            assertEquals(badSignature.body(), r.body(), "identical answers");
        }
        assertEquals(WebhookErrors.WEBHOOK_UNAUTHORIZED, badSignature.code());
        assertTrue(f.sfn.started.isEmpty());
    }

    @Test
    void deletedWorkflow_isUnknown() {
        WorkflowRecord wf = f.workflow("active", WEBHOOK, null);
        SecretValue secret = f.secretFor(wf);
        f.workflows.softDelete(wf.workflowId(), "alice", f.clock.instant());

        assertEquals(WebhookErrors.WEBHOOK_UNAUTHORIZED, service.handle(signed(wf.workflowId(), secret, "{}")).code());
    }

    @Test
    void expiredOrMissingTimestamp_isRefused_beforeAnyLookup() {
        WorkflowRecord wf = f.workflow("active", WEBHOOK, null);
        SecretValue secret = f.secretFor(wf);
        long sixMinutesAgo = f.clock.instant().minusSeconds(360).getEpochSecond();

        WebhookResponse old = service.handle(signed(wf.workflowId(), secret, "{}", sixMinutesAgo, Map.of()));
        WebhookResponse future = service.handle(signed(wf.workflowId(), secret, "{}", sixMinutesAgo + 720, Map.of()));
        WebhookResponse unknownOld = service.handle(signed("wf_0123456789abcdef0123456789abcdef", secret, "{}", sixMinutesAgo, Map.of()));
        Map<String, String> noTimestamp = new HashMap<>(signed(wf.workflowId(), secret, "{}").headers());
        noTimestamp.remove("x-agentflow-timestamp");
        WebhookResponse missing = service.handle(new WebhookRequest(wf.workflowId(), noTimestamp, "{}".getBytes(), "r"));

        for (WebhookResponse r : new WebhookResponse[] {old, future, unknownOld, missing}) {
            assertEquals(401, r.status());
            assertEquals(WebhookErrors.TIMESTAMP_EXPIRED, r.code());
        }
        assertEquals(old.body(), unknownOld.body(), "no hint whether the workflow exists");
        WebhookResponse fourMinutes = service.handle(signed(wf.workflowId(), secret, "{}",
                f.clock.instant().minusSeconds(240).getEpochSecond(), Map.of()));
        assertEquals(202, fourMinutes.status(), "within 5 minutes is fine");
    }

    @Test
    void inactiveWorkflow_isTold_onlyToAnAuthenticatedCaller() {
        for (String status : new String[] {"draft", "archived"}) {
            WorkflowRecord wf = f.workflow(status, WEBHOOK, null);
            SecretValue secret = f.secretFor(wf);
            WebhookResponse r = service.handle(signed(wf.workflowId(), secret, "{}"));
            assertEquals(409, r.status());
            assertEquals(WebhookErrors.WORKFLOW_INACTIVE, r.code());
            assertEquals(WebhookErrors.WEBHOOK_UNAUTHORIZED,
                    service.handle(signed(wf.workflowId(), SecretValue.of("whsec_guess-000000000000"), "{}")).code());
        }
        WorkflowRecord noWebhook = f.workflow("active", "[{\"type\": \"manual\"}]", null);
        assertEquals(WebhookErrors.WORKFLOW_INACTIVE, service.handle(signed(noWebhook.workflowId(), f.secretFor(noWebhook), "{}")).code());
        assertTrue(f.sfn.started.isEmpty());
    }

    @Test
    void oversizedBody_is413_whoeverAsks() {
        WorkflowRecord wf = f.workflow("active", WEBHOOK, null);
        SecretValue secret = f.secretFor(wf);
        String big = "{\"blob\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}";

        WebhookResponse signedBig = service.handle(signed(wf.workflowId(), secret, big));
        WebhookResponse anonymousBig = service.handle(new WebhookRequest("wf_0123456789abcdef0123456789abcdef", Map.of(),
                big.getBytes(StandardCharsets.UTF_8), "r"));

        assertEquals(413, signedBig.status());
        assertEquals(WebhookErrors.PAYLOAD_TOO_LARGE, signedBig.code());
        assertEquals(signedBig.body(), anonymousBig.body());
        assertTrue(f.sfn.started.isEmpty());
    }

    @Test
    void badBodyOrKey_is400_afterAuthentication() {
        WorkflowRecord wf = f.workflow("active", WEBHOOK, null);
        SecretValue secret = f.secretFor(wf);

        assertEquals(400, service.handle(signed(wf.workflowId(), secret, "[1, 2]")).status());
        assertEquals(400, service.handle(signed(wf.workflowId(), secret, "{not json")).status());
        WebhookResponse badKey = service.handle(signed(wf.workflowId(), secret, "{}", f.clock.instant().getEpochSecond(),
                Map.of("idempotency-key", "x".repeat(129))));
        assertEquals(400, badKey.status());
        assertEquals(WebhookErrors.VALIDATION_ERROR, badKey.code());
        assertTrue(f.sfn.started.isEmpty());
    }

    @Test
    void syncTrigger_answersTheOutputs_whenTheRunEndsInTime() {
        WorkflowRecord wf = f.workflow("active", "[{\"type\": \"webhook\", \"respond\": \"sync\", \"syncTimeoutSeconds\": 3}]", null);
        SecretValue secret = f.secretFor(wf);
        // the "status function": ends the run once the webhook has polled for a while
        WebhookService sync = new WebhookService(WebhookTargets.of(f.workflows, f.keys), f.master, f.launcher, f.executions, f.clock, d -> {
            f.sleeps.add(d);
            f.clock.advance(d);
            if (f.sleeps.size() == 3) {
                String id = f.sfn.started.get(0).name();
                f.executions.complete(new Completion(id, "alice", wf.workflowId(), ExecutionStatus.COMPLETED,
                        Json.parse("{\"greeting\": \"Hello Ada\"}"), null, null, null, null, null, f.clock.instant(), 40, true));
            }
        }, 256 * 1024, f.log);

        WebhookResponse r = sync.handle(signed(wf.workflowId(), secret, "{\"name\": \"Ada\"}"));

        assertEquals(200, r.status(), r.body()::toString);
        assertEquals("completed", r.body().at("/data/status").asText());
        assertEquals("Hello Ada", r.body().at("/data/outputs/greeting").asText());
    }

    @Test
    void syncTrigger_answers202_whenTheRunOutlastsTheBound() {
        WorkflowRecord wf = f.workflow("active", "[{\"type\": \"webhook\", \"respond\": \"sync\", \"syncTimeoutSeconds\": 2}]", null);
        SecretValue secret = f.secretFor(wf);

        WebhookResponse r = service.handle(signed(wf.workflowId(), secret, "{}"));

        assertEquals(202, r.status(), r.body()::toString);
        assertEquals(Duration.ofSeconds(2), f.sleeps.stream().reduce(Duration.ZERO, Duration::plus));
    }

    @Test
    void stepFunctionsDown_is503() {
        WorkflowRecord wf = f.workflow("active", WEBHOOK, null);
        SecretValue secret = f.secretFor(wf);
        f.sfn.failing(true);

        WebhookResponse r = service.handle(signed(wf.workflowId(), secret, "{}"));

        assertEquals(503, r.status());
        assertFalse(r.body().toString().contains("Exception"));
    }
}
