package dev.agentflow.core.triggers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneId;

/**
 * A schedule trigger of a workflow ({@code {"type": "schedule", "cron": "0 9 * * ? *" | "rate": "1 hour" |
 * "expression": "cron(…)"|"rate(…)", "timezone": "Asia/Shanghai", "flexibleWindowMinutes": 15, "inputs":
 * {…}}}; seed 002 §3.2.2): an EventBridge Scheduler schedule while the workflow is active.
 *
 * @param index                 position in the {@code triggers} array (the schedule's name ends with it)
 * @param expression            the schedule expression ({@code rate(…)} or {@code cron(…)})
 * @param timezone              the zone the expression is evaluated in (IANA name; default UTC)
 * @param flexibleWindowMinutes EventBridge Scheduler flexible time window, 1–1440 minutes, or null for OFF
 * @param inputs                the execution inputs of every scheduled run (an object, possibly empty)
 */
public record ScheduleTrigger(int index, ScheduleExpression expression, ZoneId timezone, Integer flexibleWindowMinutes,
                              ObjectNode inputs) {

    /**
     * A fingerprint of what the schedule does (expression, zone, window, inputs): the schedule carries it, and
     * the trigger function runs only while the saved trigger at {@link #index} still has it, so a schedule
     * left behind by an edit can never start a run the workflow no longer asks for.
     */
    public String fingerprint() {
        String text = expression.text() + "|" + timezone.getId() + "|" + flexibleWindowMinutes + "|" + inputs;
        return Fingerprints.sha256Hex(text).substring(0, 16);
    }
}
