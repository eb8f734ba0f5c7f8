package dev.agentflow.core.model;

/**
 * Workflow-wide settings (seed 001 §6.2), each overridable per node.
 *
 * @param timeoutSeconds whole-execution timeout in seconds, also the default per-node timeout; null = default
 * @param retryPolicy    default node retry policy; null = no retries
 * @param errorHandling  default node error handling; null = {@link ErrorHandling#STOP}
 */
public record Settings(Integer timeoutSeconds, RetryPolicy retryPolicy, ErrorHandling errorHandling) {

    /** Execution timeout when the workflow names none: one hour. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 3600;
    /** Node timeout when neither node nor workflow names one (Lambda's own limit is 900 s). */
    public static final int DEFAULT_NODE_TIMEOUT_SECONDS = 300;

    /** Settings with every value defaulted. */
    public static final Settings DEFAULTS = new Settings(null, null, null);
}
