package dev.agentflow.core.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A workflow as the API takes it: {@code {name, description, definition, triggers}}.
 *
 * @param name        display name, or null (a bare definition file has none)
 * @param description description, or null
 * @param definition  the graph
 * @param triggers    triggers, possibly empty
 * @param raw         the document as received (unknown fields kept)
 */
public record WorkflowDocument(String name, String description, WorkflowDefinition definition,
                               List<Trigger> triggers, ObjectNode raw) {
}
