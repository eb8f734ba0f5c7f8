package dev.agentflow.core.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.FatalTemplateErrorsException;
import com.hubspot.jinjava.interpret.InterpretException;
import com.hubspot.jinjava.interpret.InvalidArgumentException;
import com.hubspot.jinjava.interpret.InvalidInputException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateSyntaxException;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.interpret.UnknownTokenException;
import dev.agentflow.core.json.Json;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders {@code {{ }}} templates, the one renderer for prompts, URLs, headers, bodies and template
 * nodes (ARCHITECTURE.md; seed 000 appendix A), on Jinjava with unknown tokens made fatal: an unknown
 * reference fails with {@link TemplateException} naming it instead of rendering as an empty string.
 *
 * <p>The variables are the execution state: {@code inputs}, {@code execution} and one entry per node id
 * holding {@code {output, status, …}}, so {@code {{node_2.output.body.temperature}}} reads node_2's
 * output. Thread-safe; build once and share.
 */
public final class TemplateRenderer {

    /** Largest rendered string, in characters, before rendering fails (guards runaway loops). */
    public static final long MAX_OUTPUT_CHARS = 5L * 1024 * 1024;

    private final Jinjava jinjava;
    private final JinjavaConfig config;
    private final SharedGlobalContext globals;

    /** A renderer with the project's settings. */
    public TemplateRenderer() {
        this.config = JinjavaConfig.newBuilder()
                .withFailOnUnknownTokens(true)
                .withMaxOutputSize(MAX_OUTPUT_CHARS)
                .withMaxRenderDepth(10)
                .build();
        this.jinjava = new Jinjava(config);
        this.globals = new SharedGlobalContext(jinjava.getGlobalContext());
    }

