package dev.agentflow.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.core.json.Json;
import dev.agentflow.core.template.TemplateReferences;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The execution inputs of {@code agentflow run}: each {@code --input} is a JSON object (merged in) or
 * {@code key=value}, where a value that reads as a JSON number, boolean, null, object, array or quoted string
 * is taken as that, anything else as text ({@code hour=9} is the number 9, {@code city=New York} the text,
 * {@code zip='"01234"'} the text 01234).
 */
final class InputArgs {

    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,127}");

    private InputArgs() {
    }

    /**
     * Builds the inputs object.
     *
     * @param values the {@code --input} values in order (later ones win)
     * @throws IllegalArgumentException naming the bad value
     */
    static ObjectNode parse(List<String> values) {
        ObjectNode inputs = Json.object();
        for (String v : values) {
            String trimmed = v.trim();
            if (trimmed.startsWith("{")) {
                JsonNode json;
                try {
                    json = Json.parse(trimmed);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--input " + abbreviate(v) + " is not a valid JSON object");
                }
                if (!json.isObject()) {
                    throw new IllegalArgumentException("--input " + abbreviate(v) + " must be a JSON object");
                }
                inputs.setAll((ObjectNode) json);
                continue;
            }
            int eq = v.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--input wants a JSON object or key=value, got '" + abbreviate(v) + "'");
            }
            String key = v.substring(0, eq).trim();
            if (!KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("--input key '" + abbreviate(key)
                        + "' must start with a letter or _ and hold letters, digits, _ . - (at most 128)");
            }
            inputs.set(key, value(v.substring(eq + 1)));
        }
        return inputs;
    }

    private static JsonNode value(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            return Json.MAPPER.getNodeFactory().textNode(text);
        }
        char c = t.charAt(0);
        if (c == '{' || c == '[' || c == '"' || c == '-' || Character.isDigit(c) || t.equals("true") || t.equals("false")
                || t.equals("null")) {
            try {
                return Json.parse(t);
            } catch (IllegalArgumentException e) {
                // not JSON after all: text
            }
        }
        return Json.MAPPER.getNodeFactory().textNode(text);
    }

    /**
     * The input names a workflow reads ({@code {{inputs.city}}} anywhere in a node's config), for the check
     * that every one was given.
     *
     * @param workflow the workflow file's JSON ({@code {definition: {nodes}}} or a bare {@code {nodes}})
     */
    static Set<String> required(JsonNode workflow) {
        JsonNode nodes = workflow.has("definition") ? workflow.path("definition").path("nodes") : workflow.path("nodes");
        Set<String> names = new TreeSet<>();
        for (JsonNode node : nodes) {
            collect(node.path("data").path("config"), names);
        }
        return names;
    }

    private static void collect(JsonNode value, Set<String> names) {
        if (value.isTextual()) {
            for (TemplateReferences.Reference r : TemplateReferences.extract(value.asText())) {
                if (r.root().equals("inputs") && r.path().length() > "inputs.".length()) {
                    String rest = r.path().substring("inputs".length());
                    if (rest.startsWith(".")) { // inputs['a b'] forms are left to the run to report
                        names.add(rest.substring(1).split("[.\\[]", 2)[0]);
                    }
                }
            }
        } else if (value.isContainerNode()) {
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            if (value.isArray()) {
                value.forEach(v -> collect(v, names));
            }
            while (fields.hasNext()) {
                collect(fields.next().getValue(), names);
            }
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    /** The names of {@code required} that {@code inputs} lacks. */
    static Set<String> missing(Set<String> required, ObjectNode inputs) {
        Set<String> out = new TreeSet<>(required);
        inputs.fieldNames().forEachRemaining(out::remove);
        return out;
    }
}
