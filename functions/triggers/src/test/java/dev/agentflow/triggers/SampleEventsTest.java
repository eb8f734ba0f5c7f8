package dev.agentflow.triggers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.agentflow.core.json.Json;
import dev.agentflow.shared.testing.DynamoDbLocal;
import dev.agentflow.shared.testing.ProjectFiles;
import dev.agentflow.triggers.callback.CallbackSender;
import dev.agentflow.triggers.callback.ResultCallbackService;
import dev.agentflow.triggers.schedule.ScheduleTriggerService;
import dev.agentflow.triggers.testing.TriggersFixture;
import dev.agentflow.triggers.webhook.DynamoDbWebhookTargets;
import dev.agentflow.triggers.webhook.WebhookService;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sample events in {@code events/} (for {@code sam local invoke -e}) bind to the handlers the way the Java
 * runtime binds them, and the handlers answer them (on empty tables: nothing to start).
 */
class SampleEventsTest {

    private final TriggersFixture f = new TriggersFixture();

    private static InputStream event(String name) throws Exception {
        return Files.newInputStream(ProjectFiles.resolve("events/" + name));
    }

    private static Map<String, Object> map(String name) throws Exception {
        try (InputStream in = event(name)) {
            return Json.MAPPER.readValue(in, new TypeReference<>() { });
        }
    }

    @Test
    void webhookSample_bindsAsAnApiGatewayV2Event_andAnUnknownWorkflowIs401() throws Exception {
        APIGatewayV2HTTPEvent event;
        try (InputStream in = event("webhook.json")) {
            event = LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, getClass().getClassLoader()).fromJson(in);
        }
        WebhookHandler handler = new WebhookHandler(new WebhookService(
                new DynamoDbWebhookTargets(DynamoDbLocal.client(), f.tables.get("WorkflowsTable")), f.master, f.launcher,
                f.executions, java.time.Clock.fixed(java.time.Instant.ofEpochSecond(1767000000), java.time.ZoneOffset.UTC),
                f.sleeper(), 262_144, f.log));

        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        assertEquals(401, response.getStatusCode());
        assertEquals("WEBHOOK_UNAUTHORIZED", Json.parse(response.getBody()).at("/error/code").asText());
    }

    @Test
    void scheduleSample_isReadAndFindsNoActiveWorkflow() throws Exception {
        ScheduleTriggerHandler handler = new ScheduleTriggerHandler(new ScheduleTriggerService(f.workflows, f.launcher, f.log));
        assertEquals("SKIPPED_INACTIVE", handler.handleRequest(map("schedule-trigger.json"), null));
    }

    @Test
    void statusChangeSample_isReadAndNamesNoKnownExecution() throws Exception {
        ResultCallbackHandler handler = new ResultCallbackHandler(new ResultCallbackService(f.workflows, f.executions,
                f.ledger, f.keys, f.master, new CallbackSender(CallbackSender.newClient(), null, Duration.ofSeconds(1)),
                f.clock, f.sleeper(), 1, Duration.ofSeconds(1), Duration.ofSeconds(1), f.log));
        assertEquals("IGNORED", handler.handleRequest(map("result-callback.json"), null));
    }
}
