package dev.agentflow.shared.workflows;

/** An update named a version that is no longer the workflow's current one (optimistic concurrency; HTTP 409). */
public final class StaleVersionException extends RuntimeException {

    /** @param message which version was expected; no user data beyond ids */
    public StaleVersionException(String message) {
        super(message, null, false, false);
    }
}
