package dev.agentflow.api.triggers;

import dev.agentflow.shared.aws.AwsHttp;
import dev.agentflow.shared.config.AppConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindow;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ListSchedulesResponse;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.RetryPolicy;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;
import software.amazon.awssdk.services.scheduler.model.ScheduleSummary;
import software.amazon.awssdk.services.scheduler.model.Target;

/**
 * {@link ScheduleSync} on EventBridge Scheduler (AWS SDK v2 {@code scheduler}, API version 2021-06-30): schedules
 * in one group, ENABLED, targeting the schedule trigger function through the scheduler role, with a retry policy
 * of {@value #RETRY_ATTEMPTS} attempts within {@value #MAX_EVENT_AGE_SECONDS} s (a run more than an hour late
 * is skipped rather than started).
 */
public final class EventBridgeScheduleSync implements ScheduleSync {

    /** Scheduler's retries of a failed target invocation. */
    public static final int RETRY_ATTEMPTS = 5;
    /** Oldest a scheduled invocation may get before Scheduler drops it. */
    public static final int MAX_EVENT_AGE_SECONDS = 3600;

    private final SchedulerClient client;
    private final String group;
    private final String targetArn;
    private final String roleArn;

    /**
     * @param client    built once per container ({@link #client(AppConfig)})
     * @param group     the schedule group
     * @param targetArn the schedule trigger function (alias ARN)
     * @param roleArn   the role Scheduler assumes to invoke it
     */
    public EventBridgeScheduleSync(SchedulerClient client, String group, String targetArn, String roleArn) {
        this.client = client;
        this.group = group;
        this.targetArn = targetArn;
        this.roleArn = roleArn;
    }

    /**
     * A Scheduler client as every AWS client here is built (transport from {@link AwsHttp}: UrlConnectionHttpClient
     * unless served in-process; region; endpoint override).
     */
    public static SchedulerClient client(AppConfig config) {
        return AwsHttp.transport(config.endpointOverride())
                .configure(SchedulerClient.builder(), config.region(), config.endpointOverride())
                .build();
    }

    @Override
    public List<String> names(String prefix) {
        List<String> names = new ArrayList<>();
        String token = null;
        try {
            do {
                String next = token;
                ListSchedulesResponse page = client.listSchedules(b -> b.groupName(group).namePrefix(prefix).nextToken(next));
                page.schedules().stream().map(ScheduleSummary::name).forEach(names::add);
                token = page.nextToken();
            } while (token != null && !token.isEmpty());
        } catch (SdkException e) {
            throw failure("ListSchedules", prefix + "*", e);
        }
        return names;
    }

    @Override
    public Optional<ScheduleSpec> get(String name) {
        try {
            GetScheduleResponse s = client.getSchedule(b -> b.groupName(group).name(name));
            FlexibleTimeWindow window = s.flexibleTimeWindow();
            Integer minutes = window == null || window.mode() != FlexibleTimeWindowMode.FLEXIBLE ? null
                    : window.maximumWindowInMinutes();
            return Optional.of(new ScheduleSpec(s.name(), s.scheduleExpression(), s.scheduleExpressionTimezone(), minutes,
                    s.target() == null || !targetArn.equals(s.target().arn()) ? null : s.target().input()));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw failure("GetSchedule", name, e);
        }
    }

    @Override
    public void put(ScheduleSpec spec, boolean exists) {
        FlexibleTimeWindow window = spec.flexibleWindowMinutes() == null
                ? FlexibleTimeWindow.builder().mode(FlexibleTimeWindowMode.OFF).build()
                : FlexibleTimeWindow.builder().mode(FlexibleTimeWindowMode.FLEXIBLE)
                        .maximumWindowInMinutes(spec.flexibleWindowMinutes()).build();
        Target target = Target.builder().arn(targetArn).roleArn(roleArn).input(spec.input())
                .retryPolicy(RetryPolicy.builder().maximumRetryAttempts(RETRY_ATTEMPTS)
                        .maximumEventAgeInSeconds(MAX_EVENT_AGE_SECONDS).build())
                .build();
        String description = "AgentFlow workflow schedule " + spec.name();
        try {
            if (exists) {
                client.updateSchedule(b -> b.groupName(group).name(spec.name()).description(description)
                        .scheduleExpression(spec.expression()).scheduleExpressionTimezone(spec.timezone())
                        .flexibleTimeWindow(window).state(ScheduleState.ENABLED).target(target)
                        .actionAfterCompletion(ActionAfterCompletion.NONE));
            } else {
                client.createSchedule(b -> b.groupName(group).name(spec.name()).description(description)
                        .scheduleExpression(spec.expression()).scheduleExpressionTimezone(spec.timezone())
                        .flexibleTimeWindow(window).state(ScheduleState.ENABLED).target(target)
                        .actionAfterCompletion(ActionAfterCompletion.NONE));
            }
        } catch (SdkException e) {
            throw failure(exists ? "UpdateSchedule" : "CreateSchedule", spec.name(), e);
        }
    }

    @Override
    public void delete(String name) {
        try {
            client.deleteSchedule(b -> b.groupName(group).name(name));
        } catch (ResourceNotFoundException e) {
            // already gone
        } catch (SdkException e) {
            throw failure("DeleteSchedule", name, e);
        }
    }

    private static TriggerSyncException failure(String operation, String name, SdkException e) {
        String code = e instanceof AwsServiceException a && a.awsErrorDetails() != null
                ? a.awsErrorDetails().errorCode() : e.getClass().getSimpleName();
        return new TriggerSyncException(operation + " " + name + " failed: " + code, e);
    }
}