    /**
     * The template variables for an execution state as node handlers receive it
     * ({@code {"inputs": …, "nodes": {"node_2": {"output": …}}, "execution": …}}; node handler contract).
     *
     * @param state     the {@code state} object of the handler input
     * @param execution the {@code execution} object, or null
     * @return plain Java maps and lists, keyed {@code inputs}, {@code execution} and each node id
     */
    public static Map<String, Object> variables(JsonNode state, JsonNode execution) {
        Map<String, Object> vars = new LinkedHashMap<>();
        JsonNode nodes = state == null ? null : state.get("nodes");
        if (nodes != null && nodes.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = nodes.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                vars.put(e.getKey(), toJava(e.getValue()));
            }
        }
        JsonNode inputs = state == null ? null : state.get("inputs");
        vars.put("inputs", inputs == null || inputs.isNull() ? Map.of() : toJava(inputs));
        if (execution != null && !execution.isNull()) {
            vars.put("execution", toJava(execution));
        }
        return vars;
    }

    /**
     * Plain Java values for Jinjava, with objects and arrays as {@link JsonMap} / {@link JsonList}, which
     * print as JSON: {@code "data: {{ node_2.output.body }}"} renders {@code {"temperature":15}}, not Java's
     * {@code {temperature=15}}.
     */
    private static Object toJava(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isObject()) {
            JsonMap map = new JsonMap();
            node.fields().forEachRemaining(e -> map.put(e.getKey(), toJava(e.getValue())));
            return map;
        }
        if (node.isArray()) {
            JsonList list = new JsonList();
            node.forEach(v -> list.add(toJava(v)));
            return list;
        }
        return Json.MAPPER.convertValue(node, Object.class);
    }

    /** A JSON object as Jinjava sees it: a map that prints as JSON. */
    static final class JsonMap extends java.util.LinkedHashMap<String, Object> {
        private static final long serialVersionUID = 1L;

        @Override
        public String toString() {
            return Json.write(this);
        }
    }

    /** A JSON array as Jinjava sees it: a list that prints as JSON. */
    static final class JsonList extends java.util.ArrayList<Object> {
        private static final long serialVersionUID = 1L;

        @Override
        public String toString() {
            return Json.write(this);
        }
    }

    /**
     * Renders a template to text.
     *
     * @param template  the template; a string with no {@code {{}}} or {@code {%}} is returned as is
     * @param variables from {@link #variables}
     * @return the rendered text
     * @throws TemplateException on a syntax error or an unknown reference (named in the message)
     */
    public String render(String template, Map<String, Object> variables) {
        if (!TemplateReferences.isTemplate(template)) {
            return template;
        }
        Optional<String> pure = TemplateReferences.pureReference(template);
        if (pure.isPresent()) {
            JsonNode value = resolve(pure.get(), variables);
            return value.isTextual() ? value.asText() : value.isValueNode() ? value.asText() : Json.write(value);
        }
        RenderResult result;
        try {
            result = renderForResult(template, variables);
        } catch (UnknownTokenException e) {
            throw unknown(e.getToken());
        } catch (FatalTemplateErrorsException e) {
            List<TemplateError> errs = new java.util.ArrayList<>();
            e.getErrors().forEach(errs::add);
            throw fromErrors(errs);
        } catch (RuntimeException e) {
            throw new TemplateException("Template could not be rendered: " + e.getMessage(), null);
        }
        List<TemplateError> fatal = result.getErrors().stream()
                .filter(err -> err.getSeverity() == TemplateError.ErrorType.FATAL)
                .toList();
        if (!fatal.isEmpty()) {
            throw fromErrors(fatal);
        }
        return result.getOutput();
    }

    /**
     * {@code Jinjava.renderForResult(template, bindings)} (Jinjava 2.8.4) with the shared parent context instead
     * of a fresh copy of the global context per call: the same interpreter, the same errors for the same failures,
     * the same trailing-newline rule.
     */
    private RenderResult renderForResult(String template, Map<String, Object> variables) {
        Context context = new Context(globals, variables, config.getDisabled());
        JinjavaInterpreter interpreter = new JinjavaInterpreter(jinjava, context, config);
        try {
            String output = interpreter.render(template);
            if (!config.isKeepTrailingNewline() && output.endsWith("\n")) {
                output = output.substring(0, output.length() - 1);
            }
            return new RenderResult(output, interpreter.getContext(), interpreter.getErrorsCopy());
        } catch (TemplateSyntaxException e) {
            return new RenderResult(TemplateError.fromException(e), interpreter.getContext(), interpreter.getErrorsCopy());
        } catch (InterpretException e) {
            return new RenderResult(TemplateError.fromSyntaxError(e), interpreter.getContext(), interpreter.getErrorsCopy());
        } catch (InvalidArgumentException e) {
            return new RenderResult(TemplateError.fromInvalidArgumentException(e), interpreter.getContext(),
                    interpreter.getErrorsCopy());
        } catch (InvalidInputException e) {
            return new RenderResult(TemplateError.fromInvalidInputException(e), interpreter.getContext(),
                    interpreter.getErrorsCopy());
        } catch (RuntimeException e) {
            return new RenderResult(TemplateError.fromException(e), interpreter.getContext(), interpreter.getErrorsCopy());
        }
    }

    /**
     * Renders a JSON value: every string inside it is rendered; a string that is exactly one reference
     * ({@code "{{node_2.output.body}}"}) becomes the referenced value with its JSON type (object, number…).
     *
     * @throws TemplateException as {@link #render}
     */
    public JsonNode renderValue(JsonNode value, Map<String, Object> variables) {
        if (value == null) {
            return null;
        }
        if (value.isTextual()) {
            String s = value.asText();
            Optional<String> pure = TemplateReferences.pureReference(s);
            if (pure.isPresent()) {
                return resolve(pure.get(), variables);
            }
            return TemplateReferences.isTemplate(s) ? TextNode.valueOf(render(s, variables)) : value;
        }
        if (value.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            value.fields().forEachRemaining(e -> out.set(e.getKey(), renderValue(e.getValue(), variables)));
            return out;
        }
        if (value.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            value.forEach(v -> out.add(renderValue(v, variables)));
            return out;
        }
        return value;
    }

    /**
     * Resolves one reference ({@code node_2.output.data[0]}) to its JSON value.
     *
     * @throws TemplateException when any step of the path does not exist
     */
    public JsonNode resolve(String reference, Map<String, Object> variables) {
        String ref = reference.replaceAll("\\s+", "");
        int i = 0;
        int n = ref.length();
        while (i < n && ref.charAt(i) != '.' && ref.charAt(i) != '[') {
            i++;
        }
        String root = ref.substring(0, i);
        if (!variables.containsKey(root)) {
            throw unknown(reference);
        }
        JsonNode current = Json.MAPPER.valueToTree(variables.get(root));
        while (i < n) {
            char c = ref.charAt(i);
            if (c == '.') {
                int s = ++i;
                while (i < n && ref.charAt(i) != '.' && ref.charAt(i) != '[') {
                    i++;
                }
                current = current.isObject() ? current.get(ref.substring(s, i)) : null;
            } else {
                int close = ref.indexOf(']', i);
                String key = ref.substring(i + 1, close);
                i = close + 1;
                if (key.startsWith("'") || key.startsWith("\"")) {
                    current = current.isObject() ? current.get(key.substring(1, key.length() - 1)) : null;
                } else {
                    int idx = Integer.parseInt(key);
                    current = current.isArray() ? current.get(idx) : null;
                }
            }
            if (current == null) {
                throw unknown(reference);
            }
        }
        return current;
    }

    private static TemplateException unknown(String token) {
        return new TemplateException("Unknown reference '{{" + token + "}}': no such input, node or output field.", token);
    }

    private static TemplateException fromErrors(List<TemplateError> errors) {
        TemplateError first = errors.get(0);
        if (first.getReason() == TemplateError.ErrorReason.UNKNOWN && first.getFieldName() != null) {
            return unknown(first.getFieldName());
        }
        String where = first.getLineno() > 0 ? " (line " + first.getLineno() + ")" : "";
        return new TemplateException("Template error" + where + ": " + first.getMessage(), null);
    }
}
