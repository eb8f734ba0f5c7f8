package dev.agentflow.api.workflows;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.api.triggers.TriggerManager;
import dev.agentflow.core.json.Json;
import dev.agentflow.core.triggers.TriggerException;
import dev.agentflow.core.triggers.WebhookTrigger;
import dev.agentflow.core.triggers.WorkflowTriggers;
import dev.agentflow.shared.workflows.WorkflowRecord;
import dev.agentflow.shared.workflows.WorkflowVersion;

/** JSON shapes of workflows (seed 000 §4.1 "创建工作流" response, extended with the definition on reads). */
public final class WorkflowViews {

    private WorkflowViews() {
    }

    /** {@code {id, name, description, status, version, runCount, createdAt, updatedAt}}: lists and create. */
    public static ObjectNode summary(WorkflowRecord wf) {
        ObjectNode o = Json.object();
        o.put("id", wf.workflowId());
        o.put("name", wf.name());
        o.put("description", wf.description());
        o.put("status", wf.status());
        o.put("version", wf.version());
        o.put("runCount", wf.runCount());
        o.put("createdAt", wf.createdAt().toString());
        o.put("updatedAt", wf.updatedAt().toString());
        return o;
    }

    /** The summary plus {@code definition}, {@code triggers}, {@code stateMachineArn} and {@code versionArn}. */
    public static ObjectNode detail(WorkflowRecord wf) {
        ObjectNode o = summary(wf);
        o.set("definition", wf.definition());
        o.set("triggers", wf.triggers());
        o.put("stateMachineArn", wf.stateMachineArn());
        o.put("versionArn", wf.versionArn());
        return o;
    }

    /**
     * A view with the workflow's trigger state (issue 8): {@code webhook {path, respond, enabled}} when it has a
     * webhook trigger; {@code signingSecret {createdAt, rotatedAt}} when it has a signing secret, plus
     * {@code secret} only in the answer that issued it (shown once); {@code schedules [name…]} in effect.
     */
    public static ObjectNode withTriggers(ObjectNode view, WorkflowRecord wf, TriggerManager.State state) {
        WebhookTrigger webhook;
        try {
            webhook = WorkflowTriggers.parse(wf.triggers()).webhook();
        } catch (TriggerException e) {
            webhook = null;
        }
        if (webhook != null) {
            view.putObject("webhook").put("path", "/hooks/" + wf.workflowId())
                    .put("respond", webhook.sync() ? "sync" : "async")
                    .put("enabled", "active".equals(wf.status()));
        }
        if (state.signing() != null) {
            ObjectNode secret = view.putObject("signingSecret");
            if (state.issuedSecret() != null) {
                secret.put("secret", state.issuedSecret().reveal());
                secret.put("shownOnce", true);
            }
            secret.put("createdAt", state.signing().createdAt().toString());
            secret.put("rotatedAt", state.signing().rotatedAt().toString());
        }
        ArrayNode schedules = view.putArray("schedules");
        state.schedules().forEach(schedules::add);
        return view;
    }

    /** {@code {version, name, description, versionArn, createdAt}} (definition left out of the list). */
    public static ObjectNode version(WorkflowVersion v) {
        ObjectNode o = Json.object();
        o.put("version", v.version());
        o.put("name", v.name());
        o.put("description", v.description());
        o.put("versionArn", v.versionArn());
        o.put("createdAt", v.createdAt().toString());
        return o;
    }
}
