package dev.agentflow.core.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.agentflow.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Independent Step Functions tooling from npm, installed by the test suite itself into
 * {@code target/node-tools}: {@code asl-validator} 4.0.0 (schema and path validation of ASL) and
 * {@code aws-local-stepfunctions} 3.0.0 (an independent ASL interpreter, run on Node 20 with a
 * {@code Promise.withResolvers} polyfill). Tests call {@link #require()} first: without Node/npm or the
 * registry they are skipped with the reason, never silently passed.
 */
public final class NodeTools {

    private static final Path DIR = Path.of("target", "node-tools").toAbsolutePath();
    private static Boolean available;
    private static String reason = "";

    private NodeTools() {
    }

    /** Installs the tools once per build; skips the calling test (JUnit assumption) when impossible. */
    public static synchronized void require() {
        if (available == null) {
            available = install();
        }
        assumeTrue(available, "npm tools unavailable: " + reason);
    }

    private static boolean install() {
        try {
            Files.createDirectories(DIR);
            for (String script : List.of("validate.cjs", "execute.mjs", "polyfill.cjs")) {
                try (InputStream in = NodeTools.class.getResourceAsStream("/node/" + script)) {
                    Files.write(DIR.resolve(script), in.readAllBytes());
                }
            }
            if (Files.isDirectory(DIR.resolve("node_modules/asl-validator"))
                    && Files.isDirectory(DIR.resolve("node_modules/aws-local-stepfunctions"))) {
                return true;
            }
            Files.writeString(DIR.resolve("package.json"), "{\"name\":\"agentflow-node-tools\",\"private\":true}");
            Process p = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--loglevel=error",
                    "asl-validator@4.0.0", "aws-local-stepfunctions@3.0.0")
                    .directory(DIR.toFile()).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
                reason = "npm install failed: " + log;
                return false;
            }
            return true;
        } catch (IOException e) {
            reason = "cannot run npm: " + e.getMessage();
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reason = "interrupted";
            return false;
        }
    }

    /**
     * Validates definitions with asl-validator in one Node process.
     *
     * @param cases objects {@code {name, definition}}
     * @return objects {@code {name, isValid, errors}} in the same order
     */
    public static List<JsonNode> validate(ArrayNode cases) {
        return runNode("validate.cjs", cases);
    }

    /**
     * Executes compiled workflows in aws-local-stepfunctions with fake node handlers (see execute.mjs).
     *
     * @param cases objects {@code {name, definition, input, behaviours}}
     * @return objects {@code {name, status, output | error, cause, calls}} in the same order
     */
    public static List<JsonNode> execute(ArrayNode cases) {
        return runNode("execute.mjs", cases);
    }

    private static List<JsonNode> runNode(String script, ArrayNode cases) {
        require();
        try {
            Path in = Files.createTempFile(DIR, "cases", ".json");
            Files.writeString(in, Json.write(cases));
            ProcessBuilder pb = new ProcessBuilder("node", script, in.toString()).directory(DIR.toFile());
            pb.environment().put("NODE_OPTIONS", "--require " + DIR.resolve("polyfill.cjs"));
            pb.redirectError(ProcessBuilder.Redirect.INHERIT);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(script + " failed (exit " + p.exitValue() + "): " + out);
            }
            Files.deleteIfExists(in);
            List<JsonNode> results = new ArrayList<>();
            Json.parse(out).forEach(results::add);
            return results;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run node " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
