package dev.agentflow.triggers.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.agentflow.core.json.Json;
import dev.agentflow.shared.keys.SecretValue;
import dev.agentflow.shared.net.AddressPolicy;
import dev.agentflow.shared.net.HostResolver;
import dev.agentflow.shared.net.UrlGuard;
import dev.agentflow.shared.runs.Completion;
import dev.agentflow.shared.runs.ExecutionRecord;
import dev.agentflow.shared.runs.ExecutionStatus;
import dev.agentflow.shared.signing.Signatures;
import dev.agentflow.shared.workflows.WorkflowRecord;
import dev.agentflow.triggers.callback.ResultCallbackService.Outcome;
import dev.agentflow.triggers.testing.TriggersFixture;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Result callbacks against a loopback receiver: the right URL, signed, retried with backoff, recorded, once. */
class ResultCallbackServiceTest {

    /** What the receiver got. */
    record Received(String path, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                    .map(e -> e.getValue().get(0)).orElse(null);
        }
    }

    private final TriggersFixture f = new TriggersFixture();
    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int failureStatus = 503;
    private HttpServer receiver;
    private String base;

    @BeforeEach
    void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", ex -> {
            received.add(new Received(ex.getRequestURI().getPath(), Map.copyOf(ex.getRequestHeaders()),
                    ex.getRequestBody().readAllBytes()));
            int status = failuresLeft.getAndDecrement() > 0 ? failureStatus : 204;
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        receiver.start();
        base = "http://127.0.0.1:" + receiver.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    private ResultCallbackService service(String allowedNetworks) {
        UrlGuard guard = new UrlGuard(AddressPolicy.allowing(allowedNetworks), HostResolver.system());
        return new ResultCallbackService(f.workflows, f.executions, f.ledger, f.keys, f.master,
                new CallbackSender(CallbackSender.newClient(), guard, Duration.ofSeconds(5)), f.clock, f.sleeper(),
                4, Duration.ofSeconds(1), Duration.ofSeconds(5), f.log);
    }

    private final ResultCallbackService service = service("127.0.0.0/8");

    private WorkflowRecord workflowWithCallbacks() {
        ObjectNode settings = Json.object();
        settings.putObject("callbacks").put("onSuccess", base + "/done?token=abc").put("onFailure", base + "/failed");
        return f.workflow("active", "[]", settings);
    }

    private String run(WorkflowRecord wf, ExecutionStatus end) {
        String id = f.launcher.launch(wf, dev.agentflow.shared.runs.ExecutionLauncher.newExecutionId(), Json.object(),
                "webhook", "key-1").record().executionId();
        if (end != null) {
            boolean ok = end == ExecutionStatus.COMPLETED;
            f.executions.complete(new Completion(id, "alice", wf.workflowId(), end,
                    ok ? Json.parse("{\"greeting\": \"Hello\"}") : null, null, ok ? null : "TEMPLATE_RENDER_ERROR",
                    ok ? null : "Unknown reference inputs.name", ok ? null : "greet", null, f.clock.instant(), 25, true));
        }
        return id;
    }

    private static ObjectNode statusEvent(String executionId, String status) {
        ObjectNode event = Json.object().put("source", "aws.states").put("detail-type", "Step Functions Execution Status Change");
        event.putObject("detail").put("name", executionId).put("status", status);
        return event;
    }

    @Test
    void completedRun_isPostedToOnSuccess_signed_andRecordedDelivered() throws Exception {
        WorkflowRecord wf = workflowWithCallbacks();
        SecretValue secret = f.secretFor(wf);
        String id = run(wf, ExecutionStatus.COMPLETED);

        assertEquals(Outcome.DELIVERED, service.apply(statusEvent(id, "SUCCEEDED")));

        assertEquals(1, received.size());
        Received r = received.peek();
        assertEquals("/done", r.path());
        JsonNode body = Json.MAPPER.readTree(r.body());
        assertEquals("execution.completed", body.path("event").asText());
        assertEquals(id, body.path("executionId").asText());
        assertEquals("completed", body.path("status").asText());
        assertEquals("Hello", body.at("/outputs/greeting").asText());
        assertEquals("webhook", body.path("trigger").asText());
        assertEquals("key-1", body.path("idempotencyKey").asText());
        assertEquals(id + ":execution.completed", r.header("X-AgentFlow-Delivery"));
        long ts = Long.parseLong(r.header("X-AgentFlow-Timestamp"));
        assertTrue(Signatures.verify(secret, ts, r.body(), r.header("X-AgentFlow-Signature")), "signed like webhooks");
        JsonNode delivery = f.executions.find(id).orElseThrow().callback();
        assertEquals("delivered", delivery.path("state").asText());
        assertEquals(1, delivery.path("attempts").asInt());
        assertEquals(204, delivery.path("statusCode").asInt());
        assertEquals(base + "/done", delivery.path("url").asText(), "the query (a token) is not recorded");
    }

    @Test
    void failedRun_isPostedToOnFailure_withTheError() throws Exception {
        WorkflowRecord wf = workflowWithCallbacks();
        f.secretFor(wf);
        String id = run(wf, ExecutionStatus.FAILED);

        assertEquals(Outcome.DELIVERED, service.apply(statusEvent(id, "FAILED")));

        Received r = received.peek();
        assertEquals("/failed", r.path());
        JsonNode body = Json.MAPPER.readTree(r.body());
        assertEquals("execution.failed", body.path("event").asText());
        assertEquals("failed", body.path("status").asText());
        assertEquals("TEMPLATE_RENDER_ERROR", body.at("/error/code").asText());
        assertEquals("greet", body.at("/error/nodeId").asText());
        assertFalse(body.has("outputs"));
    }

    @Test
    void serverErrors_areRetriedWithExponentialBackoff() throws Exception {
        WorkflowRecord wf = workflowWithCallbacks();
        f.secretFor(wf);
        String id = run(wf, ExecutionStatus.COMPLETED);
        failuresLeft.set(2);

        assertEquals(Outcome.DELIVERED, service.apply(statusEvent(id, "SUCCEEDED")));

        assertEquals(3, received.size());
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), f.sleeps);
        assertEquals(3, f.executions.find(id).orElseThrow().callback().path("attempts").asInt());
    }

    @Test
    void everyAttemptFailing_isRecordedFailed() throws Exception {
        WorkflowRecord wf = workflowWithCallbacks();
        f.secretFor(wf);
        String id = run(wf, ExecutionStatus.COMPLETED);
        failuresLeft.set(100);

        assertEquals(Outcome.FAILED, service.apply(statusEvent(id, "SUCCEEDED")));

        assertEquals(4, received.size());
        JsonNode delivery = f.executions.find(id).orElseThrow().callback();
        assertEquals("failed", delivery.path("state").asText());
        assertEquals(503, delivery.path("statusCode").asInt());
        assertEquals(4, delivery.path("attempts").asInt());
    }

    @Test
    void clientErrors_areNotRetried() throws Exception {
        WorkflowRecord wf = workflowWithCallbacks();
        f.secretFor(wf);
        String id = run(wf, ExecutionStatus.COMPLETED);
        failuresLeft.set(100);
        failureStatus = 404;

        assertEquals(Outcome.FAILED, service.apply(statusEvent(id, "SUCCEEDED")));
        assertEquals(1, received.size());
    }

    @Test
    void theSsrfGuard_refusesPrivateAddresses_withoutAnyRequest() throws Exception {
        WorkflowRecord wf = workflowWithCallbacks();
        f.secretFor(wf);
        String id = run(wf, ExecutionStatus.COMPLETED);

        assertEquals(Outcome.FAILED, service("").apply(statusEvent(id, "SUCCEEDED")));

        assertTrue(received.isEmpty());
        JsonNode delivery = f.executions.find(id).orElseThrow().callback();
        assertTrue(delivery.path("error").asText().contains("loopback"), delivery::toString);
        assertEquals(1, delivery.path("attempts").asInt());
    }

    @Test
    void aDuplicateEvent_deliversNothingMore() throws Exception {
        WorkflowRecord wf = workflowWithCallbacks();
        f.secretFor(wf);
        String id = run(wf, ExecutionStatus.COMPLETED);

        service.apply(statusEvent(id, "SUCCEEDED"));
        assertEquals(Outcome.ALREADY_CLAIMED, service.apply(statusEvent(id, "SUCCEEDED")));
        assertEquals(1, received.size());
    }

    @Test
    void theEventBeforeTheStatusFunction_waitsForTheEndedRecord_orIsGivenBack() throws Exception {
        WorkflowRecord wf = workflowWithCallbacks();
        f.secretFor(wf);
        String id = run(wf, null);

        assertThrows(IllegalStateException.class, () -> service.apply(statusEvent(id, "SUCCEEDED")));
        assertTrue(received.isEmpty());
        assertEquals(null, f.executions.find(id).orElseThrow().callback(), "nothing claimed: a retry can deliver");

        f.executions.complete(new Completion(id, "alice", wf.workflowId(), ExecutionStatus.COMPLETED, Json.object(), null,
                null, null, null, null, f.clock.instant(), 5, true));
        assertEquals(Outcome.DELIVERED, service.apply(statusEvent(id, "SUCCEEDED")));
    }

    @Test
    void noCallbackForTheOutcome_orForeignEvents_doNothing() throws Exception {
        ObjectNode settings = Json.object();
        settings.putObject("callbacks").put("onFailure", base + "/failed");
        WorkflowRecord onlyFailure = f.workflow("active", "[]", settings);
        String ok = run(onlyFailure, ExecutionStatus.COMPLETED);
        assertEquals(Outcome.NOT_CONFIGURED, service.apply(statusEvent(ok, "SUCCEEDED")));

        WorkflowRecord none = f.workflow("active", "[]", null);
        assertEquals(Outcome.NOT_CONFIGURED, service.apply(statusEvent(run(none, ExecutionStatus.COMPLETED), "SUCCEEDED")));
        assertEquals(Outcome.IGNORED, service.apply(statusEvent("exec_unknown", "SUCCEEDED")));
        assertEquals(Outcome.IGNORED, service.apply(statusEvent(ok, "RUNNING")));
        assertTrue(received.isEmpty());
        ExecutionRecord r = f.executions.find(ok).orElseThrow();
        assertEquals(null, r.callback());
    }

    @Test
    void masterKeyUnavailable_throwsBeforeClaiming_soARetryDelivers() throws Exception {
        WorkflowRecord wf = workflowWithCallbacks();
        f.secretFor(wf);
        String id = run(wf, ExecutionStatus.COMPLETED);
        UrlGuard guard = new UrlGuard(AddressPolicy.allowing("127.0.0.0/8"), HostResolver.system());
        ResultCallbackService noKey = new ResultCallbackService(f.workflows, f.executions, f.ledger, f.keys,
                () -> { throw new IllegalStateException("secret unavailable"); },
                new CallbackSender(CallbackSender.newClient(), guard, Duration.ofSeconds(5)), f.clock, f.sleeper(),
                4, Duration.ofSeconds(1), Duration.ofSeconds(5), f.log);

        assertThrows(IllegalStateException.class, () -> noKey.apply(statusEvent(id, "SUCCEEDED")));
        assertEquals(null, f.executions.find(id).orElseThrow().callback());
        assertEquals(Outcome.DELIVERED, service.apply(statusEvent(id, "SUCCEEDED")));
    }
}
