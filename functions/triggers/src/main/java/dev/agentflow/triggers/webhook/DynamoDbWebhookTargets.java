package dev.agentflow.triggers.webhook;

import dev.agentflow.shared.signing.DynamoDbSigningKeyStore;
import dev.agentflow.shared.signing.SigningKeyRecord;
import dev.agentflow.shared.store.Attrs;
import dev.agentflow.shared.workflows.DynamoDbWorkflowRepository;
import dev.agentflow.shared.workflows.WorkflowKeys;
import dev.agentflow.shared.workflows.WorkflowRecord;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * {@link WebhookTargets} in one round trip: the workflow head ({@code sk = WORKFLOW}) and its signing-secret item
 * ({@code sk = WEBHOOK}) sit in the same partition and sort next to each other (after the {@code V#…} version
 * snapshots), so one consistent Query {@code pk = WF#<id> AND sk BETWEEN "WEBHOOK" AND "WORKFLOW"} returns both.
 */
public final class DynamoDbWebhookTargets implements WebhookTargets {

    private final DynamoDbClient dynamo;
    private final String table;

    /**
     * @param dynamo client, built once per container
     * @param table  the workflows table
     */
    public DynamoDbWebhookTargets(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<Target> find(String workflowId) {
        WorkflowRecord workflow = null;
        SigningKeyRecord signing = null;
        for (Map<String, AttributeValue> item : dynamo.query(QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :p AND sk BETWEEN :from AND :to")
                .expressionAttributeValues(Map.of(":p", Attrs.s(WorkflowKeys.pk(workflowId)),
                        ":from", Attrs.s(DynamoDbSigningKeyStore.SK), ":to", Attrs.s(WorkflowKeys.HEAD_SK)))
                .consistentRead(true).build()).items()) {
            String sk = Attrs.str(item, WorkflowKeys.SK);
            if (WorkflowKeys.HEAD_SK.equals(sk)) {
                workflow = DynamoDbWorkflowRepository.toRecord(item);
            } else if (DynamoDbSigningKeyStore.SK.equals(sk)) {
                signing = DynamoDbSigningKeyStore.fromItem(item);
            }
        }
        if (workflow == null || workflow.deleted()) {
            return Optional.empty();
        }
        return Optional.of(new Target(workflow, signing));
    }
}
