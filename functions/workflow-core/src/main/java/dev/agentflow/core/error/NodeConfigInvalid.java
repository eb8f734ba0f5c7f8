package dev.agentflow.core.error;

/** {@code NODE_CONFIG_INVALID}: the node's config is invalid at run time (not retried). Step Functions error name: {@code dev.agentflow.core.error.NodeConfigInvalid}. */
public final class NodeConfigInvalid extends NodeFailure {

    /** @param message a sentence for the user; never a secret */
    public NodeConfigInvalid(String message, Throwable cause) {
        super(ErrorCode.NODE_CONFIG_INVALID, message, cause);
    }
}
