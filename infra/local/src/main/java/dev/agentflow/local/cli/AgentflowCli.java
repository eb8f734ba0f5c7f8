package dev.agentflow.local.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Entry point of the {@code ./agentflow} launcher: dispatches to a {@link Command} by its first argument.
 *
 * <p>{@code agentflow} or {@code agentflow --help} prints the command list; {@code agentflow NAME --help}
 * prints that command's usage. An unknown command exits 2.
 */
public final class AgentflowCli {

    private final Map<String, Command> commands = new LinkedHashMap<>();

    /** Builds the CLI with every built-in command registered. */
    public AgentflowCli() {
        register(new CompileCommand());
        register(new UpCommand());
        register(new TokenCommand());
        register(new RunCommand());
        register(new KeysCommand());
        register(new ValidateCommand());
        register(new DeployPlanCommand()); // issue 9: infra/localstack/deploy.sh
        // Further commands register here.
    }

    private void register(Command command) {
        commands.put(command.name(), command);
    }

    /**
     * Runs one invocation.
     *
     * @return the exit code (0 ok, 1 failed run, 2 bad input)
     */
    public int run(String[] argv, PrintStream out, PrintStream err) {
        if (argv.length == 0 || argv[0].equals("--help") || argv[0].equals("-h") || argv[0].equals("help")) {
            out.print(usage());
            return 0;
        }
        Command command = commands.get(argv[0]);
        if (command == null) {
            err.println("agentflow: unknown command '" + argv[0] + "'. Run './agentflow --help' for the list.");
            return 2;
        }
        List<String> rest = List.of(argv).subList(1, argv.length);
        if (rest.contains("--help") || rest.contains("-h")) {
            out.print(command.usage());
            return 0;
        }
        return command.run(rest, out, err);
    }

    /** The top-level usage text listing every command. */
    public String usage() {
        StringBuilder sb = new StringBuilder();
        sb.append("AgentFlow: serverless AI workflows on AWS Step Functions, runnable locally.\n\n");
        sb.append("Usage: ./agentflow COMMAND [OPTIONS]\n\nCommands:\n");
        commands.values().forEach(c -> sb.append(String.format("  %-10s %s%n", c.name(), c.summary())));
        sb.append("\nStart here:\n");
        sb.append("  ./agentflow run events/workflows/weather-report.json --input city=Oslo   (no network, no LLM key)\n");
        sb.append("  ./agentflow up                                   (keep a local cloud running for run, curl, the AWS CLI)\n");
        sb.append("\nRun './agentflow COMMAND --help' for a command's options.\n");
        return sb.toString();
    }

    /** Process entry point. */
    public static void main(String[] argv) {
        int code = new AgentflowCli().run(argv, System.out, System.err);
        System.out.flush();
        System.exit(code);
    }
}
