package dev.agentflow.core.model;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A trigger of a saved workflow (ARCHITECTURE.md: {@code triggers}): {@code {"type": "schedule", "cron":
 * …, "timezone": …}} or {@code {"type": "webhook"}}. Interpreted by the triggers feature; kept raw here.
 *
 * @param type the trigger type, e.g. {@code schedule}, {@code webhook}
 * @param raw  the trigger as received
 */
public record Trigger(String type, ObjectNode raw) {
}
