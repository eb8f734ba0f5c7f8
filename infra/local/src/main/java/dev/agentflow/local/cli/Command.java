package dev.agentflow.local.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * One subcommand of the {@code agentflow} command line.
 *
 * <p>Exit codes follow the CLI contract: 0 success, 1 the work ran and failed (e.g. a failed execution),
 * 2 bad input (unreadable file, invalid workflow, unknown option).
 */
public interface Command {

    /** The word that selects this command, e.g. {@code "compile"}. */
    String name();

    /** One line for the {@code agentflow --help} listing. */
    String summary();

    /** Full usage text printed by {@code agentflow NAME --help}. */
    String usage();

    /**
     * Runs the command.
     *
     * @param args the arguments after the command name
     * @param out  standard output: the command's result only (so {@code | jq} works)
     * @param err  standard error: progress, logs and error messages
     * @return the process exit code
     */
    int run(List<String> args, PrintStream out, PrintStream err);
}
