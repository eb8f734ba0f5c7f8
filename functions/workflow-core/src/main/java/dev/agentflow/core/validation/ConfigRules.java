package dev.agentflow.core.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.core.error.Problem;
import dev.agentflow.core.model.Node;
import java.net.URI;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Required and well-typed {@code data.config} per node type (ARCHITECTURE.md node table; seed 000 §2.1
 * LLMNodeConfig / HTTPNodeConfig). Codes: {@code MISSING_CONFIG}, {@code INVALID_CONFIG},
 * {@code RESERVED_CONFIG_KEY}; {@code field} is {@code data.config.<name>}.
 */
final class ConfigRules {

    /** LLM providers reached through OpenAI-compatible endpoints. */
    static final Set<String> PROVIDERS = Set.of("openai", "azure", "deepseek", "qwen", "siliconflow", "ollama",
            "openai-compatible");
    /** HTTP methods the http node sends. */
    static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
    /** Condition operators (ARCHITECTURE.md condition row). */
    static final Set<String> OPERATORS = Set.of("==", "!=", ">", ">=", "<", "<=", "contains", "not_contains",
            "starts_with", "ends_with", "is_empty", "is_not_empty");
    static final Set<String> UNARY_OPERATORS = Set.of("is_empty", "is_not_empty");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    private final List<Problem> out;

    ConfigRules(List<Problem> out) {
        this.out = out;
    }

    void check(Node node) {
        reservedKeys(node, node.config(), "data.config");
        switch (node.type()) {
            case LLM -> llm(node);
            case HTTP -> http(node);
            case TEMPLATE -> requireString(node, "template", true);
            case VARIABLE -> variable(node);
            case CONDITION -> condition(node);
            case END -> end(node);
            case START -> {
            }
        }
    }

    private void llm(Node n) {
        requireString(n, "userPrompt", true);
        optionalString(n, "systemPrompt");
        optionalString(n, "model");
        optionalString(n, "apiKeyId");
        optionalString(n, "baseUrl");
        JsonNode provider = n.config().get("provider");
        if (present(provider) && (!provider.isTextual() || !PROVIDERS.contains(provider.asText()))) {
            invalid(n, "provider", "'provider' must be one of " + String.join(", ", PROVIDERS.stream().sorted().toList()) + ".");
        }
        JsonNode t = n.config().get("temperature");
        if (present(t) && (!t.isNumber() || t.asDouble() < 0 || t.asDouble() > 2)) {
            invalid(n, "temperature", "'temperature' must be a number from 0 to 2.");
        }
        JsonNode m = n.config().get("maxTokens");
        if (present(m) && (!m.isIntegralNumber() || m.asLong() < 1 || m.asLong() > 1_000_000)) {
            invalid(n, "maxTokens", "'maxTokens' must be a whole number from 1 to 1000000.");
        }
        optionalBoolean(n, "streaming");
    }

    private void http(Node n) {
        if (requireString(n, "url", true)) {
            String url = n.config().get("url").asText();
            String head = url.split("\\{\\{|\\{%", 2)[0];
            boolean templated = !head.equals(url);
            String lower = head.toLowerCase(Locale.ROOT);
            boolean schemeOk = lower.startsWith("http://") || lower.startsWith("https://");
            if (templated ? !head.isEmpty() && !schemeOk && !"https://".startsWith(lower) && !"http://".startsWith(lower)
                    : !schemeOk || !validUri(url)) {
                invalid(n, "url", "'url' must be an absolute http:// or https:// URL (it may use {{ }} references).");
            }
        }
        JsonNode method = n.config().get("method");
        if (present(method) && (!method.isTextual() || !METHODS.contains(method.asText().toUpperCase(Locale.ROOT)))) {
            invalid(n, "method", "'method' must be one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS.");
        }
        JsonNode headers = n.config().get("headers");
        if (present(headers)) {
            if (!headers.isObject()) {
                invalid(n, "headers", "'headers' must be an object of header name to string value.");
            } else {
                headers.fields().forEachRemaining(e -> {
                    if (!e.getValue().isTextual()) {
                        invalid(n, "headers." + e.getKey(), "Header '" + e.getKey() + "' must have a string value.");
                    }
                });
            }
        }
        JsonNode timeout = n.config().get("timeout");
        if (present(timeout) && (!timeout.isNumber() || timeout.asDouble() <= 0 || timeout.asDouble() > 900)) {
            invalid(n, "timeout", "'timeout' must be a number of seconds above 0 and at most 900.");
        }
        optionalBoolean(n, "failOnError");
    }

    private static boolean validUri(String url) {
        try {
            URI u = new URI(url);
            return u.getHost() != null;
        } catch (Exception e) {
            return false;
        }
    }

