package dev.agentflow.nodes.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.core.json.Json;
import dev.agentflow.core.template.TemplateException;
import dev.agentflow.core.template.TemplateReferences;
import dev.agentflow.nodes.runtime.NodeConfig;
import dev.agentflow.nodes.runtime.NodeContext;
import dev.agentflow.nodes.runtime.NodeExecutor;
import dev.agentflow.nodes.runtime.NodeResult;
import java.util.Locale;

/**
 * The condition node, for what the compiler cannot express as a native Choice state (contains, is_empty,
 * a reference on the right, text around a reference…). Config {@code {logicalOperator: and|or,
 * conditions: [{left, operator, right}]}}; each side is rendered ({@code "{{ref}}"} keeps its JSON type),
 * then compared by {@link Operator} (no expression language, nothing evaluated as code). Output
 * {@code {result: true|false}}; the compiled Choice after it takes the "true" or "false" edge.
 *
 * <p>For is_empty / is_not_empty a left reference to a field that does not exist counts as empty; for the
 * other operators an unknown reference is a TEMPLATE_RENDER_ERROR, as everywhere.
 */
public final class ConditionNodeExecutor implements NodeExecutor {

    @Override
    public NodeResult execute(NodeContext ctx) {
        NodeConfig config = ctx.config();
        String logical = config.string("logicalOperator").orElse("and").toLowerCase(Locale.ROOT);
        if (!logical.equals("and") && !logical.equals("or")) {
            throw config.invalid("logicalOperator", "must be 'and' or 'or'");
        }
        JsonNode conditions = config.raw("conditions");
        if (conditions == null || !conditions.isArray() || conditions.isEmpty()) {
            throw config.invalid("conditions", "must be a non-empty list of {left, operator, right}");
        }
        boolean any = logical.equals("or");
        boolean result = !any;
        ArrayNode evaluated = Json.MAPPER.createArrayNode();
        for (int i = 0; i < conditions.size(); i++) {
            JsonNode condition = conditions.get(i);
            String field = "conditions[" + i + "]";
            String opText = condition.path("operator").asText("");
            Operator op = Operator.fromWire(opText).orElseThrow(() -> config.invalid(field + ".operator",
                    "'" + opText + "' is not one of == != > >= < <= contains not_contains starts_with ends_with is_empty is_not_empty"));
            JsonNode left = side(ctx, field + ".left", condition.get("left"), op.unary());
            JsonNode right = op.unary() ? null : side(ctx, field + ".right", condition.get("right"), false);
            boolean value = op.test(left, right);
            ObjectNode record = evaluated.addObject();
            record.set("left", left == null ? Json.MAPPER.nullNode() : left);
            record.put("operator", op.wire());
            if (!op.unary()) {
                record.set("right", right == null ? Json.MAPPER.nullNode() : right);
            }
            record.put("result", value);
            if (value == any) {
                result = any;
                break;
            }
        }
        ObjectNode inputs = Json.object();
        inputs.put("logicalOperator", logical);
        inputs.set("conditions", evaluated);
        ctx.recordInputs(inputs);
        ObjectNode output = Json.object();
        output.put("result", result);
        return NodeResult.of(output);
    }

    private static JsonNode side(NodeContext ctx, String field, JsonNode raw, boolean missingIsEmpty) {
        if (raw == null || raw.isNull()) {
            return null;
        }
        if (missingIsEmpty && raw.isTextual() && TemplateReferences.pureReference(raw.asText()).isPresent()) {
            try {
                return ctx.renderer().resolve(TemplateReferences.pureReference(raw.asText()).get(), ctx.variables());
            } catch (TemplateException unknownReference) {
                return null; // a missing field is empty, which is what is_empty asks
            }
        }
        return ctx.renderValue(field, raw);
    }
}
