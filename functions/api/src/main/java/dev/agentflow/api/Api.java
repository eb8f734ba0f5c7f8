package dev.agentflow.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.api.executions.ExecutionService;
import dev.agentflow.api.executions.ExecutionViews;
import dev.agentflow.api.http.ApiErrors;
import dev.agentflow.api.http.ApiException;
import dev.agentflow.api.http.ApiRequest;
import dev.agentflow.api.http.ApiResponse;
import dev.agentflow.api.http.JsonBody;
import dev.agentflow.api.http.Params;
import dev.agentflow.api.http.Router;
import dev.agentflow.api.keys.ApiKeyService;
import dev.agentflow.api.triggers.TriggerSyncException;
import dev.agentflow.api.workflows.WorkflowInput;
import dev.agentflow.api.workflows.WorkflowService;
import dev.agentflow.api.workflows.WorkflowViews;
import dev.agentflow.core.error.InvalidWorkflowException;
import dev.agentflow.core.json.Json;
import dev.agentflow.shared.connections.StoredEvents;
import dev.agentflow.shared.events.ExecutionEvent;
import dev.agentflow.shared.keys.KeyVaultException;
import dev.agentflow.shared.log.JsonLog;
import dev.agentflow.shared.paging.InvalidCursorException;
import dev.agentflow.shared.paging.Page;
import dev.agentflow.shared.runs.ExecutionQuery;
import dev.agentflow.shared.runs.ExecutionRecord;
import dev.agentflow.shared.runs.ExecutionStatus;
import dev.agentflow.shared.sfn.StateMachineException;
import dev.agentflow.shared.workflows.WorkflowRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTTP API of seed 000 §2.2 / §4 (plus versions and restore): routes, request reading and the error
 * envelope. Every route needs a caller ({@code sub}); none answers a 500 with a stack trace: unexpected
 * failures are logged (class and request id, no request data) and answered {@code INTERNAL_ERROR}.
 */
public final class Api {

    private static final String V1 = "/api/v1";

    private final WorkflowService workflows;
    private final ExecutionService executions;
    private final ApiKeyService keys;
    private final int maxBodyBytes;
    private final JsonLog log;
    private final Router router = new Router();
    private final StoredEvents storedEvents;

    /** Without stored events (the events route answers an empty list). */
    public Api(WorkflowService workflows, ExecutionService executions, ApiKeyService keys, int maxBodyBytes, JsonLog log) {
        this(workflows, executions, keys, maxBodyBytes, log, (id, after) -> List.of());
    }

    /**
     * @param workflows    workflows service
     * @param executions   executions service
     * @param keys         API keys service
     * @param maxBodyBytes largest accepted body
     * @param log          structured log
     * @param storedEvents the execution event log ({@code GET /api/v1/executions/{id}/events}, issue 6)
     */
    public Api(WorkflowService workflows, ExecutionService executions, ApiKeyService keys, int maxBodyBytes, JsonLog log,
               StoredEvents storedEvents) {
        this.storedEvents = storedEvents;
        this.workflows = workflows;
        this.executions = executions;
        this.keys = keys;
        this.maxBodyBytes = maxBodyBytes;
        this.log = log;
        router.add("POST", V1 + "/workflows", this::createWorkflow)
                .add("GET", V1 + "/workflows", this::listWorkflows)
                .add("GET", V1 + "/workflows/{id}", this::getWorkflow)
                .add("PUT", V1 + "/workflows/{id}", this::updateWorkflow)
                .add("DELETE", V1 + "/workflows/{id}", this::deleteWorkflow)
                .add("POST", V1 + "/workflows/{id}/duplicate",
                        r -> ApiResponse.success(201, summary(workflows.duplicate(r.caller(), workflowId(r)))))
                .add("POST", V1 + "/workflows/{id}/webhook/rotate", // issue 8
                        r -> ApiResponse.ok(rotated(workflows.rotateSecret(r.caller(), workflowId(r)))))
                .add("POST", V1 + "/workflows/{id}/execute", this::execute)
                .add("GET", V1 + "/workflows/{id}/versions", this::versions)
                .add("POST", V1 + "/workflows/{id}/versions/{version}/restore", this::restore)
                .add("GET", V1 + "/executions", this::listExecutions)
                .add("GET", V1 + "/executions/{id}", r -> ApiResponse.ok(executions.detail(r.caller(), executionId(r))))
                .add("GET", V1 + "/executions/{id}/events", this::events)
                .add("POST", V1 + "/executions/{id}/cancel",
                        r -> ApiResponse.ok(ExecutionViews.summary(executions.cancel(r.caller(), executionId(r)))))
                .add("POST", V1 + "/api-keys", r -> ApiResponse.success(201,
                        ApiKeyService.view(keys.add(r.caller(), JsonBody.object(r.body(), maxBodyBytes, true)))))
                .add("GET", V1 + "/api-keys", r -> ApiResponse.ok(items(keys.list(r.caller()).stream().map(ApiKeyService::view).toList(), null)))
                .add("DELETE", V1 + "/api-keys/{id}", this::deleteKey);
    }

