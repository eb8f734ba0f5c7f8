package dev.agentflow.local.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentflow.core.json.Json;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code ./agentflow up} as a user runs it: a separate JVM on exactly the launcher's runtime classpath
 * ({@code target/classes} + {@code target/classpath.txt}, no test dependencies), with the repository's
 * template.yaml. Catches what in-process tests cannot: dependencies only the test classpath has.
 */
class LauncherSmokeTest {

    private static final Pattern EDGE = Pattern.compile("Edge endpoint\\s+(http://\\S+)");
    private static final Pattern HTTP_API = Pattern.compile("HTTP API\\s+(http://\\S+)");

    @Test
    void up_onTheLauncherClasspath_shouldServeTablesRunANodeFunctionAndAWorkflow(@org.junit.jupiter.api.io.TempDir Path dataDir)
            throws Exception {
        Path classpathFile = Path.of("target/classpath.txt");
        assertTrue(Files.exists(classpathFile), "target/classpath.txt is written at generate-resources");
        String classpath = "target/classes" + File.pathSeparator + Files.readString(classpathFile).strip();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // an OpenAI-compatible server on loopback, given to up as the platform key the way a user does it
        java.util.concurrent.ConcurrentLinkedQueue<String> authorizations = new java.util.concurrent.ConcurrentLinkedQueue<>();
        com.sun.net.httpserver.HttpServer llm = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        llm.createContext("/v1/chat/completions", ex -> {
            authorizations.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
            ex.getRequestBody().readAllBytes();
            byte[] body = ("{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"gpt-4o-mini\","
                    + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Paris is sunny.\"},"
                    + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2,\"total_tokens\":3}}")
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        llm.start();
        ProcessBuilder upCommand = new ProcessBuilder(java, "--add-opens", "java.base/java.util=ALL-UNNAMED", "-cp", classpath,
                "dev.agentflow.local.cli.AgentflowCli", "up", "--in-memory", "--port", "0", "--api-port", "0",
                "--data-dir", dataDir.toString(), "--template", "../../template.yaml")
                .redirectErrorStream(true);
        upCommand.environment().put("OPENAI_API_KEY", "sk-launcher-test");
        upCommand.environment().put("OPENAI_BASE_URL", "http://127.0.0.1:" + llm.getAddress().getPort() + "/v1");
        Process up = upCommand.start();
        try {
            CompletableFuture<String> banner = CompletableFuture.supplyAsync(() -> awaitBanner(up));
            String text = banner.get(120, TimeUnit.SECONDS);
            Matcher edgeLine = EDGE.matcher(text);
            Matcher apiLine = HTTP_API.matcher(text);
            assertTrue(edgeLine.find() && apiLine.find(), "up printed its endpoints: " + text);
            String endpoint = edgeLine.group(1);
            assertNotNull(endpoint, "up did not print its edge endpoint");
            assertTrue(text.contains("export AGENTFLOW_TOKEN=ey") && text.contains("WebSocket API      ws://"), text);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

            HttpResponse<String> tables = http.send(HttpRequest.newBuilder(URI.create(endpoint + "/"))
                    .header("X-Amz-Target", "DynamoDB_20120810.ListTables")
                    .header("Content-Type", "application/x-amz-json-1.0")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, tables.statusCode(), tables.body());
            assertTrue(Json.parse(tables.body()).get("TableNames").size() >= 2, tables.body());

            String event = Files.readString(Path.of("../../events/node-transform-template.json"));
            HttpResponse<String> invoked = http.send(HttpRequest.newBuilder(
                            URI.create(endpoint + "/2015-03-31/functions/NodeTransformFunction/invocations"))
                    .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, invoked.statusCode(), invoked.body());
            assertTrue(invoked.headers().firstValue("X-Amz-Function-Error").isEmpty(), invoked.body());
            JsonNode result = Json.parse(invoked.body());
            assertTrue(result.at("/output/text").isTextual(), invoked.body());

            // agentflow run in another JVM on the launcher classpath, against this up (token from the same data dir)
            Process run = new ProcessBuilder(java, "--add-opens", "java.base/java.util=ALL-UNNAMED", "-cp", classpath,
                    "dev.agentflow.local.cli.AgentflowCli", "run", "../../events/workflows/greeting.json",
                    "--endpoint", apiLine.group(1), "--data-dir", dataDir.toString(),
                    "--input", "name=grace", "--input", "hour=21").start();
            CompletableFuture<String> runErr = CompletableFuture.supplyAsync(() -> readAll(run.getErrorStream()));
            String runOut = readAll(run.getInputStream());
            assertTrue(run.waitFor(120, TimeUnit.SECONDS), "run ended");
            assertEquals(0, run.exitValue(), runOut + runErr.get());
            assertEquals("Good evening, Grace!", Json.parse(runOut).at("/later/text").asText(), runOut + runErr.get());
            assertTrue(runErr.get().contains("completed in"), runErr.get());

            // the seed 000 weather summary: data from up's sample-data route, the LLM from OPENAI_BASE_URL
            Path weather = dataDir.resolve("weather-summary.json");
            Files.writeString(weather, Files.readString(Path.of("../../events/workflows/weather-summary.json"))
                    .replace("http://127.0.0.1:3000", apiLine.group(1)));
            Process summary = new ProcessBuilder(java, "--add-opens", "java.base/java.util=ALL-UNNAMED", "-cp", classpath,
                    "dev.agentflow.local.cli.AgentflowCli", "run", weather.toString(), "--endpoint", apiLine.group(1),
                    "--data-dir", dataDir.toString(), "--input", "city=Paris").start();
            CompletableFuture<String> summaryErr = CompletableFuture.supplyAsync(() -> readAll(summary.getErrorStream()));
            String summaryOut = readAll(summary.getInputStream());
            assertTrue(summary.waitFor(120, TimeUnit.SECONDS), "run ended");
            assertEquals(0, summary.exitValue(), summaryOut + summaryErr.get());
            assertEquals("Paris is sunny.", Json.parse(summaryOut).path("result").asText(), summaryOut + summaryErr.get());
            assertEquals(List.of("Bearer sk-launcher-test"), List.copyOf(authorizations));
        } finally {
            llm.stop(0);
            up.destroy();
            if (!up.waitFor(20, TimeUnit.SECONDS)) {
                up.destroyForcibly();
            }
        }
    }

    private static String readAll(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** Reads the process output until the banner's last line; fails when the process ends first. */
    private static String awaitBanner(Process up) {
        StringBuilder seen = new StringBuilder();
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(up.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                seen.append(line).append('\n');
                if (line.startsWith("Press Ctrl-C")) {
                    drain(r);
                    return seen.toString();
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("reading up's output failed; so far:\n" + seen, e);
        }
        throw new AssertionError("up exited before it was ready:\n" + seen);
    }

    private static void drain(BufferedReader r) {
        Thread t = new Thread(() -> {
            try {
                while (r.readLine() != null) {
                    // keep the pipe flowing so the child never blocks on a full buffer
                }
            } catch (java.io.IOException ignored) {
                // the child was stopped
            }
        });
        t.setDaemon(true);
        t.start();
    }
}