    private void variable(Node n) {
        JsonNode name = n.config().get("name");
        JsonNode vars = n.config().get("variables");
        if (present(vars)) {
            if (!vars.isObject() || vars.isEmpty()) {
                invalid(n, "variables", "'variables' must be a non-empty object of name to value.");
            } else {
                vars.fieldNames().forEachRemaining(k -> {
                    if (!NAME.matcher(k).matches()) {
                        invalid(n, "variables." + k, "Variable name '" + k + "' must be an identifier (letters, digits, _).");
                    }
                });
            }
        } else if (present(name)) {
            if (!name.isTextual() || !NAME.matcher(name.asText()).matches()) {
                invalid(n, "name", "'name' must be an identifier (letters, digits, _).");
            }
            if (!n.config().has("value")) {
                missing(n, "value", "A variable node with 'name' needs a 'value'.");
            }
        } else {
            missing(n, "name", "A variable node needs 'name' and 'value', or 'variables'.");
        }
    }

    private void condition(Node n) {
        JsonNode op = n.config().get("logicalOperator");
        if (present(op) && (!op.isTextual() || !(op.asText().equals("and") || op.asText().equals("or")))) {
            invalid(n, "logicalOperator", "'logicalOperator' must be 'and' or 'or'.");
        }
        JsonNode conditions = n.config().get("conditions");
        if (!present(conditions)) {
            missing(n, "conditions", "A condition node needs a non-empty 'conditions' list.");
            return;
        }
        if (!conditions.isArray() || conditions.isEmpty()) {
            invalid(n, "conditions", "'conditions' must be a non-empty list of {left, operator, right}.");
            return;
        }
        for (int i = 0; i < conditions.size(); i++) {
            JsonNode c = conditions.get(i);
            String f = "conditions[" + i + "]";
            if (!c.isObject()) {
                invalid(n, f, "Each condition must be an object {left, operator, right}.");
                continue;
            }
            JsonNode left = c.get("left");
            if (!present(left) || !left.isTextual() || left.asText().isBlank()) {
                missing(n, f + ".left", "Condition " + i + " needs 'left', e.g. \"{{node_2.output.statusCode}}\".");
            }
            JsonNode operator = c.get("operator");
            if (!present(operator) || !operator.isTextual() || !OPERATORS.contains(operator.asText())) {
                invalid(n, f + ".operator", "Condition " + i + ": 'operator' must be one of "
                        + String.join(" ", List.of("==", "!=", ">", ">=", "<", "<=", "contains", "not_contains",
                        "starts_with", "ends_with", "is_empty", "is_not_empty")) + ".");
            } else if (!UNARY_OPERATORS.contains(operator.asText()) && !c.has("right")) {
                missing(n, f + ".right", "Condition " + i + " with operator '" + operator.asText() + "' needs 'right'.");
            } else if (c.has("right") && (c.get("right").isObject() || c.get("right").isArray())) {
                invalid(n, f + ".right", "Condition " + i + ": 'right' must be a string, number, boolean or null.");
            }
        }
    }

    private void end(Node n) {
        JsonNode outputs = n.config().get("outputs");
        if (present(outputs) && !outputs.isObject()) {
            invalid(n, "outputs", "'outputs' must be an object of output name to value, e.g. {\"summary\": \"{{node_3.output.text}}\"}.");
        }
    }

    private void reservedKeys(Node n, JsonNode value, String path) {
        if (value.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = value.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().endsWith(".$")) {
                    out.add(Problem.node("RESERVED_CONFIG_KEY", n.id(), path + "." + e.getKey(),
                            "Config keys may not end with '.$' (reserved by Step Functions paths)."));
                }
                reservedKeys(n, e.getValue(), path + "." + e.getKey());
            }
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                reservedKeys(n, value.get(i), path + "[" + i + "]");
            }
        }
    }

    private boolean requireString(Node n, String field, boolean nonBlank) {
        JsonNode v = n.config().get(field);
        if (!present(v)) {
            missing(n, field, "Node '" + n.id() + "' (" + n.typeName() + ") needs '" + field + "'.");
            return false;
        }
        if (!v.isTextual() || nonBlank && v.asText().isBlank()) {
            invalid(n, field, "'" + field + "' must be a non-empty string.");
            return false;
        }
        return true;
    }

    private void optionalString(Node n, String field) {
        JsonNode v = n.config().get(field);
        if (present(v) && !v.isTextual()) {
            invalid(n, field, "'" + field + "' must be a string.");
        }
    }

    private void optionalBoolean(Node n, String field) {
        JsonNode v = n.config().get(field);
        if (present(v) && !v.isBoolean()) {
            invalid(n, field, "'" + field + "' must be true or false.");
        }
    }

    private static boolean present(JsonNode v) {
        return v != null && !v.isNull();
    }

    private void missing(Node n, String field, String message) {
        out.add(Problem.node("MISSING_CONFIG", n.id(), "data.config." + field, message));
    }

    private void invalid(Node n, String field, String message) {
        out.add(Problem.node("INVALID_CONFIG", n.id(), "data.config." + field, message));
    }

    /** Whether a config object is empty or absent. */
    static boolean isEmpty(ObjectNode config) {
        return config == null || config.isEmpty();
    }
}
