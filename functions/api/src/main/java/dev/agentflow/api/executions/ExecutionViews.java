package dev.agentflow.api.executions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.core.json.Json;
import dev.agentflow.shared.runs.ExecutionRecord;

/** JSON shapes of executions (seed 000 §4.1 "执行工作流" and "获取执行详情"). */
public final class ExecutionViews {

    private ExecutionViews() {
    }

    /** {@code {executionId, status, startedAt}}: the 202 answer to execute (status as accepted: pending). */
    public static ObjectNode accepted(ExecutionRecord e) {
        return Json.object().put("executionId", e.executionId()).put("status", e.status().wire())
                .put("startedAt", e.startedAt().toString());
    }

    /** The list item: ids, status, trigger (manual | webhook | schedule), idempotencyKey, times, error summary (no inputs/outputs). */
    public static ObjectNode summary(ExecutionRecord e) {
        ObjectNode o = Json.object();
        o.put("id", e.executionId());
        o.put("workflowId", e.workflowId());
        o.put("workflowVersion", e.workflowVersion());
        o.put("status", e.status().wire());
        o.put("trigger", e.trigger());
        o.put("idempotencyKey", e.idempotencyKey());
        o.put("startedAt", e.startedAt().toString());
        o.put("completedAt", e.completedAt() == null ? null : e.completedAt().toString());
        if (e.durationMs() != null) {
            o.put("durationMs", e.durationMs());
        } else {
            o.putNull("durationMs");
        }
        o.put("errorMessage", e.errorMessage());
        o.put("errorNodeId", e.errorNodeId());
        return o;
    }

    /**
     * The detail: the summary plus {@code inputs}, {@code nodes} (per node: status, startedAt, completedAt,
     * durationMs, outputs, error), {@code outputs}, {@code tokenUsage}, {@code errorCode} and {@code callback}
     * (the result callback delivery, issue 8, or null).
     */
    public static ObjectNode detail(ExecutionRecord e, NodeStates states) {
        ObjectNode o = summary(e);
        o.set("inputs", e.inputs());
        o.set("nodes", states.asJson());
        o.set("outputs", e.outputs() == null ? Json.object() : e.outputs());
        o.set("tokenUsage", e.tokenUsage() != null ? e.tokenUsage() : states.tokenUsage());
        o.put("errorCode", e.errorCode());
        o.set("callback", e.callback() == null ? Json.object().nullNode() : e.callback());
        return o;
    }
}
