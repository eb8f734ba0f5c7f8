package dev.agentflow.core.error;

/** {@code TIMEOUT}: the node ran out of time. Step Functions error name: {@code dev.agentflow.core.error.NodeTimeout}. */
public final class NodeTimeout extends NodeFailure {

    /** @param message a sentence for the user; never a secret */
    public NodeTimeout(String message, Throwable cause) {
        super(ErrorCode.TIMEOUT, message, cause);
    }
}
