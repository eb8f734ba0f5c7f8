package dev.agentflow.nodes.transform;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Optional;

/**
 * Condition operators (ARCHITECTURE.md node table), evaluated on JSON values with no expression language.
 *
 * <ul>
 *   <li>{@code == !=}: numbers compare as numbers (also numeric strings: {@code "15" == 15}); booleans with
 *       booleans or "true"/"false"; objects and arrays structurally; otherwise as text. null equals only null.</li>
 *   <li>{@code > >= < <=}: numbers (or numeric strings) as numbers; two strings lexicographically (ISO
 *       dates order correctly); anything else is false.</li>
 *   <li>{@code contains / not_contains}: substring of a string, element of an array (by {@code ==}), key of an
 *       object; null contains nothing.</li>
 *   <li>{@code starts_with / ends_with}: on the text of both sides; false for null, objects, arrays.</li>
 *   <li>{@code is_empty / is_not_empty}: null, missing, {@code ""} or blank text, {@code []}, {@code {}} are
 *       empty; the right side is ignored.</li>
 * </ul>
 */
public enum Operator {
    EQ("=="), NE("!="), GT(">"), GE(">="), LT("<"), LE("<="),
    CONTAINS("contains"), NOT_CONTAINS("not_contains"), STARTS_WITH("starts_with"), ENDS_WITH("ends_with"),
    IS_EMPTY("is_empty"), IS_NOT_EMPTY("is_not_empty");

    private final String wire;

    Operator(String wire) {
        this.wire = wire;
    }

    /** The operator as written in a condition. */
    public String wire() {
        return wire;
    }

    /** Whether the operator reads a right-hand side. */
    public boolean unary() {
        return this == IS_EMPTY || this == IS_NOT_EMPTY;
    }

    /** The operator for its written form ({@code "=="}, {@code "contains"}; also {@code "equals"}, {@code "eq"}…). */
    public static Optional<Operator> fromWire(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        Optional<Operator> exact = Arrays.stream(values()).filter(o -> o.wire.equals(t)).findFirst();
        if (exact.isPresent()) {
            return exact;
        }
        return Optional.ofNullable(switch (t) {
            case "=", "eq", "equals" -> EQ;
            case "<>", "ne", "not_equals" -> NE;
            case "gt" -> GT;
            case "gte", "ge" -> GE;
            case "lt" -> LT;
            case "lte", "le" -> LE;
            default -> null;
        });
    }

    /**
     * Applies the operator.
     *
     * @param left  the left value (null or a JSON null when missing)
     * @param right the right value (ignored by unary operators)
     */
    public boolean test(JsonNode left, JsonNode right) {
        return switch (this) {
            case EQ -> looselyEqual(left, right);
            case NE -> !looselyEqual(left, right);
            case GT -> compare(left, right).map(c -> c > 0).orElse(false);
            case GE -> compare(left, right).map(c -> c >= 0).orElse(false);
            case LT -> compare(left, right).map(c -> c < 0).orElse(false);
            case LE -> compare(left, right).map(c -> c <= 0).orElse(false);
            case CONTAINS -> contains(left, right);
            case NOT_CONTAINS -> !contains(left, right);
            case STARTS_WITH -> text(left).flatMap(l -> text(right).map(l::startsWith)).orElse(false);
            case ENDS_WITH -> text(left).flatMap(l -> text(right).map(l::endsWith)).orElse(false);
            case IS_EMPTY -> empty(left);
            case IS_NOT_EMPTY -> !empty(left);
        };
    }

    static boolean isNull(JsonNode v) {
        return v == null || v.isNull() || v.isMissingNode();
    }

    static boolean looselyEqual(JsonNode a, JsonNode b) {
        if (isNull(a) || isNull(b)) {
            return isNull(a) && isNull(b);
        }
        Optional<BigDecimal> na = number(a);
        Optional<BigDecimal> nb = number(b);
        if (na.isPresent() && nb.isPresent() && (a.isNumber() || b.isNumber())) {
            return na.get().compareTo(nb.get()) == 0;
        }
        if (a.isBoolean() || b.isBoolean()) {
            Optional<Boolean> ba = bool(a);
            Optional<Boolean> bb = bool(b);
            return ba.isPresent() && ba.equals(bb);
        }
        if (a.isContainerNode() || b.isContainerNode()) {
            return a.isContainerNode() && b.isContainerNode() && structurallyEqual(a, b);
        }
        return a.asText().equals(b.asText());
    }

    private static boolean structurallyEqual(JsonNode a, JsonNode b) {
        if (a.isArray() != b.isArray() || a.size() != b.size()) {
            return false;
        }
        if (a.isArray()) {
            for (int i = 0; i < a.size(); i++) {
                if (!looselyEqual(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        Iterator<String> names = a.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!b.has(n) || !looselyEqual(a.get(n), b.get(n))) {
                return false;
            }
        }
        return true;
    }

    private static Optional<Integer> compare(JsonNode a, JsonNode b) {
        if (isNull(a) || isNull(b)) {
            return Optional.empty();
        }
        Optional<BigDecimal> na = number(a);
        Optional<BigDecimal> nb = number(b);
        if (na.isPresent() && nb.isPresent()) {
            return Optional.of(na.get().compareTo(nb.get()));
        }
        if (a.isTextual() && b.isTextual()) {
            return Optional.of(Integer.signum(a.asText().compareTo(b.asText())));
        }
        return Optional.empty();
    }

    private static boolean contains(JsonNode container, JsonNode item) {
        if (isNull(container)) {
            return false;
        }
        if (container.isArray()) {
            for (JsonNode element : container) {
                if (looselyEqual(element, item)) {
                    return true;
                }
            }
            return false;
        }
        if (container.isObject()) {
            return !isNull(item) && item.isValueNode() && container.has(item.asText());
        }
        return !isNull(item) && !item.isContainerNode() && container.asText().contains(item.asText());
    }

    private static boolean empty(JsonNode v) {
        if (isNull(v)) {
            return true;
        }
        if (v.isTextual()) {
            return v.asText().isBlank();
        }
        return v.isContainerNode() && v.isEmpty();
    }

    private static Optional<String> text(JsonNode v) {
        return isNull(v) || v.isContainerNode() ? Optional.empty() : Optional.of(v.asText());
    }

    private static Optional<BigDecimal> number(JsonNode v) {
        if (v.isNumber()) {
            return Optional.of(v.decimalValue());
        }
        if (v.isTextual()) {
            String t = v.asText().trim();
            if (t.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
                return Optional.of(new BigDecimal(t));
            }
        }
        return Optional.empty();
    }

    private static Optional<Boolean> bool(JsonNode v) {
        if (v.isBoolean()) {
            return Optional.of(v.asBoolean());
        }
        if (v.isTextual() && (v.asText().equalsIgnoreCase("true") || v.asText().equalsIgnoreCase("false"))) {
            return Optional.of(Boolean.parseBoolean(v.asText()));
        }
        return Optional.empty();
    }
}
