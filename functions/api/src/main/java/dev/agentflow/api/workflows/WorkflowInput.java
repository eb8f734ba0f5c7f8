package dev.agentflow.api.workflows;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.api.http.ApiException;
import dev.agentflow.api.http.JsonBody;
import java.util.Set;

/**
 * The fields of a workflow create or update body (seed 000 §4.1 "创建工作流"), type- and length-checked.
 * Absent fields are null (an update keeps the stored value).
 *
 * @param name        1–200 characters
 * @param description at most 2000 characters
 * @param definition  {@code {nodes, edges, settings}} (validated by the compiler)
 * @param triggers    trigger array
 * @param status      draft | active | archived
 * @param version     the version the update is based on (optimistic concurrency), or null
 */
public record WorkflowInput(String name, String description, ObjectNode definition, ArrayNode triggers,
                            String status, Integer version) {

    /** Longest name (seed 000 §5.1 VARCHAR(200)). */
    public static final int MAX_NAME = 200;
    /** Longest description. */
    public static final int MAX_DESCRIPTION = 2000;
    /** The statuses a workflow can have (seed 000 §5.1). */
    public static final Set<String> STATUSES = Set.of("draft", "active", "archived");

    /** Reads a create body: name and definition required. */
    public static WorkflowInput forCreate(ObjectNode body) {
        WorkflowInput in = read(body);
        if (in.name() == null) {
            throw ApiException.validation("name", "'name' is required.");
        }
        if (in.definition() == null) {
            throw ApiException.validation("definition", "'definition' is required and must be an object.");
        }
        return in;
    }

    /** Reads an update body: every field optional. */
    public static WorkflowInput forUpdate(ObjectNode body) {
        return read(body);
    }

    private static WorkflowInput read(ObjectNode body) {
        String name = JsonBody.optionalString(body, "name", MAX_NAME);
        if (name != null && name.isEmpty()) {
            throw ApiException.validation("name", "'name' must not be empty.");
        }
        String status = JsonBody.optionalString(body, "status", 20);
        if (status != null && !STATUSES.contains(status)) {
            throw ApiException.validation("status", "'status' must be one of draft, active, archived.");
        }
        return new WorkflowInput(name,
                JsonBody.optionalString(body, "description", MAX_DESCRIPTION),
                JsonBody.optionalObject(body, "definition"),
                JsonBody.optionalArray(body, "triggers"),
                status,
                JsonBody.optionalInt(body, "version", 1, Integer.MAX_VALUE));
    }
}
