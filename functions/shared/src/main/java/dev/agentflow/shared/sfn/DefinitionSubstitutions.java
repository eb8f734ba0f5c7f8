package dev.agentflow.shared.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.agentflow.core.json.Json;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills the compiled ASL's {@code ${NodeLlmFunctionArn}}-style placeholders
 * ({@link dev.agentflow.core.model.NodeFunctions}) with function ARNs, as CloudFormation's
 * {@code DefinitionSubstitutions} does, in every string value of the definition.
 */
public final class DefinitionSubstitutions {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");

    private final Map<String, String> values;

    /** @param values placeholder name (e.g. {@code NodeHttpFunctionArn}) → ARN */
    public DefinitionSubstitutions(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /**
     * The definition as JSON text with every placeholder filled; the input is not modified.
     *
     * @throws IllegalStateException naming a placeholder that has no value
     */
    public String apply(ObjectNode stateMachine) {
        return Json.write(substitute(stateMachine.deepCopy()));
    }

    private JsonNode substitute(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                field.setValue(substitute(field.getValue()));
            }
            return object;
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, substitute(array.get(i)));
            }
            return array;
        }
        if (node.isTextual() && node.asText().contains("${")) {
            Matcher m = PLACEHOLDER.matcher(node.asText());
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String value = values.get(m.group(1));
                if (value == null) {
                    throw new IllegalStateException("no value for state machine placeholder ${" + m.group(1) + "}");
                }
                m.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            m.appendTail(out);
            return TextNode.valueOf(out.toString());
        }
        return node;
    }
}
