package dev.agentflow.api.triggers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentflow.api.http.ApiException;
import dev.agentflow.core.json.Json;
import dev.agentflow.core.triggers.ResultCallbacks;
import dev.agentflow.core.triggers.ScheduleTrigger;
import dev.agentflow.core.triggers.TriggerException;
import dev.agentflow.core.triggers.WorkflowTriggers;
import dev.agentflow.shared.keys.SecretValue;
import dev.agentflow.shared.signing.MasterKey;
import dev.agentflow.shared.signing.SigningKeyRecord;
import dev.agentflow.shared.signing.SigningKeyStore;
import dev.agentflow.shared.signing.SigningSecrets;
import dev.agentflow.shared.workflows.WorkflowRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps a workflow's triggers in effect (issue 8): validates {@code triggers} and {@code settings.callbacks} at
 * save time, keeps one EventBridge Scheduler schedule per schedule trigger while the workflow is {@code active}
 * (and none otherwise: draft, archived, deleted), and keeps the workflow's signing secret while it has a webhook
 * trigger or a result callback (issued at first need and shown once, rotatable, revoked when no longer needed).
 *
 * <p>Schedules are reconciled against what Scheduler holds (ListSchedules by the workflow's name prefix, then
 * GetSchedule): any save brings them back in line, even after an earlier save failed halfway. A schedule is
 * written only when missing or different, so saving an unrelated change does not restart a rate schedule.
 */
public final class TriggerManager {

    /**
     * A workflow's trigger state for views.
     *
     * @param signing      the signing-secret record, or null when the workflow has none
     * @param issuedSecret the secret, only in the answer that created or rotated it; else null
     * @param schedules    the schedule names in effect (empty unless the workflow is active)
     */
    public record State(SigningKeyRecord signing, SecretValue issuedSecret, List<String> schedules) {
        /** No secret, no schedules. */
        public static final State NONE = new State(null, null, List.of());
    }

    private final ScheduleSync schedules;
    private final SigningKeyStore keys;
    private final MasterKey master;
    private final String namePrefix;
    private final Clock clock;

    /**
     * @param schedules  EventBridge Scheduler (or {@link ScheduleSync#none()})
     * @param keys       signing-secret records, or null when signing secrets are not configured
     * @param master     the signing master key, or null when not configured
     * @param namePrefix schedule name prefix ({@code <prefix>-<workflowId>-<index>})
     * @param clock      clock
     */
    public TriggerManager(ScheduleSync schedules, SigningKeyStore keys, MasterKey master, String namePrefix, Clock clock) {
        this.schedules = schedules;
        this.keys = keys;
        this.master = master;
        this.namePrefix = namePrefix;
        this.clock = clock;
    }

    /** Validation only: no schedules, no signing secrets (unit tests, a stack without trigger support). */
    public static TriggerManager validating(Clock clock) {
        return new TriggerManager(ScheduleSync.none(), null, null, "agentflow", clock);
    }

    /**
     * Checks a workflow's triggers and callbacks before anything is saved.
     *
     * @throws ApiException 400 VALIDATION_ERROR with {@code details.field} naming the trigger member
     */
    public WorkflowTriggers validate(JsonNode definition, JsonNode triggers) {
        try {
            ResultCallbacks.fromDefinition(definition);
            return WorkflowTriggers.parse(triggers);
        } catch (TriggerException e) {
            throw ApiException.validation(e.field(), e.getMessage());
        }
    }

    /** The schedule name of a trigger: {@code <prefix>-<workflowId>-<index>}. */
    public String scheduleName(String workflowId, int index) {
        return namePrefix + "-" + workflowId + "-" + index;
    }

    /**
     * Brings schedules and the signing secret in line with a saved workflow.
     *
     * @return the state, with the secret when this call issued it
     * @throws TriggerSyncException when Scheduler or Secrets Manager failed (the workflow itself is saved)
     */
    public State apply(WorkflowRecord wf) {
        return apply(wf, false);
    }

    /**
     * {@link #apply} for a workflow created by this request under a new id: no signing secret and no schedule
     * can exist for it yet, so nothing is looked up (two AWS calls fewer per create), only created as needed.
     *
     * @throws TriggerSyncException when Scheduler or Secrets Manager failed (the workflow itself is saved)
     */
    public State applyNew(WorkflowRecord wf) {
        return apply(wf, true);
    }

    private State apply(WorkflowRecord wf, boolean fresh) {
        WorkflowTriggers triggers = parsedOrNone(wf);
        boolean needsSecret = triggers.webhook() != null || callbacksOrNone(wf).any();
        SigningKeyRecord signing = null;
        SecretValue issued = null;
        if (keys != null && (needsSecret || !fresh)) {
            Optional<SigningKeyRecord> current = fresh ? Optional.empty() : keys.find(wf.workflowId());
            if (needsSecret && current.isEmpty()) {
                String nonce = SigningSecrets.newNonce();
                SecretValue secret = derive(wf.workflowId(), nonce);
                Instant now = clock.instant();
                SigningKeyRecord created = new SigningKeyRecord(wf.workflowId(), wf.userId(), nonce,
                        SigningSecrets.hash(secret.reveal()), now, now);
                if (keys.create(created)) {
                    signing = created;
                    issued = secret;
                } else {
                    signing = keys.find(wf.workflowId()).orElse(null);
                }
            } else if (needsSecret) {
                signing = current.get();
            } else if (current.isPresent()) {
                keys.delete(wf.workflowId());
            }
        }
        List<String> names = reconcile(wf, "active".equals(wf.status()) && !wf.deleted() ? triggers.schedules() : List.of(),
                fresh);
        return new State(signing, issued, names);
    }

