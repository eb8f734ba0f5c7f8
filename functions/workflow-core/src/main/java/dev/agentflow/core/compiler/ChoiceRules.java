package dev.agentflow.core.compiler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.core.json.Json;
import dev.agentflow.core.template.TemplateReferences;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Compiles a condition node's structured comparisons to an ASL Choice rule that Step Functions evaluates
 * natively, with no Lambda call (ASL spec: Choice Rules; Step Functions developer guide: Choice state).
 *
 * <p>Native: {@code == != > >= < <=} against a literal, {@code starts_with} / {@code ends_with} against a
 * literal string ({@code StringMatches}), with {@code left} a single reference. Each comparison is guarded by
 * {@code IsPresent} and a type test, so a missing or differently typed value compares false instead of
 * failing the execution. A numeric string on the right ({@code "3"}) matches both the number 3 and the
 * string "3". Anything else ({@code contains}, {@code is_empty}, a reference on the right, a template with
 * text on the left) is not native: {@link #compile} returns empty and the compiler invokes the condition
 * handler instead, which evaluates the same operators safely (no code execution).
 */
final class ChoiceRules {

    private ChoiceRules() {
    }

    /**
     * The Choice rule (without {@code Next}) for a condition config, or empty when some part is not native.
     *
     * @param config the node's {@code data.config}: {@code {logicalOperator?, conditions: [{left, operator, right}]}}
     */
    static Optional<ObjectNode> compile(JsonNode config) {
        JsonNode conditions = config.get("conditions");
        List<ObjectNode> rules = new ArrayList<>();
        for (JsonNode c : conditions) {
            Optional<ObjectNode> rule = comparison(c);
            if (rule.isEmpty()) {
                return Optional.empty();
            }
            rules.add(rule.get());
        }
        if (rules.size() == 1) {
            return Optional.of(rules.get(0));
        }
        String op = config.path("logicalOperator").asText("and");
        return Optional.of(combine(op.equals("or") ? "Or" : "And", rules));
    }

    private static Optional<ObjectNode> comparison(JsonNode c) {
        Optional<String> left = TemplateReferences.pureReference(c.path("left").asText(""));
        if (left.isEmpty()) {
            return Optional.empty();
        }
        String path = TemplateReferences.toStatePath(left.get());
        String operator = c.path("operator").asText();
        JsonNode right = c.get("right");
        if (right != null && right.isTextual() && TemplateReferences.isTemplate(right.asText())) {
            return Optional.empty();
        }
        return switch (operator) {
            case "==" -> equalsRule(path, right);
            case "!=" -> equalsRule(path, right).map(ChoiceRules::not);
            case ">" -> ordering(path, right, "GreaterThan");
            case ">=" -> ordering(path, right, "GreaterThanEquals");
            case "<" -> ordering(path, right, "LessThan");
            case "<=" -> ordering(path, right, "LessThanEquals");
            case "starts_with" -> right != null && right.isTextual()
                    ? Optional.of(typed(path, "IsString", test(path, "StringMatches", Json.MAPPER.getNodeFactory().textNode(escape(right.asText()) + "*"))))
                    : Optional.empty();
            case "ends_with" -> right != null && right.isTextual()
                    ? Optional.of(typed(path, "IsString", test(path, "StringMatches", Json.MAPPER.getNodeFactory().textNode("*" + escape(right.asText())))))
                    : Optional.empty();
            default -> Optional.empty();
        };
    }

    private static Optional<ObjectNode> equalsRule(String path, JsonNode right) {
        if (right == null || right.isNull()) {
            ObjectNode missing = not(test(path, "IsPresent", Json.MAPPER.getNodeFactory().booleanNode(true)));
            return Optional.of(combine("Or", List.of(missing, test(path, "IsNull", Json.MAPPER.getNodeFactory().booleanNode(true)))));
        }
        if (right.isNumber()) {
            return Optional.of(typed(path, "IsNumeric", test(path, "NumericEquals", right)));
        }
        if (right.isBoolean()) {
            return Optional.of(combine("Or", List.of(
                    typed(path, "IsBoolean", test(path, "BooleanEquals", right)),
                    typed(path, "IsString", test(path, "StringEquals", Json.MAPPER.getNodeFactory().textNode(right.asText()))))));
        }
        if (right.isTextual()) {
            String s = right.asText();
            List<ObjectNode> options = new ArrayList<>();
            options.add(typed(path, "IsString", test(path, "StringEquals", right)));
            number(s).ifPresent(n -> options.add(typed(path, "IsNumeric", test(path, "NumericEquals", n))));
            if (s.equals("true") || s.equals("false")) {
                options.add(typed(path, "IsBoolean", test(path, "BooleanEquals",
                        Json.MAPPER.getNodeFactory().booleanNode(Boolean.parseBoolean(s)))));
            }
            return Optional.of(options.size() == 1 ? options.get(0) : combine("Or", options));
        }
        return Optional.empty();
    }

    private static Optional<ObjectNode> ordering(String path, JsonNode right, String suffix) {
        if (right == null) {
            return Optional.empty();
        }
        if (right.isNumber()) {
            return Optional.of(typed(path, "IsNumeric", test(path, "Numeric" + suffix, right)));
        }
        if (right.isTextual()) {
            Optional<JsonNode> n = number(right.asText());
            if (n.isPresent()) {
                return Optional.of(typed(path, "IsNumeric", test(path, "Numeric" + suffix, n.get())));
            }
            return Optional.of(typed(path, "IsString", test(path, "String" + suffix, right)));
        }
        return Optional.empty();
    }

    private static Optional<JsonNode> number(String s) {
        try {
            BigDecimal d = new BigDecimal(s.trim());
            if (s.isBlank() || !s.equals(s.trim())) {
                return Optional.empty();
            }
            return Optional.of(d.scale() <= 0 && d.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0
                    ? Json.MAPPER.getNodeFactory().numberNode(d.longValueExact())
                    : Json.MAPPER.getNodeFactory().numberNode(d.doubleValue()));
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** ASL StringMatches escaping: backslash escapes {@code *} and itself. */
    static String escape(String literal) {
        return literal.replace("\\", "\\\\").replace("*", "\\*");
    }

    private static ObjectNode typed(String path, String typeTest, ObjectNode comparison) {
        return combine("And", List.of(
                test(path, "IsPresent", Json.MAPPER.getNodeFactory().booleanNode(true)),
                test(path, typeTest, Json.MAPPER.getNodeFactory().booleanNode(true)),
                comparison));
    }

    private static ObjectNode test(String path, String operator, JsonNode value) {
        ObjectNode rule = Json.object();
        rule.put("Variable", path);
        rule.set(operator, value);
        return rule;
    }

    static ObjectNode not(ObjectNode rule) {
        ObjectNode n = Json.object();
        n.set("Not", rule);
        return n;
    }

    static ObjectNode combine(String op, List<ObjectNode> rules) {
        ObjectNode n = Json.object();
        ArrayNode arr = n.putArray(op);
        rules.forEach(arr::add);
        return n;
    }
}
