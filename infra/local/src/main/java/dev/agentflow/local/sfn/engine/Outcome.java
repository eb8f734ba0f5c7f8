package dev.agentflow.local.sfn.engine;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What running a state produced: an output and the next state ({@code next == null}: the block ends), an
 * error (a Fail state may leave error and cause {@code null}), or {@link #PENDING} when the state finishes later
 * (Wait, Parallel, Map, a Task with a timeout).
 */
final class Outcome {

  static final Outcome PENDING = new Outcome(null, null, false, null, null);

  final JsonNode output;
  final String next;
  final boolean failed;
  final String error;
  final String cause;

  private Outcome(JsonNode output, String next, boolean failed, String error, String cause) {
    this.output = output;
    this.next = next;
    this.failed = failed;
    this.error = error;
    this.cause = cause;
  }

  static Outcome next(String next, JsonNode output) {
    return new Outcome(output, next, false, null, null);
  }

  static Outcome failed(String error, String cause) {
    return new Outcome(null, null, true, error, cause);
  }
}
