package dev.agentflow.triggers.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.core.json.Json;
import dev.agentflow.core.triggers.TriggerException;
import dev.agentflow.core.triggers.WebhookTrigger;
import dev.agentflow.core.triggers.WorkflowTriggers;
import dev.agentflow.shared.keys.SecretValue;
import dev.agentflow.shared.log.JsonLog;
import dev.agentflow.shared.runs.ExecutionLauncher;
import dev.agentflow.shared.runs.ExecutionRecord;
import dev.agentflow.shared.runs.ExecutionRepository;
import dev.agentflow.shared.sfn.StateMachineException;
import dev.agentflow.shared.signing.MasterKey;
import dev.agentflow.shared.signing.SigningKeyRecord;
import dev.agentflow.shared.signing.SigningSecrets;
import dev.agentflow.shared.signing.Signatures;
import dev.agentflow.shared.workflows.WorkflowRecord;
import dev.agentflow.triggers.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code POST /hooks/{workflowId}} (issue 8, seed 002 §3.6.1): authenticates the caller with the workflow's
 * signing secret and starts a run whose inputs are the JSON body.
 *
 * <ol>
 *   <li>body over {@code maxBodyBytes} → 413 {@code PAYLOAD_TOO_LARGE} (before anything else);
 *   <li>credentials: {@code Authorization: Bearer <secret>}, or {@code X-AgentFlow-Signature: sha256=<hex>} with
 *       {@code X-AgentFlow-Timestamp: <unix s>} ({@link Signatures}); a signed call whose timestamp is missing or
 *       over 5 minutes off → 401 {@code TIMESTAMP_EXPIRED} (checked before any lookup);
 *   <li>an unknown or deleted workflow, or one without a signing secret, and a wrong secret or signature all
 *       answer the same 401 {@code WEBHOOK_UNAUTHORIZED}, after the same kind of work (a comparison against a
 *       dummy), so an unauthenticated caller cannot learn whether the workflow exists;
 *   <li>authenticated: a workflow that is not {@code active} or has no webhook trigger → 409
 *       {@code WORKFLOW_INACTIVE}; a body that is not a JSON object, or a malformed {@code Idempotency-Key}
 *       → 400 {@code VALIDATION_ERROR};
 *   <li>the run starts through {@link ExecutionLauncher} with trigger {@code webhook}; with an
 *       {@code Idempotency-Key} the execution id is derived from (workflow, key), so the conditional put of
 *       the record lets a repeated delivery find the first run instead of starting a second;
 *   <li>202 {@code {executionId, status, startedAt}}, or for a {@code "respond": "sync"} trigger, 200
 *       {@code {executionId, status, outputs | error}} when the run ends within its {@code syncTimeoutSeconds}
 *       (else the 202).
 * </ol>
 */
public final class WebhookService {

    private static final Pattern WORKFLOW_ID = Pattern.compile("wf_[0-9a-f]{32}");
    private static final SecretValue DUMMY_SECRET = SecretValue.of("whsec_dummy-secret-for-unknown-workflows-00000");
    private static final String DUMMY_HASH = SigningSecrets.hash(DUMMY_SECRET.reveal());

    private final WebhookTargets targets;
    private final MasterKey master;
    private final ExecutionLauncher launcher;
    private final ExecutionRepository executions;
    private final Clock clock;
    private final Sleeper sleeper;
    private final int maxBodyBytes;
    private final JsonLog log;

    /**
     * @param targets      the workflow and its signing record ({@link DynamoDbWebhookTargets}: one Query)
     * @param master       the signing master key (signature checks)
     * @param launcher     starts runs
     * @param executions   execution records (sync answers)
     * @param clock        clock (timestamp window, sync deadline)
     * @param sleeper      waits between sync polls
     * @param maxBodyBytes largest accepted body
     * @param log          structured log
     */
    public WebhookService(WebhookTargets targets, MasterKey master, ExecutionLauncher launcher,
                          ExecutionRepository executions, Clock clock, Sleeper sleeper, int maxBodyBytes, JsonLog log) {
        this.targets = targets;
        this.master = master;
        this.launcher = launcher;
        this.executions = executions;
        this.clock = clock;
        this.sleeper = sleeper;
        this.maxBodyBytes = maxBodyBytes;
        this.log = log;
    }

