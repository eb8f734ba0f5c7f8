package dev.agentflow.nodes.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.core.json.Json;
import dev.agentflow.nodes.runtime.NodeConfig;
import dev.agentflow.nodes.runtime.NodeContext;
import dev.agentflow.nodes.runtime.NodeExecutor;
import dev.agentflow.nodes.runtime.NodeResult;
import java.util.Iterator;
import java.util.Map;

/**
 * The variable node: {@code name} + {@code value}, or {@code variables: {name: value}} (both may be
 * given). Each value is rendered; a value that is exactly one {@code {{ref}}} keeps the referenced JSON
 * type (number, object…). Output {@code {name: value, …}}, read later as {@code {{node_5.output.name}}}.
 */
public final class VariableNodeExecutor implements NodeExecutor {

    @Override
    public NodeResult execute(NodeContext ctx) {
        NodeConfig config = ctx.config();
        ObjectNode output = Json.object();
        JsonNode variables = config.raw("variables");
        if (variables != null) {
            if (!variables.isObject()) {
                throw config.invalid("variables", "must be an object of names to values");
            }
            Iterator<Map.Entry<String, JsonNode>> it = variables.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().isBlank()) {
                    throw config.invalid("variables", "has an empty name");
                }
                output.set(e.getKey(), ctx.renderValue("variables." + e.getKey(), e.getValue()));
            }
        }
        var name = config.string("name");
        if (name.isPresent()) {
            JsonNode value = config.raw("value");
            output.set(name.get(), value == null ? Json.MAPPER.nullNode() : ctx.renderValue("value", value));
        } else if (config.raw("value") != null) {
            throw config.invalid("name", "is required when value is given");
        }
        if (output.isEmpty()) {
            throw config.invalid("variables", "or name + value is required");
        }
        ctx.recordInputs(output);
        return NodeResult.of(output);
    }
}
