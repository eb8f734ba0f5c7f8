package dev.agentflow.api.triggers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.api.testing.ApiFixture;
import dev.agentflow.api.testing.ApiFixture.Reply;
import dev.agentflow.core.json.Json;
import dev.agentflow.shared.signing.SigningSecrets;
import dev.agentflow.shared.testing.DynamoDbLocal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 8 through the HTTP API: triggers validated at save (VALIDATION_ERROR naming the trigger), schedules kept in
 * line with the workflow's lifecycle (active ↔ archived, edits, delete), the signing secret shown once, rotated,
 * revoked, never stored; executions list their trigger and idempotency key.
 */
class TriggersApiTest {

    private final ApiFixture f = new ApiFixture();

    private static ObjectNode workflow(String status, String triggers) {
        ObjectNode wf = (ObjectNode) Json.parse(ApiFixture.sampleWorkflow("weather-summary.json"));
        wf.put("status", status);
        wf.set("triggers", Json.parse(triggers));
        return wf;
    }

    private static final String BOTH = "[{\"type\": \"webhook\"}, {\"type\": \"schedule\", \"rate\": \"1 minute\","
            + " \"inputs\": {\"city\": \"beijing\"}}, {\"type\": \"schedule\", \"cron\": \"0 9 * * ? *\", \"timezone\": \"Asia/Shanghai\","
            + " \"flexibleWindowMinutes\": 10}]";

    private Reply create(ObjectNode wf) {
        Reply r = f.call("POST", "/api/v1/workflows", "alice", wf.toString());
        assertEquals(201, r.status(), r.body()::toString);
        return r;
    }

    private Reply put(String id, String body) {
        Reply r = f.call("PUT", "/api/v1/workflows/" + id, "alice", body);
        assertEquals(200, r.status(), r.body()::toString);
        return r;
    }

    @Test
    void activeWorkflow_getsOneScheduleperScheduleTrigger_andItsSecretOnce() {
        Reply created = create(workflow("active", BOTH));
        String id = created.data().path("id").asText();

        // the signing secret is in the create answer, once
        String secret = created.data().at("/signingSecret/secret").asText();
        assertTrue(secret.startsWith("whsec_"), created.body()::toString);
        assertEquals("/hooks/" + id, created.data().at("/webhook/path").asText());
        assertTrue(created.data().at("/webhook/enabled").asBoolean());
        Reply got = f.call("GET", "/api/v1/workflows/" + id, "alice", null);
        assertTrue(got.data().at("/signingSecret/secret").isMissingNode(), got.body()::toString);
        assertFalse(got.body().toString().contains(secret));
        assertFalse(f.snapshot().toString().contains(secret), "the secret is never stored");
        assertTrue(f.snapshot().toString().contains(SigningSecrets.hash(secret)), "its hash is");

        // one schedule per schedule trigger, named by trigger index, targeting the trigger function with its fingerprint
        assertEquals(List.of("agentflow-" + id + "-1", "agentflow-" + id + "-2"), List.copyOf(f.schedules.schedules.keySet()));
        ScheduleSpec minutely = f.schedules.schedules.get("agentflow-" + id + "-1");
        assertEquals("rate(1 minute)", minutely.expression());
        assertEquals("UTC", minutely.timezone());
        assertNull(minutely.flexibleWindowMinutes());
        JsonNode input = Json.parse(minutely.input());
        assertEquals(id, input.path("workflowId").asText());
        assertEquals(1, input.path("trigger").asInt());
        assertEquals("<aws.scheduler.scheduled-time>", input.path("scheduledTime").asText());
        assertEquals(16, input.path("fingerprint").asText().length());
        ScheduleSpec daily = f.schedules.schedules.get("agentflow-" + id + "-2");
        assertEquals("cron(0 9 * * ? *)", daily.expression());
        assertEquals("Asia/Shanghai", daily.timezone());
        assertEquals(10, daily.flexibleWindowMinutes());
        assertEquals(List.of("agentflow-" + id + "-1", "agentflow-" + id + "-2"),
                List.of(Json.MAPPER.convertValue(got.data().path("schedules"), String[].class)));
    }

