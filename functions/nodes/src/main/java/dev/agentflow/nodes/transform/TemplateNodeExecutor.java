package dev.agentflow.nodes.transform;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.core.json.Json;
import dev.agentflow.nodes.runtime.NodeContext;
import dev.agentflow.nodes.runtime.NodeExecutor;
import dev.agentflow.nodes.runtime.NodeResult;

/**
 * The template node: renders {@code config.template} (Jinja, {@code {{ }}} references to inputs and node
 * outputs; seed 000 appendix A) over the execution state. Output {@code {text}}.
 */
public final class TemplateNodeExecutor implements NodeExecutor {

    @Override
    public NodeResult execute(NodeContext ctx) {
        String template = ctx.config().requiredString("template");
        String text = ctx.render("template", template);
        ObjectNode inputs = Json.object();
        inputs.put("template", template);
        ctx.recordInputs(inputs);
        ObjectNode output = Json.object();
        output.put("text", text);
        return NodeResult.of(output);
    }
}
