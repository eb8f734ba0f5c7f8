package dev.agentflow.triggers.webhook;

import dev.agentflow.shared.signing.SigningKeyRecord;
import dev.agentflow.shared.signing.SigningKeyStore;
import dev.agentflow.shared.workflows.WorkflowRecord;
import dev.agentflow.shared.workflows.WorkflowRepository;
import java.util.Optional;

/** Finds what a webhook call needs: the live workflow and its signing-secret record. */
@FunctionalInterface
public interface WebhookTargets {

    /**
     * A workflow and its signing record.
     *
     * @param workflow the workflow (not deleted)
     * @param signing  its signing-secret record, or null when it has none
     */
    record Target(WorkflowRecord workflow, SigningKeyRecord signing) {
    }

    /** The live workflow with this id, with its signing record; empty when there is none or it is deleted. */
    Optional<Target> find(String workflowId);

    /** Two reads: the workflow, then its signing record (in-memory fakes in tests). */
    static WebhookTargets of(WorkflowRepository workflows, SigningKeyStore keys) {
        return id -> workflows.find(id).filter(w -> !w.deleted())
                .map(w -> new Target(w, keys.find(id).orElse(null)));
    }
}