    @Test
    void schedules_followTheLifecycle_activateEditArchiveDelete() {
        String id = create(workflow("draft", BOTH)).data().path("id").asText();
        assertTrue(f.schedules.schedules.isEmpty(), "a draft never fires");

        put(id, "{\"status\": \"active\"}");
        assertEquals(2, f.schedules.schedules.size());
        int writes = f.schedules.writes.get();

        put(id, "{\"name\": \"Renamed\"}");
        assertEquals(writes, f.schedules.writes.get(), "an unrelated change rewrites no schedule");

        ArrayNode edited = (ArrayNode) Json.parse(BOTH);
        ((ObjectNode) edited.get(1)).put("rate", "5 minutes");
        edited.remove(2);
        put(id, Json.object().set("triggers", edited).toString());
        assertEquals(List.of("agentflow-" + id + "-1"), List.copyOf(f.schedules.schedules.keySet()));
        assertEquals("rate(5 minutes)", f.schedules.schedules.get("agentflow-" + id + "-1").expression());

        put(id, "{\"status\": \"archived\"}");
        assertTrue(f.schedules.schedules.isEmpty(), "archived: no schedule left");

        put(id, "{\"status\": \"active\"}");
        assertEquals(1, f.schedules.schedules.size());
        assertEquals(200, f.call("DELETE", "/api/v1/workflows/" + id, "alice", null).status());
        assertTrue(f.schedules.schedules.isEmpty(), "deleted: no schedule left");
        assertTrue(DynamoDbLocal.scan(f.tables.get("WorkflowsTable")).stream()
                .noneMatch(i -> "WEBHOOK".equals(i.get("sk").s())), "and no signing secret");
    }

    @Test
    void invalidTrigger_is400NamingIt_andNothingIsSaved() {
        Map<String, List<String>> before = f.snapshot();
        Reply bad = f.call("POST", "/api/v1/workflows", "alice", workflow("active",
                "[{\"type\": \"webhook\"}, {\"type\": \"schedule\", \"cron\": \"0 9 * * *\"}]").toString());

        assertEquals(400, bad.status());
        assertEquals("VALIDATION_ERROR", bad.code());
        assertEquals("triggers[1].cron", bad.body().at("/error/details/field").asText(), bad.body()::toString);
        assertTrue(bad.body().at("/error/message").asText().contains("Trigger 1"), bad.body()::toString);
        assertEquals(before, f.snapshot());
        assertTrue(f.sfn.definitions.isEmpty(), "no state machine either");

        String id = create(workflow("active", "[]")).data().path("id").asText();
        Reply badUpdate = f.call("PUT", "/api/v1/workflows/" + id, "alice",
                "{\"triggers\": [{\"type\": \"schedule\", \"rate\": \"1 minutes\"}]}");
        assertEquals(400, badUpdate.status());
        assertEquals("triggers[0].rate", badUpdate.body().at("/error/details/field").asText());
        ObjectNode badCallback = (ObjectNode) Json.parse(ApiFixture.sampleWorkflow("weather-summary.json")).path("definition");
        ((ObjectNode) badCallback.path("settings")).putObject("callbacks").put("onFailure", "ftp://example.com/x");
        Reply badCb = f.call("PUT", "/api/v1/workflows/" + id, "alice", Json.object().set("definition", badCallback).toString());
        assertEquals(400, badCb.status());
        assertEquals("definition.settings.callbacks.onFailure", badCb.body().at("/error/details/field").asText());
        assertEquals(1, f.call("GET", "/api/v1/workflows/" + id, "alice", null).data().path("version").asInt());
    }

    @Test
    void rotate_issuesANewSecret_andWithoutWebhookOrCallback_thereIsNone() {
        String id = create(workflow("active", "[{\"type\": \"webhook\"}]")).data().path("id").asText();
        String first = f.call("GET", "/api/v1/workflows/" + id, "alice", null).data().at("/signingSecret/createdAt").asText();

        Reply rotated = f.call("POST", "/api/v1/workflows/" + id + "/webhook/rotate", "alice", null);
        assertEquals(200, rotated.status(), rotated.body()::toString);
        String secret = rotated.data().at("/signingSecret/secret").asText();
        assertTrue(secret.startsWith("whsec_"));
        assertEquals(first, rotated.data().at("/signingSecret/createdAt").asText());
        Reply again = f.call("POST", "/api/v1/workflows/" + id + "/webhook/rotate", "alice", null);
        assertNotEquals(secret, again.data().at("/signingSecret/secret").asText());
        assertEquals(404, f.call("POST", "/api/v1/workflows/" + id + "/webhook/rotate", "bob", null).status());

        put(id, "{\"triggers\": [{\"type\": \"manual\"}]}");
        assertTrue(f.call("GET", "/api/v1/workflows/" + id, "alice", null).data().path("signingSecret").isMissingNode(),
                "removing the webhook revokes the secret");
        Reply none = f.call("POST", "/api/v1/workflows/" + id + "/webhook/rotate", "alice", null);
        assertEquals(409, none.status());
        assertEquals("CONFLICT", none.code());
    }

