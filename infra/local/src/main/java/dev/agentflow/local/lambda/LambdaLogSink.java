package dev.agentflow.local.lambda;

import java.io.PrintStream;

/**
 * Where function logs go: what a function writes through {@code LambdaLogger}, and the runtime's
 * {@code START} / {@code END} / {@code REPORT} lines (CloudWatch Logs in AWS).
 */
@FunctionalInterface
public interface LambdaLogSink {

  /**
   * @param functionName the function that logged
   * @param message one log message, without trailing newline
   */
  void log(String functionName, String message);

  /** @return a sink printing {@code [FunctionName] message} lines to {@code stream} */
  static LambdaLogSink printingTo(PrintStream stream) {
    return (functionName, message) -> {
      String prefix = "[" + functionName + "] ";
      StringBuilder out = new StringBuilder();
      message.lines().forEach(line -> out.append(prefix).append(line).append(System.lineSeparator()));
      if (message.isEmpty() || message.endsWith("\n") || message.endsWith("\r")) {
        out.append(prefix).append(System.lineSeparator()); // as split("\\R", -1) gave: a final empty line
      }
      stream.print(out);
      stream.flush();
    };
  }

  /** @return a sink that drops everything */
  static LambdaLogSink discarding() {
    return (functionName, message) -> { };
  }
}
