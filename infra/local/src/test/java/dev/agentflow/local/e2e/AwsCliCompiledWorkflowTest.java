package dev.agentflow.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentflow.core.json.Json;
import dev.agentflow.local.LocalCloud;
import dev.agentflow.local.LocalCloudOptions;
import dev.agentflow.local.cli.AgentflowCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3's "Done when", as a user would do it: a sample workflow compiled with {@code agentflow compile},
 * deployed with the real AWS CLI v2 ({@code /usr/bin/aws}, Debian's awscli) into the local cloud running the
 * repository's template.yaml, executed to SUCCEEDED with the right output by the real node handlers, listed,
 * and the node records found by a DynamoDB scan. Skipped where the AWS CLI is not installed.
 */
class AwsCliCompiledWorkflowTest {

    private static final Path AWS = Path.of("/usr/bin/aws");

    @TempDir
    Path dir;

    private String aws(LocalCloud cloud, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(AWS.toString(), "--endpoint-url", cloud.edgeEndpoint().toString(),
                "--output", "json"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test",
                "AWS_DEFAULT_REGION", "us-east-1", "AWS_PAGER", ""));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "aws timed out");
        assertEquals(0, p.exitValue(), () -> String.join(" ", args) + " -> " + out);
        return out;
    }

    @Test
    void awsCli_shouldDeployAndRunACompiledSample() throws Exception {
        assumeTrue(Files.isExecutable(AWS), "the AWS CLI v2 (/usr/bin/aws, apt-get install awscli) is not installed");
        ByteArrayOutputStream compiled = new ByteArrayOutputStream();
        int code = new AgentflowCli().run(new String[] {"compile", "../../events/workflows/greeting.json"},
                new PrintStream(compiled, true, StandardCharsets.UTF_8), System.err);
        assertEquals(0, code);
        Path definition = dir.resolve("greeting.asl.json");
        Files.writeString(definition, compiled.toString(StandardCharsets.UTF_8)
                .replaceAll("\\$\\{Node(\\w+)FunctionArn}", "arn:aws:lambda:us-east-1:000000000000:function:Node$1Function"));

        try (LocalCloud cloud = LocalCloud.start(LocalCloudOptions.inMemory(Path.of("../../template.yaml")).withEdgePort(0)
                .withLog(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))) {
            String sm = Json.parse(aws(cloud, "stepfunctions", "create-state-machine", "--name", "greeting",
                    "--definition", "file://" + definition, "--role-arn", "arn:aws:iam::000000000000:role/agentflow"))
                    .get("stateMachineArn").asText();
            String exec = Json.parse(aws(cloud, "stepfunctions", "start-execution", "--state-machine-arn", sm,
                    "--name", "hello-ada", "--input", "{\"name\": \"ada lovelace\", \"hour\": 9}")).get("executionArn").asText();
            // wait in-process (each CLI call starts a Python interpreter), then describe with the CLI
            for (int i = 0; i < 600 && cloud.stepFunctions().handle("DescribeExecution",
                    Json.object().put("executionArn", exec)).get("status").asText().equals("RUNNING"); i++) {
                Thread.sleep(50);
            }
            JsonNode described = Json.parse(aws(cloud, "stepfunctions", "describe-execution", "--execution-arn", exec));
            JsonNode d = described;
            assertEquals("SUCCEEDED", d.get("status").asText(), d::toString);
            JsonNode output = Json.parse(d.get("output").asText());
            assertEquals("Good morning, Ada Lovelace!", output.at("/nodes/morning/output/text").asText(), output::toString);
            assertEquals("skipped", output.at("/nodes/later/status").asText());
            assertEquals("Good morning, Ada Lovelace!", output.at("/outputs/morning/text").asText(), output::toString);

            JsonNode listed = Json.parse(aws(cloud, "stepfunctions", "list-executions", "--state-machine-arn", sm));
            assertEquals("hello-ada", listed.at("/executions/0/name").asText());

            JsonNode scan = Json.parse(aws(cloud, "dynamodb", "scan", "--table-name", executionsTable(cloud)));
            assertTrue(scan.toString().contains("NODE#morning"), scan::toString);
        }
    }

    private String executionsTable(LocalCloud cloud) {
        return cloud.template().tables().stream().map(t -> t.tableName())
                .filter(n -> n.contains("Executions") && !n.contains("Record")).findFirst().orElseThrow();
    }
}
