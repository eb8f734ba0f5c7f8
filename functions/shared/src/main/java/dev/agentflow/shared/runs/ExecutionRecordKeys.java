package dev.agentflow.shared.runs;

/**
 * Key layout of the execution-records table (functions/api/README.md, "DynamoDB design").
 *
 * <pre>
 * table key  executionId
 * byUser        userId                       startedKey = &lt;startedAt fixed-width&gt;#&lt;executionId&gt;
 * byWorkflow    userWorkflow = &lt;user&gt;#&lt;wf&gt;   startedKey
 * byUserStatus  userStatus = &lt;user&gt;#&lt;status&gt; startedKey
 * TTL           expiresAt (epoch seconds)
 * </pre>
 */
public final class ExecutionRecordKeys {

    public static final String ID = "executionId";
    public static final String USER = "userId";
    public static final String USER_WORKFLOW = "userWorkflow";
    public static final String USER_STATUS = "userStatus";
    public static final String STARTED_KEY = "startedKey";
    public static final String EXPIRES_AT = "expiresAt";
    public static final String BY_USER = "byUser";
    public static final String BY_WORKFLOW = "byWorkflow";
    public static final String BY_USER_STATUS = "byUserStatus";

    private ExecutionRecordKeys() {
    }

    /** {@code <userId>#<workflowId>}. */
    public static String userWorkflow(String userId, String workflowId) {
        return userId + "#" + workflowId;
    }

    /** {@code <userId>#<status>}. */
    public static String userStatus(String userId, ExecutionStatus status) {
        return userId + "#" + status.wire();
    }
}
