package dev.agentflow.api.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.api.Ids;
import dev.agentflow.api.http.ApiErrors;
import dev.agentflow.api.http.ApiException;
import dev.agentflow.api.triggers.TriggerManager;
import dev.agentflow.core.json.Json;
import dev.agentflow.shared.paging.Page;
import dev.agentflow.shared.sfn.StateMachines;
import dev.agentflow.shared.workflows.StaleVersionException;
import dev.agentflow.shared.workflows.WorkflowRecord;
import dev.agentflow.shared.workflows.WorkflowRepository;
import dev.agentflow.shared.workflows.WorkflowVersion;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Workflows CRUD, duplicate, versions and restore (seed 000 REQ-201), every call scoped to the caller: a
 * workflow of another user, or a deleted one, is {@code WORKFLOW_NOT_FOUND}. Saving compiles first
 * (INVALID_WORKFLOW_DEFINITION, nothing stored), checks triggers and callbacks (VALIDATION_ERROR naming the
 * trigger, nothing stored), then deploys the state machine version, then stores the workflow conditionally on
 * the version it was based on (409 CONFLICT when stale), then brings its triggers in line (issue 8: schedules
 * while active, the signing secret while it has a webhook or a callback; {@link TriggerManager}).
 */
public final class WorkflowService {

    /**
     * A saved workflow and its trigger state (with the signing secret when this save issued it: shown once).
     *
     * @param workflow the workflow as stored
     * @param triggers its trigger state
     */
    public record Saved(WorkflowRecord workflow, TriggerManager.State triggers) {
    }

    private final WorkflowRepository workflows;
    private final WorkflowDeployer deployer;
    private final Clock clock;
    private final TriggerManager triggers;

    /** Triggers validated only (no schedules, no signing secrets). */
    public WorkflowService(WorkflowRepository workflows, WorkflowDeployer deployer, Clock clock) {
        this(workflows, deployer, clock, TriggerManager.validating(clock));
    }

    /**
     * @param workflows the repository
     * @param deployer  compiler + Step Functions
     * @param clock     clock for timestamps
     * @param triggers  schedules and signing secrets (issue 8)
     */
    public WorkflowService(WorkflowRepository workflows, WorkflowDeployer deployer, Clock clock, TriggerManager triggers) {
        this.workflows = workflows;
        this.deployer = deployer;
        this.clock = clock;
        this.triggers = triggers;
    }

    /** Creates a workflow (draft unless {@code status} says otherwise) at version 1 with its state machine. */
    public Saved create(String userId, WorkflowInput in) {
        String id = Ids.newWorkflowId();
        JsonNode triggerList = in.triggers() == null ? Json.MAPPER.createArrayNode() : in.triggers();
        String asl = deployer.compile(id, userId, in.name(), in.description(), in.definition(), triggerList);
        triggers.validate(in.definition(), triggerList);
        return store(userId, id, in.name(), in.description(), in.status() == null ? "draft" : in.status(),
                in.definition(), triggerList, asl);
    }

    private Saved store(String userId, String id, String name, String description, String status,
                       JsonNode definition, JsonNode triggerList, String asl) {
        StateMachines.Deployment deployment = deployer.create(id, asl);
        Instant now = clock.instant();
        WorkflowRecord wf = new WorkflowRecord(id, userId, name, description, status, 1, definition, triggerList,
                deployment.stateMachineArn(), deployment.versionArn(), 0, now, now, null);
        try {
            workflows.create(wf);
        } catch (RuntimeException e) {
            try {
                deployer.undoCreate(deployment.stateMachineArn());
            } catch (RuntimeException undo) {
                e.addSuppressed(undo);
            }
            throw e;
        }
        return new Saved(wf, triggers.applyNew(wf));
    }

    /** The caller's live workflow. @throws ApiException 404 WORKFLOW_NOT_FOUND */
    public WorkflowRecord get(String userId, String workflowId) {
        return workflows.find(workflowId).filter(wf -> wf.visibleTo(userId))
                .orElseThrow(() -> ApiException.notFound(ApiErrors.WORKFLOW_NOT_FOUND, "Workflow " + workflowId + " not found."));
    }

    /** A page of the caller's workflows, most recently updated first. */
    public Page<WorkflowRecord> list(String userId, String status, int limit, String cursor) {
        return workflows.listByUser(userId, status, limit, cursor);
    }

    /**
     * Updates name, description, status, definition or triggers. The new version is {@code current + 1};
     * only a changed definition or trigger list publishes a new state machine version.
     *
     * @throws ApiException 404, 409 CONFLICT when {@code in.version()} is not the current version
     */
    public Saved update(String userId, String workflowId, WorkflowInput in) {
        WorkflowRecord current = get(userId, workflowId);
        int expected = in.version() == null ? current.version() : in.version();
        if (expected != current.version()) {
            throw stale(workflowId, expected, current.version());
        }
        String name = in.name() == null ? current.name() : in.name();
        String description = in.description() == null ? current.description() : in.description();
        String status = in.status() == null ? current.status() : in.status();
        JsonNode definition = in.definition() == null ? current.definition() : in.definition();
        JsonNode triggerList = in.triggers() == null ? current.triggers() : in.triggers();
        boolean redeploy = in.definition() != null || in.triggers() != null;
        return save(current, name, description, status, definition, triggerList, redeploy, expected);
    }

