package dev.agentflow.api.triggers;

/**
 * One EventBridge Scheduler schedule as the platform wants it (EventBridge Scheduler API reference,
 * CreateSchedule): in the configured group, targeting the schedule trigger function with {@code input}.
 *
 * @param name                  {@code <prefix>-<workflowId>-<trigger index>} (at most 64 of {@code [0-9a-zA-Z-_.]})
 * @param expression            {@code rate(…)} or {@code cron(…)}
 * @param timezone              IANA zone ({@code ScheduleExpressionTimezone})
 * @param flexibleWindowMinutes {@code FlexibleTimeWindow} FLEXIBLE with this maximum, or null for OFF
 * @param input                 the target's {@code Input}: JSON text naming the workflow, trigger and fingerprint,
 *                              with {@code <aws.scheduler.scheduled-time>} for the fire time
 */
public record ScheduleSpec(String name, String expression, String timezone, Integer flexibleWindowMinutes, String input) {
}
