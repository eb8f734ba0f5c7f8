package dev.agentflow.api.triggers;

import java.util.Map;

/**
 * The api function's trigger settings (issue 8), read once from the environment; template.yaml's issue 8 block
 * sets them. Without {@code SCHEDULE_TARGET_ARN} schedules are not managed (saving a workflow with a schedule
 * trigger still validates it); without {@code WEBHOOK_SIGNING_SECRET_ID} no signing secret can be issued.
 *
 * @param scheduleGroup     {@code SCHEDULE_GROUP_NAME}: the EventBridge Scheduler group of workflow schedules
 *                          (default {@code default})
 * @param scheduleTargetArn {@code SCHEDULE_TARGET_ARN}: the schedule trigger function (alias) every schedule invokes
 * @param schedulerRoleArn  {@code SCHEDULER_ROLE_ARN}: the role EventBridge Scheduler assumes to invoke it
 * @param signingSecretId   {@code WEBHOOK_SIGNING_SECRET_ID}: the Secrets Manager secret holding the signing master key
 * @param namePrefix        schedule names are {@code <namePrefix>-<workflowId>-<trigger index>}
 *                          ({@code STATE_MACHINE_NAME_PREFIX}, default {@code agentflow})
 */
public record TriggerConfig(String scheduleGroup, String scheduleTargetArn, String schedulerRoleArn,
                            String signingSecretId, String namePrefix) {

    public static final String SCHEDULE_GROUP_NAME = "SCHEDULE_GROUP_NAME";
    public static final String SCHEDULE_TARGET_ARN = "SCHEDULE_TARGET_ARN";
    public static final String SCHEDULER_ROLE_ARN = "SCHEDULER_ROLE_ARN";
    public static final String WEBHOOK_SIGNING_SECRET_ID = "WEBHOOK_SIGNING_SECRET_ID";

    /** Reads the settings; absent variables are null (defaults for the group and prefix). */
    public static TriggerConfig fromEnvironment(Map<String, String> env) {
        return new TriggerConfig(value(env, SCHEDULE_GROUP_NAME, "default"), value(env, SCHEDULE_TARGET_ARN, null),
                value(env, SCHEDULER_ROLE_ARN, null), value(env, WEBHOOK_SIGNING_SECRET_ID, null),
                value(env, "STATE_MACHINE_NAME_PREFIX", "agentflow"));
    }

    /** Whether schedules can be created (target and role known). */
    public boolean schedulesEnabled() {
        return scheduleTargetArn != null && schedulerRoleArn != null;
    }

    private static String value(Map<String, String> env, String name, String fallback) {
        String v = env.get(name);
        return v == null || v.isBlank() ? fallback : v.trim();
    }
}