    @Test
    void callbacksAlone_alsoGetASigningSecret() {
        ObjectNode wf = workflow("active", "[]");
        ((ObjectNode) wf.at("/definition/settings")).putObject("callbacks").put("onSuccess", "https://example.com/done");
        Reply created = create(wf);
        assertTrue(created.data().at("/signingSecret/secret").asText().startsWith("whsec_"));
        assertTrue(created.data().path("webhook").isMissingNode());
    }

    @Test
    void schedulerDown_is503SayingTheWorkflowIsSaved_andTheNextSaveReconciles() {
        String id = create(workflow("draft", BOTH)).data().path("id").asText();
        f.schedules.failing(true);

        Reply down = f.call("PUT", "/api/v1/workflows/" + id, "alice", "{\"status\": \"active\"}");
        assertEquals(503, down.status());
        assertEquals("SERVICE_UNAVAILABLE", down.code());
        assertTrue(down.body().at("/error/message").asText().contains("saved"), down.body()::toString);
        assertEquals("active", f.call("GET", "/api/v1/workflows/" + id, "alice", null).data().path("status").asText());

        f.schedules.failing(false);
        put(id, "{\"description\": \"retry\"}");
        assertEquals(2, f.schedules.schedules.size());
    }

    @Test
    void executions_showTheirTriggerAndIdempotencyKey() {
        String id = create(workflow("active", "[]")).data().path("id").asText();
        Reply run = f.call("POST", "/api/v1/workflows/" + id + "/execute", "alice", "{}", Map.of("idempotency-key", "order-42"));
        String exec = run.data().path("executionId").asText();

        JsonNode listed = f.call("GET", "/api/v1/executions?workflowId=" + id, "alice", null).data().path("items").get(0);
        assertEquals("manual", listed.path("trigger").asText());
        assertEquals("order-42", listed.path("idempotencyKey").asText());
        JsonNode detail = f.call("GET", "/api/v1/executions/" + exec, "alice", null).data();
        assertEquals("order-42", detail.path("idempotencyKey").asText());
        assertTrue(detail.path("callback").isNull());
    }

    @Test
    void aWorkflowSavedBeforeTriggersWereChecked_canBeRenamedAndArchived_butNotActivated() {
        String id = create(workflow("draft", "[]")).data().path("id").asText();
        var stored = f.workflows.find(id).orElseThrow();
        // as if saved before issue 8: a trigger type it no longer accepts
        f.workflows.update(new dev.agentflow.shared.workflows.WorkflowRecord(stored.workflowId(), stored.userId(),
                stored.name(), stored.description(), "draft", 2, stored.definition(), Json.parse("[{\"type\": \"email\"}]"),
                stored.stateMachineArn(), stored.versionArn(), 0, stored.createdAt(), stored.updatedAt(), null), 1);

        put(id, "{\"name\": \"Renamed\"}");
        Reply activate = f.call("PUT", "/api/v1/workflows/" + id, "alice", "{\"status\": \"active\"}");
        assertEquals(400, activate.status(), activate.body()::toString);
        assertEquals("triggers[0].type", activate.body().at("/error/details/field").asText());
        put(id, "{\"status\": \"archived\"}");
        assertTrue(f.schedules.schedules.isEmpty());
    }

    @Test
    void deleteWithSchedulerDown_deletesNothing_andCanBeRetried() {
        String id = create(workflow("active", BOTH)).data().path("id").asText();
        f.schedules.failing(true);

        Reply down = f.call("DELETE", "/api/v1/workflows/" + id, "alice", null);
        assertEquals(503, down.status(), down.body()::toString);
        assertEquals(200, f.call("GET", "/api/v1/workflows/" + id, "alice", null).status(), "still there");

        f.schedules.failing(false);
        assertEquals(200, f.call("DELETE", "/api/v1/workflows/" + id, "alice", null).status());
        assertTrue(f.schedules.schedules.isEmpty());
        assertEquals(404, f.call("GET", "/api/v1/workflows/" + id, "alice", null).status());
    }
}
