package dev.agentflow.triggers.callback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.core.json.Json;
import dev.agentflow.core.triggers.ResultCallbacks;
import dev.agentflow.core.triggers.TriggerException;
import dev.agentflow.shared.keys.SecretValue;
import dev.agentflow.shared.log.JsonLog;
import dev.agentflow.shared.runs.CallbackLedger;
import dev.agentflow.shared.runs.ExecutionRecord;
import dev.agentflow.shared.runs.ExecutionRepository;
import dev.agentflow.shared.runs.ExecutionStatus;
import dev.agentflow.shared.signing.MasterKey;
import dev.agentflow.shared.signing.SigningKeyRecord;
import dev.agentflow.shared.signing.SigningKeyStore;
import dev.agentflow.shared.signing.Signatures;
import dev.agentflow.shared.workflows.WorkflowRecord;
import dev.agentflow.shared.workflows.WorkflowRepository;
import dev.agentflow.shared.workflows.WorkflowVersion;
import dev.agentflow.triggers.Sleeper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Result callbacks (issue 8, seed 002 §3.6.2): a consumer of the same "Step Functions Execution Status Change"
 * events as the status function. When an execution ends it POSTs the result to the workflow's
 * {@code settings.callbacks.onSuccess} (completed) or {@code onFailure} (failed, timed out, cancelled) — the
 * callbacks of the version that ran — signed like webhooks, retried with exponential backoff, and records the
 * delivery on the execution ({@code callback}).
 *
 * <p>Exactly once, as far as it goes: the status function ends the record (this waits for that, then reads the
 * final outputs and error from it); one worker {@linkplain CallbackLedger#claim claims} the delivery with a lease,
 * so a duplicate event delivers nothing; a worker that dies mid-delivery lets the lease run out and a retried event
 * delivers again. Receivers dedupe on {@code X-AgentFlow-Delivery} ({@code <executionId>:<event>}).
 */
public final class ResultCallbackService {

    /** What one event did. */
    public enum Outcome {
        /** The receiver accepted the result. */
        DELIVERED,
        /** Every attempt failed, or the URL is refused; recorded as failed. */
        FAILED,
        /** The workflow has no callback for this outcome. */
        NOT_CONFIGURED,
        /** Another event's worker has (or had) this delivery. */
        ALREADY_CLAIMED,
        /** Not an execution of ours, or not an ending. */
        IGNORED
    }

    /** How long a claim holds: longer than the function's timeout, so a live worker is never overtaken. */
    public static final Duration LEASE = Duration.ofMinutes(15);
    /** Longest pause between attempts. */
    public static final Duration MAX_DELAY = Duration.ofSeconds(30);

    private final WorkflowRepository workflows;
    private final ExecutionRepository executions;
    private final CallbackLedger ledger;
    private final SigningKeyStore keys;
    private final MasterKey master;
    private final CallbackSender sender;
    private final Clock clock;
    private final Sleeper sleeper;
    private final int maxAttempts;
    private final Duration baseDelay;
    private final Duration recordWait;
    private final JsonLog log;
    /** Callbacks per workflow version (snapshots never change, so a warm container reads each once). */
    private final Map<String, ResultCallbacks> versionCallbacks = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param workflows   workflows and their version snapshots (the callbacks of the version that ran)
     * @param executions  execution records (the final result)
     * @param ledger      delivery claims and outcomes
     * @param keys        signing-secret records
     * @param master      the signing master key
     * @param sender      one POST through the SSRF guard
     * @param clock       clock
     * @param sleeper     waits (backoff, record polls)
     * @param maxAttempts attempts per delivery, from 1
     * @param baseDelay   pause before the second attempt, doubled each time up to {@link #MAX_DELAY}
     * @param recordWait  how long to wait for the status function to end the record before giving the event back
     * @param log         structured log
     */
    public ResultCallbackService(WorkflowRepository workflows, ExecutionRepository executions, CallbackLedger ledger,
                                 SigningKeyStore keys, MasterKey master, CallbackSender sender, Clock clock,
                                 Sleeper sleeper, int maxAttempts, Duration baseDelay, Duration recordWait, JsonLog log) {
        this.workflows = workflows;
        this.executions = executions;
        this.ledger = ledger;
        this.keys = keys;
        this.master = master;
        this.sender = sender;
        this.clock = clock;
        this.sleeper = sleeper;
        this.maxAttempts = Math.max(1, maxAttempts);
        this.baseDelay = baseDelay;
        this.recordWait = recordWait;
        this.log = log;
    }

    /**
     * Handles one status-change event.
     *
     * @throws IllegalStateException when the record has not ended within the wait (the event is retried)
     */
    public Outcome apply(JsonNode event) throws InterruptedException {
        JsonNode detail = event.path("detail");
        String executionId = detail.path("name").asText(null);
        if (executionId == null || ExecutionStatus.fromStepFunctions(detail.path("status").asText(null)).isEmpty()) {
            return Outcome.IGNORED;
        }
        Optional<ExecutionRecord> found = executions.find(executionId);
        if (found.isEmpty()) {
            return Outcome.IGNORED;
        }
        ExecutionRecord record = found.get();
        ResultCallbacks callbacks = callbacksOf(record);
        if (!callbacks.any()) {
            return Outcome.NOT_CONFIGURED;
        }
        record = awaitEnded(record);
        boolean success = record.status() == ExecutionStatus.COMPLETED;
        Optional<URI> url = callbacks.forOutcome(success);
        if (url.isEmpty()) {
            return Outcome.NOT_CONFIGURED;
        }
        String name = success ? "execution.completed" : "execution.failed";
        SecretValue secret = secret(record.workflowId()); // before the claim: a failure here leaves the event retryable
        ObjectNode delivery = Json.object().put("state", "delivering").put("event", name)
                .put("url", redacted(url.get())).put("attempts", 0).put("claimedAt", clock.instant().toString());
        if (!ledger.claim(executionId, delivery, clock.instant(), LEASE)) {
            return done(Outcome.ALREADY_CLAIMED, record, null);
        }
        ObjectNode outcome = deliver(record, name, url.get(), secret);
        ledger.record(executionId, outcome);
        return done("delivered".equals(outcome.path("state").asText()) ? Outcome.DELIVERED : Outcome.FAILED, record, outcome);
    }

    private ResultCallbacks callbacksOf(ExecutionRecord record) {
        String key = record.workflowId() + "#" + record.workflowVersion();
        ResultCallbacks cached = versionCallbacks.get(key);
        if (cached != null) {
            return cached;
        }
        if (versionCallbacks.size() > 10_000) {
            versionCallbacks.clear();
        }
        ResultCallbacks read = readCallbacks(record);
        versionCallbacks.put(key, read);
        return read;
    }

    private ResultCallbacks readCallbacks(ExecutionRecord record) {
        JsonNode definition = workflows.version(record.workflowId(), record.workflowVersion())
                .map(WorkflowVersion::definition)
                .or(() -> workflows.find(record.workflowId()).map(WorkflowRecord::definition))
                .orElse(null);
        try {
            return ResultCallbacks.fromDefinition(definition);
        } catch (TriggerException e) {
            return ResultCallbacks.NONE;
        }
    }

    private ExecutionRecord awaitEnded(ExecutionRecord record) throws InterruptedException {
        Instant deadline = clock.instant().plus(recordWait);
        Duration pause = Duration.ofMillis(10);
        ExecutionRecord current = record;
        while (!current.status().terminal()) {
            if (!clock.instant().isBefore(deadline)) {
                throw new IllegalStateException("execution " + record.executionId() + " has not been ended by the status "
                        + "function yet; the event will be retried");
            }
            sleeper.sleep(pause);
            pause = pause.multipliedBy(2).compareTo(Duration.ofMillis(500)) > 0 ? Duration.ofMillis(500) : pause.multipliedBy(2);
            current = executions.find(record.executionId()).orElse(current);
        }
        return current;
    }

    private ObjectNode deliver(ExecutionRecord record, String name, URI url, SecretValue secret)
            throws InterruptedException {
        byte[] body = Json.write(payload(record, name)).getBytes(StandardCharsets.UTF_8);
        CallbackSender.Attempt last = null;
        int attempt = 0;
        Duration delay = baseDelay;
        while (attempt < maxAttempts) {
            if (attempt > 0) {
                sleeper.sleep(delay);
                delay = delay.multipliedBy(2).compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay.multipliedBy(2);
            }
            attempt++;
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "application/json");
            headers.put("User-Agent", "AgentFlow-Callback/1.0");
            headers.put("X-AgentFlow-Event", name);
            headers.put("X-AgentFlow-Delivery", record.executionId() + ":" + name);
            if (secret != null) {
                long now = clock.instant().getEpochSecond();
                headers.put(Signatures.TIMESTAMP_HEADER, Long.toString(now));
                headers.put(Signatures.SIGNATURE_HEADER, Signatures.sign(secret, now, body));
            }
            last = sender.post(url, body, headers);
            if (last.delivered() || !last.retryable()) {
                break;
            }
        }
        ObjectNode out = Json.object().put("state", last.delivered() ? "delivered" : "failed").put("event", name)
                .put("url", redacted(url)).put("attempts", attempt).put("signed", secret != null);
        if (last.statusCode() > 0) {
            out.put("statusCode", last.statusCode());
        } else {
            out.putNull("statusCode");
        }
        out.put("error", last.error());
        out.put(last.delivered() ? "deliveredAt" : "failedAt", clock.instant().toString());
        return out;
    }

    private SecretValue secret(String workflowId) {
        Optional<SigningKeyRecord> key = keys.find(workflowId);
        if (key.isEmpty()) {
            log.warn("result callback unsigned: the workflow has no signing secret", Map.of("workflowId", workflowId));
            return null;
        }
        return master.secretOf(key.get());
    }

    /**
     * The body: {@code {event, deliveryId, executionId, workflowId, workflowVersion, status, trigger, idempotencyKey,
     * startedAt, completedAt, durationMs, outputs | error {code, message, nodeId}}}.
     */
    static ObjectNode payload(ExecutionRecord e, String name) {
        ObjectNode p = Json.object();
        p.put("event", name);
        p.put("deliveryId", e.executionId() + ":" + name);
        p.put("executionId", e.executionId());
        p.put("workflowId", e.workflowId());
        p.put("workflowVersion", e.workflowVersion());
        p.put("status", e.status().wire());
        p.put("trigger", e.trigger());
        p.put("idempotencyKey", e.idempotencyKey());
        p.put("startedAt", e.startedAt().toString());
        p.put("completedAt", e.completedAt() == null ? null : e.completedAt().toString());
        if (e.durationMs() != null) {
            p.put("durationMs", e.durationMs());
        }
        if (e.status() == ExecutionStatus.COMPLETED) {
            p.set("outputs", e.outputs() == null ? Json.object() : e.outputs());
        } else {
            p.putObject("error").put("code", e.errorCode()).put("message", e.errorMessage()).put("nodeId", e.errorNodeId());
        }
        return p;
    }

    /** The URL as recorded: scheme, host, port and path; the query (which may hold a token) is left out. */
    static String redacted(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + (url.getRawPath() == null ? "" : url.getRawPath());
    }

    private Outcome done(Outcome outcome, ExecutionRecord record, JsonNode delivery) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("executionId", record.executionId());
        f.put("workflowId", record.workflowId());
        f.put("outcome", outcome.name());
        if (delivery != null) {
            f.put("attempts", delivery.path("attempts").asInt());
            f.put("statusCode", delivery.path("statusCode").isNumber() ? delivery.path("statusCode").asInt() : null);
        }
        if (outcome == Outcome.FAILED) {
            log.warn("result callback", f);
        } else {
            log.info("result callback", f);
        }
        return outcome;
    }
}
