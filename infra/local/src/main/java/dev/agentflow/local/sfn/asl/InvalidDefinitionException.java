package dev.agentflow.local.sfn.asl;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A state machine definition was rejected. The message has the shape of the AWS InvalidDefinition message:
 * {@code Invalid State Machine Definition: 'CODE: detail at /States/X/Next', ...}.
 */
public final class InvalidDefinitionException extends Exception {

  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  /** @param problems each {@code "CODE: detail at /location"} */
  public InvalidDefinitionException(List<String> problems) {
    super("Invalid State Machine Definition: "
        + problems.stream().map(p -> "'" + p + "'").collect(Collectors.joining(", ")));
    this.problems = List.copyOf(problems);
  }

  /** @return the individual problems */
  public List<String> problems() {
    return problems;
  }
}
