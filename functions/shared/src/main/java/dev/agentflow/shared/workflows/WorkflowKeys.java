package dev.agentflow.shared.workflows;

/**
 * Key layout of the workflows table (functions/api/README.md, "DynamoDB design").
 *
 * <pre>
 * item        pk            sk                  gsi1pk (byUser)   gsi2pk (byUserStatus)      gsi1sk = gsi2sk
 * head        WF#&lt;id&gt;      WORKFLOW            USER#&lt;user&gt;      USER#&lt;user&gt;#&lt;status&gt;      &lt;updatedAt&gt;#&lt;id&gt;
 * version     WF#&lt;id&gt;      V#&lt;10-digit n&gt;      -                 -                          -
 * </pre>
 * A soft-deleted head loses its gsi attributes, so listings never see it (sparse indexes).
 */
public final class WorkflowKeys {

    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String GSI1_PK = "gsi1pk";
    public static final String GSI1_SK = "gsi1sk";
    public static final String GSI2_PK = "gsi2pk";
    public static final String GSI2_SK = "gsi2sk";
    /** Index of a user's live workflows, newest update first. */
    public static final String BY_USER = "byUser";
    /** Index of a user's live workflows of one status, newest update first. */
    public static final String BY_USER_STATUS = "byUserStatus";
    /** Sort key of the head item. */
    public static final String HEAD_SK = "WORKFLOW";
    /** Attribute counting finished executions. */
    public static final String RUN_COUNT = "runCount";

    private WorkflowKeys() {
    }

    /** {@code WF#<workflowId>}. */
    public static String pk(String workflowId) {
        return "WF#" + workflowId;
    }

    /** {@code V#<version, 10 digits>}. */
    public static String versionSk(int version) {
        return String.format("V#%010d", version);
    }

    /** {@code USER#<userId>}. */
    public static String userPk(String userId) {
        return "USER#" + userId;
    }

    /** {@code USER#<userId>#<status>}. */
    public static String userStatusPk(String userId, String status) {
        return "USER#" + userId + "#" + status;
    }
}