    /** Answers one call; never throws. */
    public WebhookResponse handle(WebhookRequest request) {
        try {
            return answer(request);
        } catch (StateMachineException e) {
            log.error("webhook: Step Functions refused", fields(request, e));
            return WebhookResponse.error(503, WebhookErrors.SERVICE_UNAVAILABLE,
                    "The workflow engine did not accept the execution; try again.");
        } catch (IllegalStateException e) {
            log.error("webhook: a backing service failed", fields(request, e));
            return WebhookResponse.error(503, WebhookErrors.SERVICE_UNAVAILABLE, "A backing service failed; try again.");
        } catch (RuntimeException e) {
            log.error("webhook: unexpected failure", fields(request, e));
            return WebhookResponse.error(500, WebhookErrors.INTERNAL_ERROR,
                    "Unexpected error (request " + request.requestId() + ").");
        }
    }

    private WebhookResponse answer(WebhookRequest request) {
        if (request.body().length > maxBodyBytes) {
            return WebhookResponse.error(413, WebhookErrors.PAYLOAD_TOO_LARGE,
                    "The body is larger than " + maxBodyBytes + " bytes.");
        }
        String bearer = bearer(request.header("authorization"));
        String signature = request.header(Signatures.SIGNATURE_HEADER.toLowerCase(Locale.ROOT));
        if (bearer == null && signature == null) {
            return WebhookErrors.unauthorized();
        }
        long timestamp = 0;
        if (bearer == null) {
            Long parsed = seconds(request.header(Signatures.TIMESTAMP_HEADER.toLowerCase(Locale.ROOT)));
            if (parsed == null || !Signatures.fresh(parsed, clock.instant().getEpochSecond())) {
                return WebhookResponse.error(401, WebhookErrors.TIMESTAMP_EXPIRED, "X-AgentFlow-Timestamp must be the "
                        + "signing time in unix seconds, within 5 minutes of now; sign the request again.");
            }
            timestamp = parsed;
        }
        Optional<WebhookTargets.Target> target = WORKFLOW_ID.matcher(String.valueOf(request.workflowId())).matches()
                ? targets.find(request.workflowId()) : Optional.empty();
        Optional<WorkflowRecord> wf = target.map(WebhookTargets.Target::workflow);
        Optional<SigningKeyRecord> key = target.map(WebhookTargets.Target::signing);
        boolean authentic;
        if (key.isEmpty()) {
            // the same kind of work as for a real workflow, then the same answer as a wrong secret
            if (bearer != null) {
                SigningSecrets.matchesHash(bearer, DUMMY_HASH);
            } else {
                Signatures.verify(DUMMY_SECRET, timestamp, request.body(), signature);
            }
            authentic = false;
        } else if (bearer != null) {
            authentic = SigningSecrets.matchesHash(bearer, key.get().secretHash());
        } else {
            authentic = Signatures.verify(master.secretOf(key.get()), timestamp, request.body(), signature);
        }
        if (!authentic) {
            return WebhookErrors.unauthorized();
        }
        return start(request, wf.get());
    }

