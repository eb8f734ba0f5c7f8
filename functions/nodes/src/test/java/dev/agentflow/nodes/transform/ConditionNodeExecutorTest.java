package dev.agentflow.nodes.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.agentflow.core.error.NodeConfigInvalid;
import dev.agentflow.core.error.TemplateRenderFailed;
import dev.agentflow.core.json.Json;
import dev.agentflow.nodes.testing.TestRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionNodeExecutorTest {

    private final TestRuntime runtime = TestRuntime.create();

    private boolean evaluate(String left, String operator, String right) {
        String condition = "{\"left\": " + left + ", \"operator\": \"" + operator + "\""
                + (right == null ? "" : ", \"right\": " + right) + "}";
        return TransformTestSupport.run(runtime, "condition", "{\"conditions\": [" + condition + "]}")
                .path("result").asBoolean();
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
            // equality: numbers, numeric strings vs numbers, text, booleans, null
            "'\"{{node_2.output.body.temperature}}\"' | ==  | 15                   | true",
            "'\"{{node_2.output.body.temperature}}\"' | ==  | '\"15\"'             | true",
            "'\"{{node_2.output.body.temperature}}\"' | ==  | 15.0                 | true",
            "'\"{{node_2.output.body.weather}}\"'     | ==  | '\"sunny\"'          | true",
            "'\"{{node_2.output.body.weather}}\"'     | ==  | '\"Sunny\"'          | false",
            "'\"{{inputs.nothing}}\"'                 | ==  | null                 | true",
            "'\"{{inputs.nothing}}\"'                 | ==  | 0                    | false",
            "true                                     | ==  | '\"true\"'           | true",
            "'\"{{node_2.output.body.temperature}}\"' | !=  | 16                   | true",
            "'\"{{node_2.output.body.weather}}\"'     | !=  | '\"sunny\"'          | false",
            // ordering: numbers (also numeric strings), strings lexicographically, mixed is false
            "'\"{{node_2.output.body.temperature}}\"' | >   | 10                   | true",
            "'\"{{node_2.output.body.temperature}}\"' | >   | '\"{{inputs.threshold}}\"' | false",
            "'\"{{node_2.output.body.temperature}}\"' | >=  | 15                   | true",
            "'\"{{node_2.output.body.temperature}}\"' | <   | '\"20\"'             | true",
            "'\"{{node_2.output.body.temperature}}\"' | <=  | 14                   | false",
            "'\"2026-01-29\"'                         | <   | '\"2026-02-01\"'     | true",
            "'\"{{node_2.output.body.weather}}\"'     | >   | 3                    | false",
            "'\"{{inputs.nothing}}\"'                 | <   | 3                    | false",
            // contains: substring, array element, object key
            "'\"{{node_2.output.body.weather}}\"'     | contains     | '\"sun\"'     | true",
            "'\"{{inputs.tags}}\"'                    | contains     | '\"hot\"'     | true",
            "'\"{{inputs.tags}}\"'                    | contains     | '\"wet\"'     | false",
            "'\"{{node_2.output.body}}\"'             | contains     | '\"forecast\"' | true",
            "'\"{{inputs.nothing}}\"'                 | contains     | '\"x\"'       | false",
            "'\"{{node_2.output.body.weather}}\"'     | not_contains | '\"rain\"'    | true",
            "'\"{{inputs.tags}}\"'                    | not_contains | '\"dry\"'     | false",
            // prefixes and suffixes
            "'\"{{node_2.output.body.city}}\"'        | starts_with  | '\"Bei\"'     | true",
            "'\"{{node_2.output.body.city}}\"'        | starts_with  | '\"jing\"'    | false",
            "'\"{{node_2.output.body.city}}\"'        | ends_with    | '\"jing\"'    | true",
            "'\"{{inputs.tags}}\"'                    | ends_with    | '\"]\"'       | false",
            // emptiness: missing fields count as empty
            "'\"{{inputs.empty}}\"'                   | is_empty     |               | true",
            "'\"{{inputs.nothing}}\"'                 | is_empty     |               | true",
            "'\"{{node_2.output.body.missing}}\"'     | is_empty     |               | true",
            "'\"{{inputs.tags}}\"'                    | is_empty     |               | false",
            "'\"{{node_2.output.body.forecast}}\"'    | is_not_empty |               | true",
            "'\"{{node_9.output.text}}\"'             | is_not_empty |               | false",
            // text around the reference renders to a string first
            "'\"Temp: {{node_2.output.body.temperature}}\"' | == | '\"Temp: 15\"'  | true",
    })
    void operator_shouldEvaluate(String left, String operator, String right, boolean expected) {
        assertEquals(expected, evaluate(left, operator, right == null || right.isBlank() ? null : right));
    }

    @Test
    void and_shouldNeedEveryCondition() {
        String config = """
                {"logicalOperator": "and", "conditions": [
                  {"left": "{{node_2.output.body.temperature}}", "operator": ">", "right": 10},
                  {"left": "{{node_2.output.body.weather}}", "operator": "==", "right": "rain"}]}""";

        assertEquals(Json.parse("{\"result\": false}"), TransformTestSupport.run(runtime, "condition", config));
    }

    @Test
    void or_shouldNeedOneCondition() {
        String config = """
                {"logicalOperator": "or", "conditions": [
                  {"left": "{{node_2.output.body.temperature}}", "operator": ">", "right": 30},
                  {"left": "{{node_2.output.body.weather}}", "operator": "contains", "right": "sun"}]}""";

        assertEquals(Json.parse("{\"result\": true}"), TransformTestSupport.run(runtime, "condition", config));
        var inputs = runtime.store().findNode("exec_t", "node_5").orElseThrow().inputs();
        assertEquals(2, inputs.path("conditions").size());
    }

    @Test
    void expressionsAreNeverEvaluated_onlyCompared() {
        assertEquals(false, evaluate("\"{{node_2.output.body.temperature}}\"", "==", "\"7 + 8\""));
    }

    @Test
    void unknownOperatorOrEmptyConditions_shouldBeNodeConfigInvalid() {
        assertThrows(NodeConfigInvalid.class, () -> evaluate("1", "~=", "1"));
        assertThrows(NodeConfigInvalid.class, () -> TransformTestSupport.run(runtime, "condition", "{\"conditions\": []}"));
        assertThrows(NodeConfigInvalid.class, () -> TransformTestSupport.run(runtime, "condition",
                "{\"logicalOperator\": \"xor\", \"conditions\": [{\"left\": 1, \"operator\": \"==\", \"right\": 1}]}"));
    }

    @Test
    void unknownReference_withComparison_shouldBeTemplateRenderError() {
        assertThrows(TemplateRenderFailed.class, () -> evaluate("\"{{node_2.output.body.missing}}\"", "==", "1"));
    }
}
