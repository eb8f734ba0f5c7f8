package dev.agentflow.core.triggers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentflow.core.json.Json;
import java.net.URI;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code triggers} array and {@code settings.callbacks}: what is accepted, and what is refused naming the member. */
class WorkflowTriggersTest {

    @Test
    void parse_shouldReadEveryKind() {
        WorkflowTriggers t = WorkflowTriggers.parse(Json.parse("[{\"type\": \"manual\"},"
                + "{\"type\": \"schedule\", \"cron\": \"0 9 * * ? *\", \"timezone\": \"Asia/Shanghai\", \"inputs\": {\"city\": \"beijing\"}},"
                + "{\"type\": \"webhook\", \"respond\": \"sync\", \"syncTimeoutSeconds\": 5, \"id\": \"editor-kept\"},"
                + "{\"type\": \"schedule\", \"rate\": \"1 minute\", \"flexibleWindowMinutes\": 15}]"));

        assertEquals(new WebhookTrigger(2, true, 5), t.webhook());
        assertEquals(2, t.schedules().size());
        ScheduleTrigger daily = t.schedules().get(0);
        assertEquals(1, daily.index());
        assertEquals("cron(0 9 * * ? *)", daily.expression().text());
        assertEquals(ZoneId.of("Asia/Shanghai"), daily.timezone());
        assertNull(daily.flexibleWindowMinutes());
        assertEquals("beijing", daily.inputs().path("city").asText());
        ScheduleTrigger minutely = t.schedules().get(1);
        assertEquals(3, minutely.index());
        assertEquals("rate(1 minute)", minutely.expression().text());
        assertEquals(ZoneId.of("UTC"), minutely.timezone());
        assertEquals(15, minutely.flexibleWindowMinutes());
        assertTrue(minutely.inputs().isEmpty());
    }

    @Test
    void parse_ofNothing_shouldBeNone() {
        assertEquals(WorkflowTriggers.NONE, WorkflowTriggers.parse(null));
        assertEquals(WorkflowTriggers.NONE, WorkflowTriggers.parse(Json.parse("[]")));
        assertFalse(WorkflowTriggers.parse(Json.parse("[{\"type\": \"webhook\"}]")).webhook().sync());
    }

    @Test
    void fingerprint_shouldChangeWithWhatTheScheduleDoes() {
        ScheduleTrigger a = WorkflowTriggers.parse(Json.parse("[{\"type\": \"schedule\", \"rate\": \"1 hour\"}]")).schedules().get(0);
        ScheduleTrigger same = WorkflowTriggers.parse(Json.parse("[{\"type\": \"schedule\", \"expression\": \"rate(1 hour)\"}]")).schedules().get(0);
        ScheduleTrigger other = WorkflowTriggers.parse(Json.parse("[{\"type\": \"schedule\", \"rate\": \"1 hour\", \"inputs\": {\"x\": 1}}]")).schedules().get(0);
        assertEquals(a.fingerprint(), same.fingerprint());
        assertNotEquals(a.fingerprint(), other.fingerprint());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{}                                                                  | triggers",
            "[1]                                                                 | triggers[0].type",
            "[{\"type\": \"email\"}]                                             | triggers[0].type",
            "[{\"type\": \"webhook\"}, {\"type\": \"webhook\"}]                  | triggers[1].type",
            "[{\"type\": \"webhook\", \"respond\": \"later\"}]                   | triggers[0].respond",
            "[{\"type\": \"webhook\", \"syncTimeoutSeconds\": 26}]               | triggers[0].syncTimeoutSeconds",
            "[{\"type\": \"schedule\"}]                                          | triggers[0].cron",
            "[{\"type\": \"schedule\", \"cron\": \"0 9 * * *\"}]                 | triggers[0].cron",
            "[{\"type\": \"manual\"}, {\"type\": \"schedule\", \"rate\": \"5 minute\"}] | triggers[1].rate",
            "[{\"type\": \"schedule\", \"cron\": \"0 9 * * ? *\", \"rate\": \"1 hour\"}] | triggers[0].cron",
            "[{\"type\": \"schedule\", \"expression\": \"at(2030-01-01T00:00:00)\"}] | triggers[0].expression",
            "[{\"type\": \"schedule\", \"rate\": \"1 hour\", \"timezone\": \"Mars/Olympus\"}] | triggers[0].timezone",
            "[{\"type\": \"schedule\", \"rate\": \"1 hour\", \"timezone\": \"+08:00\"}] | triggers[0].timezone",
            "[{\"type\": \"schedule\", \"rate\": \"1 hour\", \"flexibleWindowMinutes\": 0}] | triggers[0].flexibleWindowMinutes",
            "[{\"type\": \"schedule\", \"rate\": \"1 hour\", \"inputs\": [1]}]    | triggers[0].inputs"})
    void parse_shouldRefuse_namingTheTriggerMember(String json, String field) {
        TriggerException e = assertThrows(TriggerException.class, () -> WorkflowTriggers.parse(Json.parse(json)));
        assertEquals(field, e.field(), e.getMessage());
    }

    @Test
    void callbacks_shouldBeReadFromSettings() {
        ResultCallbacks c = ResultCallbacks.fromDefinition(Json.parse("{\"nodes\": [], \"settings\": {\"callbacks\": "
                + "{\"onSuccess\": \"https://example.com/ok?token=1\", \"onFailure\": \"http://example.com/ko\"}}}"));
        assertEquals(URI.create("https://example.com/ok?token=1"), c.forOutcome(true).orElseThrow());
        assertEquals(URI.create("http://example.com/ko"), c.forOutcome(false).orElseThrow());
        assertEquals(ResultCallbacks.NONE, ResultCallbacks.fromDefinition(Json.parse("{\"nodes\": []}")));
        assertFalse(ResultCallbacks.fromDefinition(Json.parse("{\"settings\": {\"callbacks\": {}}}")).any());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"x\"                                       | definition.settings.callbacks",
            "{\"onDone\": \"https://a.example\"}         | definition.settings.callbacks.onDone",
            "{\"onSuccess\": \"ftp://a.example/x\"}      | definition.settings.callbacks.onSuccess",
            "{\"onFailure\": \"/relative\"}              | definition.settings.callbacks.onFailure",
            "{\"onFailure\": \"https://u:p@a.example/\"} | definition.settings.callbacks.onFailure",
            "{\"onSuccess\": 3}                          | definition.settings.callbacks.onSuccess"})
    void callbacks_shouldRefuseBadUrls(String callbacks, String field) {
        TriggerException e = assertThrows(TriggerException.class,
                () -> ResultCallbacks.fromDefinition(Json.parse("{\"settings\": {\"callbacks\": " + callbacks + "}}")));
        assertEquals(field, e.field(), e.getMessage());
    }
}
