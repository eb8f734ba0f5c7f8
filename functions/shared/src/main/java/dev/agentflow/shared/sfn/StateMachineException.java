package dev.agentflow.shared.sfn;

/** Step Functions refused a request or could not be reached. The message names the operation, never a secret. */
public final class StateMachineException extends RuntimeException {

    /** @param message the operation and Step Functions' error code */
    public StateMachineException(String message, Throwable cause) {
        super(message, cause);
    }
}