    /** Removes a deleted workflow's schedules and signing secret. */
    public void remove(WorkflowRecord wf) {
        reconcile(wf, List.of(), false);
        if (keys != null) {
            keys.delete(wf.workflowId());
        }
    }

    /**
     * Issues a new signing secret for a workflow (the old one stops working at once).
     *
     * @throws ApiException 409 CONFLICT when the workflow has no signing secret (no webhook trigger, no callback)
     */
    public State rotate(WorkflowRecord wf) {
        Optional<SigningKeyRecord> current = keys == null ? Optional.empty() : keys.find(wf.workflowId());
        if (current.isEmpty()) {
            throw ApiException.conflict("Workflow " + wf.workflowId() + " has no signing secret: it has no webhook "
                    + "trigger and no result callback.", Json.object().put("field", "triggers"));
        }
        String nonce = SigningSecrets.newNonce();
        SecretValue secret = derive(wf.workflowId(), nonce);
        SigningKeyRecord rotated = new SigningKeyRecord(wf.workflowId(), wf.userId(), nonce,
                SigningSecrets.hash(secret.reveal()), current.get().createdAt(), clock.instant());
        if (!keys.rotate(rotated, current.get().nonce())) {
            throw ApiException.conflict("The signing secret was rotated at the same time; try again.", null);
        }
        return new State(rotated, secret, desiredNames(wf));
    }

    /** The workflow's state for a read (no secret). */
    public State describe(WorkflowRecord wf) {
        SigningKeyRecord signing = keys == null ? null : keys.find(wf.workflowId()).orElse(null);
        return new State(signing, null, desiredNames(wf));
    }

    private List<String> desiredNames(WorkflowRecord wf) {
        if (!"active".equals(wf.status()) || wf.deleted()) {
            return List.of();
        }
        return parsedOrNone(wf).schedules().stream().map(s -> scheduleName(wf.workflowId(), s.index())).toList();
    }

    /** A stored workflow's triggers; none when they do not parse (saved before they were checked, and not active). */
    private static WorkflowTriggers parsedOrNone(WorkflowRecord wf) {
        try {
            return WorkflowTriggers.parse(wf.triggers());
        } catch (TriggerException e) {
            return WorkflowTriggers.NONE;
        }
    }

    private static ResultCallbacks callbacksOrNone(WorkflowRecord wf) {
        try {
            return ResultCallbacks.fromDefinition(wf.definition());
        } catch (TriggerException e) {
            return ResultCallbacks.NONE;
        }
    }

    private SecretValue derive(String workflowId, String nonce) {
        if (master == null) {
            throw new TriggerSyncException("No signing master key is configured (WEBHOOK_SIGNING_SECRET_ID)", null);
        }
        try {
            return SigningSecrets.derive(master.get(), workflowId, nonce);
        } catch (RuntimeException e) {
            throw new TriggerSyncException("Reading the signing master key failed: " + e.getClass().getSimpleName(), e);
        }
    }

    /** @param fresh the workflow is new: Scheduler holds none of its schedules, so it is not asked */
    private List<String> reconcile(WorkflowRecord wf, List<ScheduleTrigger> wanted, boolean fresh) {
        Map<String, ScheduleSpec> desired = new LinkedHashMap<>();
        for (ScheduleTrigger t : wanted) {
            String name = scheduleName(wf.workflowId(), t.index());
            String input = Json.write(Json.object().put("workflowId", wf.workflowId()).put("trigger", t.index())
                    .put("fingerprint", t.fingerprint()).put("scheduledTime", "<aws.scheduler.scheduled-time>"));
            desired.put(name, new ScheduleSpec(name, t.expression().text(), t.timezone().getId(),
                    t.flexibleWindowMinutes(), input));
        }
        if (fresh && desired.isEmpty()) {
            return List.of();
        }
        List<String> existing = fresh ? List.of() : schedules.names(namePrefix + "-" + wf.workflowId() + "-");
        for (String name : existing) {
            if (!desired.containsKey(name)) {
                schedules.delete(name);
            }
        }
        for (ScheduleSpec spec : desired.values()) {
            Optional<ScheduleSpec> current = existing.contains(spec.name()) ? schedules.get(spec.name()) : Optional.empty();
            if (current.isEmpty() || !current.get().equals(spec)) {
                schedules.put(spec, current.isPresent());
            }
        }
        return new ArrayList<>(desired.keySet());
    }
}
