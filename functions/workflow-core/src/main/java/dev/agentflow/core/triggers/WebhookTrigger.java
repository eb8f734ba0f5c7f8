package dev.agentflow.core.triggers;

/**
 * The webhook trigger of a workflow ({@code {"type": "webhook", "respond": "async" | "sync",
 * "syncTimeoutSeconds": n}}; seed 002 §3.6.1): calls to {@code /hooks/{workflowId}} start a run with the
 * JSON body as inputs.
 *
 * @param index              position in the {@code triggers} array
 * @param sync               {@code respond: "sync"}: answer 200 with the outputs when the run ends within
 *                           {@code syncTimeoutSeconds}, else 202 as for async
 * @param syncTimeoutSeconds how long a sync call waits, 1–{@value #MAX_SYNC_TIMEOUT_SECONDS} (default
 *                           {@value #DEFAULT_SYNC_TIMEOUT_SECONDS}); API Gateway ends any request after 30 s
 */
public record WebhookTrigger(int index, boolean sync, int syncTimeoutSeconds) {

    /** Default wait of a sync webhook. */
    public static final int DEFAULT_SYNC_TIMEOUT_SECONDS = 10;
    /** Longest wait of a sync webhook (under API Gateway's 30 s integration timeout). */
    public static final int MAX_SYNC_TIMEOUT_SECONDS = 25;
}
