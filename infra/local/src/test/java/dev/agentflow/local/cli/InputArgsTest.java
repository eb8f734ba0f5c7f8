package dev.agentflow.local.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.agentflow.core.json.Json;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InputArgsTest {

    @Test
    void keyValue_valuesThatReadAsJsonAreTyped_othersAreText_laterWins() {
        var inputs = InputArgs.parse(List.of("hour=9", "ok=true", "city=New York", "zip=\"01234\"", "tags=[1,2]",
                "{\"city\": \"Oslo\", \"n\": 1.5}", "empty=", "n=2", "neg=-3", "word=-x"));
        assertEquals(Json.parse("""
                {"hour": 9, "ok": true, "city": "Oslo", "zip": "01234", "tags": [1, 2], "n": 2, "empty": "", "neg": -3,
                 "word": "-x"}"""), inputs);
    }

    @Test
    void badValues_areRefusedNamingThem() {
        assertThrows(IllegalArgumentException.class, () -> InputArgs.parse(List.of("city")));
        assertThrows(IllegalArgumentException.class, () -> InputArgs.parse(List.of("{not json")));
        assertThrows(IllegalArgumentException.class, () -> InputArgs.parse(List.of("=x")));
        assertThrows(IllegalArgumentException.class, () -> InputArgs.parse(List.of("1abc=x")));
    }

    @Test
    void required_findsEveryInputReadAnywhereInNodeConfigs() {
        var workflow = Json.parse("""
                {"definition": {"nodes": [
                  {"id": "a", "type": "http", "data": {"config": {"url": "https://x/{{inputs.city}}?d={{ inputs.day | upper }}",
                     "headers": {"X": "{{inputs.token}}"}, "body": {"list": ["{{inputs.items[0]}}"]}}}},
                  {"id": "b", "type": "template", "data": {"config": {"template": "{% for x in inputs.rows %}{{x}}{% endfor %} {{a.output}}"}}}
                ]}}""");
        assertEquals(Set.of("city", "day", "token", "items", "rows"), InputArgs.required(workflow));
        assertEquals(Set.of("day"), InputArgs.missing(InputArgs.required(workflow),
                InputArgs.parse(List.of("city=x", "token=y", "items=[]", "rows=[]"))));
    }
}
