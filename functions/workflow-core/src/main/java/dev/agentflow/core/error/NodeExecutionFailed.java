package dev.agentflow.core.error;

/** {@code NODE_EXECUTION_FAILED}: a node failed for a reason no other code covers. Step Functions error name: {@code dev.agentflow.core.error.NodeExecutionFailed}. */
public final class NodeExecutionFailed extends NodeFailure {

    /** @param message a sentence for the user; never a secret */
    public NodeExecutionFailed(String message, Throwable cause) {
        super(ErrorCode.NODE_EXECUTION_FAILED, message, cause);
    }
}