    private WebhookResponse start(WebhookRequest request, WorkflowRecord wf) {
        WebhookTrigger trigger;
        try {
            trigger = WorkflowTriggers.parse(wf.triggers()).webhook();
        } catch (TriggerException e) {
            trigger = null;
        }
        if (!"active".equals(wf.status()) || trigger == null) {
            return WebhookResponse.error(409, WebhookErrors.WORKFLOW_INACTIVE, "Workflow " + wf.workflowId() + " is "
                    + wf.status() + (trigger == null ? " and has no webhook trigger" : "") + "; only an active workflow "
                    + "with a webhook trigger can be started by webhook.");
        }
        ObjectNode inputs;
        try {
            inputs = inputs(request.body());
        } catch (IllegalArgumentException e) {
            return WebhookResponse.error(400, WebhookErrors.VALIDATION_ERROR, e.getMessage());
        }
        String key = request.header("idempotency-key");
        if (key != null && (key.isEmpty() || key.length() > 128 || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7E))) {
            return WebhookResponse.error(400, WebhookErrors.VALIDATION_ERROR,
                    "'Idempotency-Key' must be 1 to 128 printable characters.");
        }
        String id = key == null ? ExecutionLauncher.newExecutionId()
                : ExecutionLauncher.derivedExecutionId("webhook", wf.workflowId(), key);
        ExecutionLauncher.Launch launch = launcher.launch(wf, id, inputs, "webhook", key);
        ExecutionRecord record = launch.record();
        if (trigger.sync()) {
            Optional<ExecutionRecord> ended = awaitEnd(id, Duration.ofSeconds(trigger.syncTimeoutSeconds()));
            if (ended.isPresent()) {
                return WebhookResponse.success(200, result(ended.get(), !launch.started()));
            }
        }
        ObjectNode data = Json.object().put("executionId", record.executionId()).put("status", record.status().wire())
                .put("startedAt", record.startedAt().toString());
        if (!launch.started()) {
            data.put("replayed", true);
        }
        return WebhookResponse.success(202, data);
    }

    /** The body as the run's inputs: a JSON object (an empty body is {@code {}}). */
    static ObjectNode inputs(byte[] body) {
        if (body.length == 0 || new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return Json.object();
        }
        JsonNode parsed;
        try {
            parsed = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The body is not valid JSON.");
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("The body could not be read.");
        }
        if (parsed == null || !parsed.isObject()) {
            throw new IllegalArgumentException("The body must be a JSON object; it becomes the execution's inputs.");
        }
        return (ObjectNode) parsed;
    }

    private Optional<ExecutionRecord> awaitEnd(String executionId, Duration limit) {
        Instant deadline = clock.instant().plus(limit);
        Duration pause = Duration.ofMillis(5);
        while (true) {
            Optional<ExecutionRecord> r = executions.find(executionId);
            if (r.isPresent() && r.get().status().terminal()) {
                return r;
            }
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                return Optional.empty();
            }
            try {
                sleeper.sleep(pause.compareTo(left) < 0 ? pause : left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
            pause = pause.multipliedBy(2).compareTo(Duration.ofMillis(200)) > 0 ? Duration.ofMillis(200) : pause.multipliedBy(2);
        }
    }

    private static ObjectNode result(ExecutionRecord e, boolean replayed) {
        ObjectNode data = Json.object().put("executionId", e.executionId()).put("status", e.status().wire());
        data.set("outputs", e.outputs() == null ? Json.object() : e.outputs());
        if (e.errorCode() != null || e.errorMessage() != null) {
            data.putObject("error").put("code", e.errorCode()).put("message", e.errorMessage())
                    .put("nodeId", e.errorNodeId());
        }
        data.put("durationMs", e.durationMs());
        if (replayed) {
            data.put("replayed", true);
        }
        return data;
    }

    private static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).trim();
        return token.isEmpty() ? null : token;
    }

    private static Long seconds(String header) {
        if (header == null || !header.trim().matches("\\d{1,12}")) {
            return null;
        }
        return Long.parseLong(header.trim());
    }

    private static Map<String, Object> fields(WebhookRequest request, RuntimeException e) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("requestId", request.requestId());
        f.put("workflowId", request.workflowId());
        f.put("exception", e.getClass().getName());
        f.put("reason", e.getMessage());
        return f;
    }
}