    /** The route keys served, e.g. {@code POST /api/v1/workflows} (template.yaml declares the same). */
    public List<String> routeKeys() {
        return router.routeKeys();
    }

    /** Answers one request; never throws. */
    public ApiResponse handle(ApiRequest request) {
        try {
            request.caller();
            return router.dispatch(request);
        } catch (ApiException e) {
            return ApiResponse.error(e);
        } catch (InvalidWorkflowException e) {
            return new ApiResponse(400, e.envelope());
        } catch (InvalidCursorException e) {
            return ApiResponse.error(ApiException.validation("cursor", "'cursor' is not one this API issued."));
        } catch (TriggerSyncException e) {
            log.error("trigger sync failure", fields(request, e));
            return ApiResponse.error(503, ApiErrors.SERVICE_UNAVAILABLE, "EventBridge Scheduler or the signing key could "
                    + "not be reached. A save is saved, and its schedules and signing secret are brought in line on the "
                    + "next save; a delete deleted nothing: try again.", null);
        } catch (StateMachineException | KeyVaultException e) {
            log.error("downstream failure", fields(request, e));
            return ApiResponse.error(503, ApiErrors.SERVICE_UNAVAILABLE, "A backing service failed; try again.", null);
        } catch (RuntimeException e) {
            log.error("unexpected failure", fields(request, e));
            return ApiResponse.error(500, ApiErrors.INTERNAL_ERROR,
                    "Unexpected error (request " + request.requestId() + ").", null);
        }
    }