    private Saved save(WorkflowRecord current, String name, String description, String status,
                       JsonNode definition, JsonNode triggerList, boolean redeploy, int expected) {
        boolean activating = "active".equals(status) && !"active".equals(current.status());
        if (redeploy || activating) {
            // what is saved new, or comes into effect, must be valid; a rename or an archive of a workflow saved before
            // issue 8 with triggers it no longer accepts stays possible
            triggers.validate(definition, triggerList);
        }
        int next = expected + 1;
        String versionArn = current.versionArn();
        if (redeploy) {
            String asl = deployer.compile(current.workflowId(), current.userId(), name, description, definition, triggerList);
            versionArn = deployer.update(current.stateMachineArn(), current.workflowId(), next, asl).versionArn();
        }
        WorkflowRecord updated = new WorkflowRecord(current.workflowId(), current.userId(), name, description, status,
                next, definition, triggerList, current.stateMachineArn(), versionArn, current.runCount(),
                current.createdAt(), clock.instant(), null);
        try {
            workflows.update(updated, expected);
        } catch (StaleVersionException e) {
            int now = workflows.find(current.workflowId()).map(WorkflowRecord::version).orElse(expected);
            throw stale(current.workflowId(), expected, now);
        }
        return new Saved(updated, triggers.apply(updated));
    }

    private static ApiException stale(String workflowId, int expected, int current) {
        ObjectNode details = Json.object().put("field", "version").put("expectedVersion", expected)
                .put("currentVersion", current);
        return ApiException.conflict("Workflow " + workflowId + " is at version " + current + ", not " + expected
                + "; reload it and apply your change again.", details);
    }

    /**
     * Removes the caller's workflow's schedules and signing secret, then soft-deletes it (in this order, so that when
     * Scheduler fails nothing is deleted and the DELETE can simply be retried).
     *
     * @throws ApiException 404
     */
    public void delete(String userId, String workflowId) {
        WorkflowRecord wf = get(userId, workflowId);
        triggers.remove(wf);
        if (!workflows.softDelete(workflowId, userId, clock.instant())) {
            throw ApiException.notFound(ApiErrors.WORKFLOW_NOT_FOUND, "Workflow " + workflowId + " not found.");
        }
    }

    /** The caller's workflow's trigger state (signing secret record, schedules in effect). */
    public TriggerManager.State triggerState(WorkflowRecord wf) {
        return triggers.describe(wf);
    }

    /**
     * Issues a new signing secret for the caller's workflow; the old one stops working at once.
     *
     * @throws ApiException 404; 409 CONFLICT when the workflow has no webhook trigger and no callback
     */
    public Saved rotateSecret(String userId, String workflowId) {
        WorkflowRecord wf = get(userId, workflowId);
        return new Saved(wf, triggers.rotate(wf));
    }

    /** Copies the caller's workflow into a new draft named "… (copy)" with its own state machine. */
    public Saved duplicate(String userId, String workflowId) {
        WorkflowRecord source = get(userId, workflowId);
        String id = Ids.newWorkflowId();
        String name = source.name() + " (copy)";
        if (name.length() > WorkflowInput.MAX_NAME) {
            name = name.substring(0, WorkflowInput.MAX_NAME);
        }
        String asl = deployer.compile(id, userId, name, source.description(), source.definition(), source.triggers());
        return store(userId, id, name, source.description(), "draft", source.definition(), source.triggers(), asl);
    }

    /** The caller's workflow's versions, newest first. */
    public List<WorkflowVersion> versions(String userId, String workflowId) {
        get(userId, workflowId);
        return workflows.versions(workflowId);
    }

    /**
     * Restores an old version's name, description, definition and triggers as a new version.
     *
     * @param expected the current version the caller saw, or null
     * @throws ApiException 404 VERSION_NOT_FOUND, 409 CONFLICT when stale
     */
    public Saved restore(String userId, String workflowId, int version, Integer expected) {
        WorkflowRecord current = get(userId, workflowId);
        WorkflowVersion old = workflows.version(workflowId, version).orElseThrow(() -> ApiException.notFound(
                ApiErrors.VERSION_NOT_FOUND, "Workflow " + workflowId + " has no version " + version + "."));
        int base = expected == null ? current.version() : expected;
        if (base != current.version()) {
            throw stale(workflowId, base, current.version());
        }
        return save(current, old.name(), old.description(), current.status(), old.definition(), old.triggers(), true, base);
    }
}
