package dev.agentflow.core.triggers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.core.json.Json;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code triggers} array of a workflow, read and checked (seed 002 §3.1.1.1, ARCHITECTURE.md "Workflow
 * JSON"): {@code manual} (always possible, kept for the editor), at most one {@code webhook}, and any number
 * of {@code schedule}s. Other members of a trigger (an editor's {@code id}, {@code label} …) are kept and
 * ignored. Triggers take effect only while the workflow is {@code active}.
 *
 * @param webhook   the webhook trigger, or null
 * @param schedules the schedule triggers, in array order
 */
public record WorkflowTriggers(WebhookTrigger webhook, List<ScheduleTrigger> schedules) {

    /** Most schedule triggers a workflow may have. */
    public static final int MAX_SCHEDULES = 10;

    public WorkflowTriggers {
        schedules = List.copyOf(schedules);
    }

    /** No triggers. */
    public static final WorkflowTriggers NONE = new WorkflowTriggers(null, List.of());

    /** @return the webhook trigger, if any */
    public Optional<WebhookTrigger> webhookTrigger() {
        return Optional.ofNullable(webhook);
    }

    /**
     * Reads a {@code triggers} array (null or missing: none).
     *
     * @throws TriggerException naming the first offending trigger member ({@code triggers[i].…})
     */
    public static WorkflowTriggers parse(JsonNode triggers) {
        if (triggers == null || triggers.isNull() || triggers.isMissingNode()) {
            return NONE;
        }
        if (!triggers.isArray()) {
            throw new TriggerException("triggers", "'triggers' must be an array.");
        }
        WebhookTrigger webhook = null;
        List<ScheduleTrigger> schedules = new ArrayList<>();
        for (int i = 0; i < triggers.size(); i++) {
            JsonNode t = triggers.get(i);
            String at = "triggers[" + i + "]";
            if (!t.isObject() || !t.path("type").isTextual()) {
                throw new TriggerException(at + ".type", "Trigger " + i + " must be an object with a string 'type'.");
            }
            switch (t.get("type").asText()) {
                case "manual" -> { }
                case "webhook" -> {
                    if (webhook != null) {
                        throw new TriggerException(at + ".type", "Trigger " + i + ": a workflow has at most one webhook trigger.");
                    }
                    webhook = webhook(i, t, at);
                }
                case "schedule" -> {
                    if (schedules.size() == MAX_SCHEDULES) {
                        throw new TriggerException(at, "Trigger " + i + ": a workflow has at most " + MAX_SCHEDULES
                                + " schedule triggers.");
                    }
                    schedules.add(schedule(i, t, at));
                }
                default -> throw new TriggerException(at + ".type", "Trigger " + i + ": type '" + t.get("type").asText()
                        + "' is not one of manual, webhook, schedule.");
            }
        }
        return new WorkflowTriggers(webhook, schedules);
    }

    private static WebhookTrigger webhook(int i, JsonNode t, String at) {
        JsonNode respond = t.get("respond");
        boolean sync = false;
        if (respond != null && !respond.isNull()) {
            if (!respond.isTextual() || !(respond.asText().equals("sync") || respond.asText().equals("async"))) {
                throw new TriggerException(at + ".respond", "Trigger " + i + ": 'respond' must be \"async\" or \"sync\".");
            }
            sync = respond.asText().equals("sync");
        }
        int timeout = WebhookTrigger.DEFAULT_SYNC_TIMEOUT_SECONDS;
        JsonNode seconds = t.get("syncTimeoutSeconds");
        if (seconds != null && !seconds.isNull()) {
            if (!seconds.isIntegralNumber() || seconds.asInt() < 1 || seconds.asInt() > WebhookTrigger.MAX_SYNC_TIMEOUT_SECONDS) {
                throw new TriggerException(at + ".syncTimeoutSeconds", "Trigger " + i + ": 'syncTimeoutSeconds' must be a "
                        + "whole number from 1 to " + WebhookTrigger.MAX_SYNC_TIMEOUT_SECONDS + ".");
            }
            timeout = seconds.asInt();
        }
        return new WebhookTrigger(i, sync, timeout);
    }

    private static ScheduleTrigger schedule(int i, JsonNode t, String at) {
        String field = null;
        String expression = null;
        int given = 0;
        for (String name : new String[] {"expression", "cron", "rate"}) {
            JsonNode v = t.get(name);
            if (v == null || v.isNull()) {
                continue;
            }
            given++;
            field = at + "." + name;
            if (!v.isTextual() || v.asText().isBlank()) {
                throw new TriggerException(field, "Trigger " + i + ": '" + name + "' must be a non-empty string.");
            }
            String text = v.asText().trim();
            expression = switch (name) {
                case "cron" -> text.startsWith("cron(") ? text : "cron(" + text + ")";
                case "rate" -> text.startsWith("rate(") ? text : "rate(" + text + ")";
                default -> text;
            };
        }
        if (given != 1) {
            throw new TriggerException(at + ".cron", "Trigger " + i + ": a schedule trigger needs exactly one of "
                    + "'cron' (e.g. \"0 9 * * ? *\"), 'rate' (e.g. \"1 hour\") or 'expression'.");
        }
        ScheduleExpression parsed;
        try {
            parsed = ScheduleExpression.parse(expression);
        } catch (IllegalArgumentException e) {
            throw new TriggerException(field, "Trigger " + i + ": " + e.getMessage());
        }
        if (parsed.kind() == ScheduleExpression.Kind.AT) {
            throw new TriggerException(field, "Trigger " + i + ": a schedule trigger recurs; use cron(…) or rate(…).");
        }
        ZoneId zone = ZoneId.of("UTC");
        JsonNode tz = t.get("timezone");
        if (tz != null && !tz.isNull()) {
            if (!tz.isTextual() || !(tz.asText().equals("UTC") || ZoneId.getAvailableZoneIds().contains(tz.asText()))) {
                throw new TriggerException(at + ".timezone", "Trigger " + i + ": 'timezone' must be an IANA time zone "
                        + "name such as \"Asia/Shanghai\" or \"UTC\".");
            }
            try {
                zone = ZoneId.of(tz.asText());
            } catch (DateTimeException e) {
                throw new TriggerException(at + ".timezone", "Trigger " + i + ": unknown time zone '" + tz.asText() + "'.");
            }
        }
        Integer window = null;
        JsonNode w = t.get("flexibleWindowMinutes");
        if (w != null && !w.isNull()) {
            if (!w.isIntegralNumber() || w.asInt() < 1 || w.asInt() > 1440) {
                throw new TriggerException(at + ".flexibleWindowMinutes", "Trigger " + i
                        + ": 'flexibleWindowMinutes' must be a whole number from 1 to 1440.");
            }
            window = w.asInt();
        }
        ObjectNode inputs = Json.object();
        JsonNode in = t.get("inputs");
        if (in != null && !in.isNull()) {
            if (!in.isObject()) {
                throw new TriggerException(at + ".inputs", "Trigger " + i + ": 'inputs' must be an object.");
            }
            inputs = (ObjectNode) in.deepCopy();
        }
        return new ScheduleTrigger(i, parsed, zone, window, inputs);
    }
}
