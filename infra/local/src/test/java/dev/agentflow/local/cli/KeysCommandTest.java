package dev.agentflow.local.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code agentflow keys} through the local cloud's HTTP API: {@code add} has the provider check the key
 * (REQ-401-3, {@code GET /models} on a loopback mock, reached because the local cloud allows 127.0.0.0/8), stores
 * only what passes, and an llm node then uses the stored key; {@code list} shows hints, {@code delete} removes.
 * The key is never printed.
 */
class KeysCommandTest {

    private static final String GOOD = "sk-good-user-key-7777";
    private static final String BAD = "sk-bad-user-key-6666";
    private static RunFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = new RunFixture();
    }

    @AfterAll
    static void stop() throws Exception {
        f.close();
    }

    private static RunFixture.Result keys(String user, String stdin, String... args) {
        List<String> argv = new ArrayList<>(List.of(args));
        argv.addAll(List.of("--endpoint", f.cloud.httpApiEndpoint().toString(), "--token", f.token(user)));
        KeysCommand command = new KeysCommand(Map.of(), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        return RunFixture.command(command, argv);
    }

    @Test
    void add_checksTheKeyWithTheProvider_storesIt_andAnLlmNodeUsesIt() throws Exception {
        RunFixture.Result added = keys("kim", GOOD + "\n", "add", "--provider", "openai-compatible", "--name", "local",
                "--base-url", f.llmBaseUrl(), "--key-stdin");

        assertEquals(0, added.exit(), added.err());
        JsonNode key = added.json();
        assertTrue(key.path("verified").asBoolean(), added.out());
        assertEquals("7777", key.path("keyHint").asText());
        assertTrue(added.err().contains("checked with the provider"), added.err());
        assertFalse((added.out() + added.err()).contains(GOOD), "the key is never printed");

        f.llmAuthorizations.clear();
        f.answer.set("Stored keys work.");
        Path workflow = f.sample("weather-summary.json", "\"model\": \"gpt-4o-mini\",",
                "\"model\": \"gpt-4o-mini\", \"provider\": \"openai-compatible\", \"baseUrl\": \"" + f.llmBaseUrl() + "\",");
        RunFixture.Result run = f.run("kim", workflow, "--input", "city=Berlin");
        assertEquals(0, run.exit(), run.err());
        assertEquals("Stored keys work.", run.json().path("result").asText());
        assertEquals(List.of("Bearer " + GOOD), List.copyOf(f.llmAuthorizations), "the llm node sent the stored key");
    }

    @Test
    void add_whenTheProviderRejectsTheKey_exits2_andStoresNothing() {
        RunFixture.Result rejected = keys("lee", BAD + "\n", "add", "--provider", "openai", "--base-url", f.llmBaseUrl());
        RunFixture.Result list = keys("lee", "", "list");

        assertEquals(2, rejected.exit(), rejected.err());
        assertTrue(rejected.err().contains("API_KEY_INVALID") && rejected.err().contains("401"), rejected.err());
        assertFalse((rejected.out() + rejected.err()).contains(BAD));
        assertEquals(0, list.exit(), list.err());
        assertEquals(0, list.json().size(), list.out());
    }

    @Test
    void listAndDelete_showHintsOnly_andRemove() {
        RunFixture.Result added = keys("max", "", "add", "--provider", "deepseek", "--key", "sk-deepseek-12345678", "--no-verify");
        assertEquals(0, added.exit(), added.err());
        assertFalse(added.json().path("verified").asBoolean(true));
        String id = added.json().path("id").asText();

        RunFixture.Result list = keys("max", "", "list");
        assertEquals(0, list.exit(), list.err());
        assertEquals(id, list.json().get(0).path("id").asText());
        assertEquals("5678", list.json().get(0).path("keyHint").asText());
        assertFalse(list.out().contains("sk-deepseek-12345678"));

        assertEquals(0, keys("max", "", "delete", id).exit());
        assertEquals(0, keys("max", "", "list").json().size());
        RunFixture.Result again = keys("max", "", "delete", id);
        assertEquals(2, again.exit());
        assertTrue(again.err().contains("API_KEY_NOT_FOUND"), again.err());
    }

    @Test
    void badUsage_exits2() {
        assertEquals(2, keys("x", "", "rotate").exit());
        assertEquals(2, keys("x", "", "add").exit(), "no --provider");
        assertEquals(2, keys("x", "", "add", "--provider", "openai").exit(), "no key on stdin");
        assertEquals(2, keys("x", "", "list", "--provider", "openai").exit(), "--provider is add's");
        assertEquals(2, keys("x", "", "delete").exit(), "no id");
    }
}
