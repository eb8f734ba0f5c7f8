package dev.agentflow.local.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code ./agentflow}, {@code --help} and every subcommand's {@code --help}. */
class AgentflowCliTest {

    private static String[] run(String... argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new AgentflowCli().run(argv, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {String.valueOf(exit), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void noArguments_orHelp_printsTheCommandsAndWhereToStart() {
        for (String[] argv : List.of(new String[0], new String[] {"--help"}, new String[] {"-h"})) {
            String[] r = run(argv);
            assertEquals("0", r[0]);
            for (String command : List.of("compile", "up", "token", "run", "keys")) {
                assertTrue(r[1].contains("\n  " + command + " "), command + " listed: " + r[1]);
            }
            assertTrue(r[1].contains("./agentflow run events/workflows/weather-report.json --input city=Oslo"), r[1]);
        }
    }

    @Test
    void everySubcommand_hasHelp() {
        for (String command : List.of("compile", "up", "token", "run", "keys")) {
            String[] r = run(command, "--help");
            assertEquals("0", r[0], command);
            assertTrue(r[1].startsWith("Usage: ./agentflow " + command), command + ": " + r[1]);
        }
        assertTrue(run("run", "--help")[1].contains("Exit codes: 0 completed; 1 failed"));
        assertTrue(run("keys", "--help")[1].contains("--no-verify"));
    }

    @Test
    void unknownCommand_exits2() {
        String[] r = run("deploy");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("unknown command 'deploy'"), r[2]);
    }
}
