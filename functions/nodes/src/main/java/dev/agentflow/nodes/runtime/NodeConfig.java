package dev.agentflow.nodes.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.core.error.NodeConfigInvalid;
import java.util.Optional;

/**
 * Typed reads of a node's {@code config}, failing with NODE_CONFIG_INVALID messages that name the node
 * and the field ({@code "Node node_3: config.temperature must be a number between 0 and 2"}).
 */
public final class NodeConfig {

    private final ObjectNode config;
    private final String nodeId;

    /** @param config the node's config; @param nodeId for messages */
    public NodeConfig(ObjectNode config, String nodeId) {
        this.config = config;
        this.nodeId = nodeId;
    }

    /** The raw value, or null when absent or JSON null. */
    public JsonNode raw(String field) {
        JsonNode v = config.get(field);
        return v == null || v.isNull() ? null : v;
    }

    /** A non-blank string field. */
    public Optional<String> string(String field) {
        JsonNode v = raw(field);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isValueNode()) {
            throw invalid(field, "must be a string");
        }
        return v.asText().isBlank() ? Optional.empty() : Optional.of(v.asText());
    }

    /** A required non-blank string field. */
    public String requiredString(String field) {
        return string(field).orElseThrow(() -> invalid(field, "is required"));
    }

    /** A number field within [min, max]. Numeric strings are accepted. */
    public Optional<Double> number(String field, double min, double max) {
        JsonNode v = raw(field);
        if (v == null || v.isTextual() && v.asText().isBlank()) {
            return Optional.empty();
        }
        double d;
        if (v.isNumber()) {
            d = v.asDouble();
        } else if (v.isTextual()) {
            try {
                d = Double.parseDouble(v.asText().trim());
            } catch (NumberFormatException e) {
                throw invalid(field, "must be a number between " + fmt(min) + " and " + fmt(max));
            }
        } else {
            throw invalid(field, "must be a number between " + fmt(min) + " and " + fmt(max));
        }
        if (Double.isNaN(d) || d < min || d > max) {
            throw invalid(field, "must be a number between " + fmt(min) + " and " + fmt(max));
        }
        return Optional.of(d);
    }

    /** A whole-number field within [min, max]. */
    public Optional<Long> whole(String field, long min, long max) {
        Optional<Double> d = number(field, min, max);
        if (d.isPresent() && d.get() != Math.rint(d.get())) {
            throw invalid(field, "must be a whole number between " + min + " and " + max);
        }
        return d.map(Double::longValue);
    }

    /** A boolean field (true/false, or the strings "true"/"false"). */
    public boolean bool(String field, boolean defaultValue) {
        JsonNode v = raw(field);
        if (v == null) {
            return defaultValue;
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isTextual() && (v.asText().equalsIgnoreCase("true") || v.asText().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(v.asText());
        }
        throw invalid(field, "must be true or false");
    }

    /** A NODE_CONFIG_INVALID failure about a field. */
    public NodeConfigInvalid invalid(String field, String problem) {
        return new NodeConfigInvalid("Node " + nodeId + ": config." + field + " " + problem, null);
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
