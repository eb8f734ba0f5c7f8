package dev.agentflow.api.triggers;

/**
 * A workflow's triggers could not be brought in line with it: EventBridge Scheduler or Secrets Manager refused or
 * could not be reached. The message names the operation (never a secret); the API answers 503.
 */
public final class TriggerSyncException extends RuntimeException {

    /** @param message the operation, schedule and Scheduler's error code */
    public TriggerSyncException(String message, Throwable cause) {
        super(message, cause);
    }
}
