package dev.agentflow.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.core.json.Json;
import dev.agentflow.local.client.ApiClient;
import java.util.Optional;

/**
 * Saves a workflow file through the HTTP API for {@code agentflow run}: matched by name with the caller's
 * workflows (the most recently updated one of that name). No match: created. A match whose definition,
 * description or triggers differ: updated (a new version, with optimistic concurrency on the version just
 * read). A match with the same content: used as it is, so running a file again does not publish a version.
 */
public final class WorkflowSaver {

    /** What was saved. */
    public record Saved(String id, String name, long version, String action) {
    }

    private final ApiClient api;

    public WorkflowSaver(ApiClient api) {
        this.api = api;
    }

    /**
     * Saves.
     *
     * @param workflow the file's JSON: {@code {name, description?, definition, triggers?}}, or a bare
     *                 {@code {nodes, edges}} (then named {@code fallbackName})
     * @param fallbackName the name for a workflow without one (the file name)
     * @throws dev.agentflow.local.client.ApiException from the API, e.g. INVALID_WORKFLOW_DEFINITION or CONFLICT
     */
    public Saved save(JsonNode workflow, String fallbackName) {
        ObjectNode body = normalise(workflow, fallbackName);
        String name = body.path("name").asText();
        Optional<JsonNode> existing = api.findWorkflowByName(name);
        if (existing.isEmpty()) {
            JsonNode created = api.createWorkflow(body);
            return new Saved(created.path("id").asText(), name, created.path("version").asLong(1), "created");
        }
        String id = existing.get().path("id").asText();
        JsonNode current = api.workflow(id);
        if (same(current, body)) {
            return new Saved(id, name, current.path("version").asLong(), "unchanged");
        }
        ObjectNode changes = body.deepCopy();
        changes.put("version", current.path("version").asLong());
        JsonNode updated = api.updateWorkflow(id, changes);
        return new Saved(id, name, updated.path("version").asLong(), "updated");
    }

    /** The API's body for a workflow file. */
    public static ObjectNode normalise(JsonNode workflow, String fallbackName) {
        ObjectNode body = Json.object();
        if (workflow.has("definition")) {
            body.setAll(((ObjectNode) workflow).deepCopy());
        } else {
            body.set("definition", workflow.deepCopy());
        }
        if (!body.path("name").isTextual() || body.path("name").asText().isBlank()) {
            body.put("name", fallbackName);
        }
        return body;
    }

    private static boolean same(JsonNode current, ObjectNode body) {
        return current.path("definition").equals(body.path("definition"))
                && text(current, "description").equals(text(body, "description"))
                && array(current.path("triggers")).equals(array(body.path("triggers")));
    }

    private static String text(JsonNode n, String field) {
        return n.path(field).isTextual() ? n.path(field).asText() : "";
    }

    private static JsonNode array(JsonNode n) {
        return n.isArray() ? n : Json.MAPPER.createArrayNode();
    }
}