    private static Map<String, Object> fields(ApiRequest request, RuntimeException e) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("requestId", request.requestId());
        f.put("method", request.method());
        f.put("path", request.path());
        f.put("exception", e.getClass().getName());
        f.put("reason", e.getMessage());
        return f;
    }

    private ApiResponse createWorkflow(ApiRequest r) {
        WorkflowInput in = WorkflowInput.forCreate(JsonBody.object(r.body(), maxBodyBytes, true));
        return ApiResponse.success(201, summary(workflows.create(r.caller(), in)));
    }

    private ApiResponse getWorkflow(ApiRequest r) {
        WorkflowRecord wf = workflows.get(r.caller(), workflowId(r));
        return ApiResponse.ok(WorkflowViews.withTriggers(WorkflowViews.detail(wf), wf, workflows.triggerState(wf)));
    }

    private static ObjectNode summary(WorkflowService.Saved saved) {
        return WorkflowViews.withTriggers(WorkflowViews.summary(saved.workflow()), saved.workflow(), saved.triggers());
    }

    private static ObjectNode detail(WorkflowService.Saved saved) {
        return WorkflowViews.withTriggers(WorkflowViews.detail(saved.workflow()), saved.workflow(), saved.triggers());
    }

    private static ObjectNode rotated(WorkflowService.Saved saved) {
        return WorkflowViews.withTriggers(Json.object().put("id", saved.workflow().workflowId()), saved.workflow(),
                saved.triggers());
    }

    private ApiResponse listWorkflows(ApiRequest r) {
        String status = Params.string(r.query(), "status", 20);
        if (status != null && !WorkflowInput.STATUSES.contains(status)) {
            throw ApiException.validation("status", "'status' must be one of draft, active, archived.");
        }
        Page<WorkflowRecord> page = workflows.list(r.caller(), status, Params.limit(r.query()),
                Params.string(r.query(), "cursor", 1024));
        return ApiResponse.ok(items(page.items().stream().map(WorkflowViews::summary).toList(), page.nextCursor()));
    }

    private ApiResponse updateWorkflow(ApiRequest r) {
        String id = workflowId(r);
        WorkflowInput in = WorkflowInput.forUpdate(JsonBody.object(r.body(), maxBodyBytes, true));
        return ApiResponse.ok(detail(workflows.update(r.caller(), id, in)));
    }

    private ApiResponse deleteWorkflow(ApiRequest r) {
        String id = workflowId(r);
        workflows.delete(r.caller(), id);
        return ApiResponse.ok(Json.object().put("id", id).put("deleted", true));
    }

    private ApiResponse execute(ApiRequest r) {
        String id = workflowId(r);
        ObjectNode body = JsonBody.object(r.body(), maxBodyBytes, false);
        ObjectNode inputs = JsonBody.optionalObject(body, "inputs");
        String key = r.headers().get("idempotency-key");
        if (key != null && (key.isEmpty() || key.length() > 128 || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7E))) {
            throw ApiException.validation("Idempotency-Key", "'Idempotency-Key' must be 1 to 128 printable characters.");
        }
        ExecutionRecord e = executions.execute(r.caller(), id, inputs == null ? Json.object() : inputs, key, "manual");
        return ApiResponse.success(202, ExecutionViews.accepted(e));
    }

    private ApiResponse versions(ApiRequest r) {
        return ApiResponse.ok(items(workflows.versions(r.caller(), workflowId(r)).stream()
                .map(WorkflowViews::version).toList(), null));
    }

    private ApiResponse restore(ApiRequest r) {
        String id = workflowId(r);
        int version;
        try {
            version = Integer.parseInt(r.pathParam("version"));
        } catch (NumberFormatException e) {
            version = 0;
        }
        if (version < 1) {
            throw ApiException.validation("version", "The version in the path must be a whole number from 1.");
        }
        ObjectNode body = JsonBody.object(r.body(), maxBodyBytes, false);
        Integer expected = JsonBody.optionalInt(body, "version", 1, Integer.MAX_VALUE);
        return ApiResponse.ok(detail(workflows.restore(r.caller(), id, version, expected)));
    }

    private ApiResponse listExecutions(ApiRequest r) {
        Map<String, String> q = r.query();
        String workflowId = q.containsKey("workflowId") ? Params.workflowId(q.get("workflowId"), "workflowId") : null;
        ExecutionStatus status = null;
        if (q.containsKey("status")) {
            status = ExecutionStatus.fromWire(q.get("status")).orElseThrow(() -> ApiException.validation("status",
                    "'status' must be one of pending, running, completed, failed, cancelled, timed_out."));
        }
        Instant from = Params.instant(q, "from");
        Instant to = Params.instant(q, "to");
        if (from != null && to != null && !from.isBefore(to)) {
            throw ApiException.validation("to", "'to' must be after 'from'.");
        }
        Page<ExecutionRecord> page = executions.list(new ExecutionQuery(r.caller(), workflowId, status, from, to,
                Params.limit(q), Params.string(q, "cursor", 1024)));
        return ApiResponse.ok(items(page.items().stream().map(ExecutionViews::summary).toList(), page.nextCursor()));
    }

    /**
     * {@code GET /api/v1/executions/{id}/events?afterSeq=&limit=}: the stored events after {@code afterSeq}
     * (default 0), in order, as a WebSocket subscriber receives them: {@code {items, lastSeq, hasMore}};
     * {@code limit} 1–1000 (default 1000); fetch again with {@code afterSeq=lastSeq} while {@code hasMore}.
     */
    private ApiResponse events(ApiRequest r) {
        String afterText = r.query().get("afterSeq");
        long afterSeq = 0;
        if (afterText != null) {
            try {
                afterSeq = Long.parseLong(afterText.trim());
            } catch (NumberFormatException e) {
                afterSeq = -1;
            }
            if (afterSeq < 0) {
                throw ApiException.validation("afterSeq", "'afterSeq' must be a whole number from 0.");
            }
        }
        int limit = 1000;
        String limitText = r.query().get("limit");
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText.trim());
            } catch (NumberFormatException e) {
                limit = 0;
            }
            if (limit < 1 || limit > 1000) {
                throw ApiException.validation("limit", "'limit' must be a whole number from 1 to 1000.");
            }
        }
        List<ExecutionEvent> all = executions.events(r.caller(), executionId(r), afterSeq, storedEvents);
        List<ExecutionEvent> page = all.subList(0, Math.min(limit, all.size()));
        ObjectNode data = Json.object();
        ArrayNode items = data.putArray("items");
        page.forEach(e -> items.add(Json.MAPPER.valueToTree(e)));
        data.put("lastSeq", page.isEmpty() ? afterSeq : page.get(page.size() - 1).seq());
        data.put("hasMore", all.size() > page.size());
        return ApiResponse.ok(data);
    }

    private ApiResponse deleteKey(ApiRequest r) {
        String id = Params.keyId(r.pathParam("id"), "id");
        keys.delete(r.caller(), id);
        return ApiResponse.ok(Json.object().put("id", id).put("deleted", true));
    }

    private static String workflowId(ApiRequest r) {
        return Params.workflowId(r.pathParam("id"), "id");
    }

    private static String executionId(ApiRequest r) {
        return Params.executionId(r.pathParam("id"), "id");
    }

    private static <T extends com.fasterxml.jackson.databind.JsonNode> ObjectNode items(List<T> items, String nextCursor) {
        ObjectNode o = Json.object();
        ArrayNode array = o.putArray("items");
        items.forEach(array::add);
        o.put("nextCursor", nextCursor);
        return o;
    }
}
