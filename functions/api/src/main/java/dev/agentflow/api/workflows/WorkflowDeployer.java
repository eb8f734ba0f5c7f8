package dev.agentflow.api.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.core.WorkflowCompiler;
import dev.agentflow.core.compiler.CompileOptions;
import dev.agentflow.core.json.Json;
import dev.agentflow.shared.sfn.DefinitionSubstitutions;
import dev.agentflow.shared.sfn.StateMachines;

/**
 * Save = validate + compile ({@link WorkflowCompiler}) + create or update the workflow's state machine
 * with a published version. Compilation happens before any AWS call, so an invalid workflow changes nothing.
 */
public final class WorkflowDeployer {

    private final StateMachines stateMachines;
    private final DefinitionSubstitutions substitutions;
    private final String namePrefix;

    /**
     * @param stateMachines Step Functions
     * @param substitutions node function ARNs for the compiled placeholders
     * @param namePrefix    state machine name prefix (names are {@code <prefix>-<workflowId>}, at most 80 characters)
     */
    public WorkflowDeployer(StateMachines stateMachines, DefinitionSubstitutions substitutions, String namePrefix) {
        this.stateMachines = stateMachines;
        this.substitutions = substitutions;
        this.namePrefix = namePrefix;
    }

    /**
     * Compiles a workflow document.
     *
     * @return the ASL JSON text with function ARNs filled in
     * @throws dev.agentflow.core.error.InvalidWorkflowException listing every problem
     */
    public String compile(String workflowId, String userId, String name, String description, JsonNode definition,
                          JsonNode triggers) {
        ObjectNode doc = Json.object();
        doc.put("name", name);
        if (description != null) {
            doc.put("description", description);
        }
        doc.set("definition", definition);
        doc.set("triggers", triggers);
        WorkflowCompiler.Compiled compiled = WorkflowCompiler.compile(doc, new CompileOptions(workflowId, userId));
        return substitutions.apply(compiled.stateMachine());
    }

    /** Creates the state machine of a new workflow and publishes its version 1. */
    public StateMachines.Deployment create(String workflowId, String asl) {
        return stateMachines.create(namePrefix + "-" + workflowId, asl, "workflow " + workflowId + " version 1");
    }

    /** Updates the workflow's state machine and publishes the version for {@code version}. */
    public StateMachines.Deployment update(String stateMachineArn, String workflowId, int version, String asl) {
        return stateMachines.update(stateMachineArn, asl, "workflow " + workflowId + " version " + version);
    }

    /** Deletes a state machine created for a workflow that could not be stored. */
    public void undoCreate(String stateMachineArn) {
        stateMachines.delete(stateMachineArn);
    }
}
