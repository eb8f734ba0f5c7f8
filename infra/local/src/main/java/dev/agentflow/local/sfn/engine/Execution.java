package dev.agentflow.local.sfn.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.local.sfn.asl.StateMachineDefinition;
import dev.agentflow.local.sfn.data.ErrorNames;
import dev.agentflow.local.sfn.data.Json;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * One execution: its identity, input, status, result and history. The status moves once from RUNNING to a
 * terminal status (SUCCEEDED, FAILED, TIMED_OUT, ABORTED); that transition appends the terminal history event,
 * cancels whatever still runs and calls the end callback exactly once.
 *
 * <p>Source: AWS API reference, "DescribeExecution" (status values, error/cause, output).
 */
public final class Execution {

  /** Execution status as the API reports it. */
  public enum Status { RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED }

  /** Identity and input of an execution. */
  public record Identity(String arn, String name, String stateMachineArn, String stateMachineName,
      String versionArn, String roleArn, JsonNode input, String inputText, Instant startDate) {}

  static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
      .withZone(java.time.ZoneOffset.UTC);

  private final Identity id;
  private final StateMachineDefinition definition;
  private final EventLog history;
  private final CancelToken root = new CancelToken(null);
  private final Consumer<Execution> onEnd;
  private volatile ObjectNode contextBase;

  private volatile Future<?> timeoutTimer;
  private volatile Status status;
  private volatile JsonNode output;
  private volatile String outputText;
  private volatile String error;
  private volatile String cause;
  private volatile Instant stopDate;

  /**
   * A new RUNNING execution.
   *
   * @param id identity and input
   * @param definition the definition to run
   * @param onEnd called once, after the status became terminal
   */
  public Execution(Identity id, StateMachineDefinition definition, Consumer<Execution> onEnd) {
    this.id = id;
    this.definition = definition;
    this.onEnd = onEnd;
    this.history = new EventLog();
    this.status = Status.RUNNING;
  }

  private Execution(Identity id, Status status, String outputText, String error, String cause, Instant stopDate,
      List<HistoryEvent> events) {
    this.id = id;
    this.definition = null;
    this.onEnd = e -> { };
    this.history = new EventLog(events);
    this.status = status;
    this.outputText = outputText;
    this.error = error;
    this.cause = cause;
    this.stopDate = stopDate;
  }

  /** @return an ended execution read back from storage */
  public static Execution restored(Identity id, Status status, String outputText, String error, String cause,
      Instant stopDate, List<HistoryEvent> events) {
    if (status == Status.RUNNING) {
      throw new IllegalArgumentException("A restored execution must have ended");
    }
    return new Execution(id, status, outputText, error, cause, stopDate, events);
  }

  private static ObjectNode contextBase(Identity id) {
    ObjectNode ctx = Json.object();
    ctx.putObject("Execution")
        .put("Id", id.arn())
        .<ObjectNode>set("Input", id.input())
        .put("Name", id.name())
        .put("RoleArn", id.roleArn())
        .put("StartTime", ISO_MILLIS.format(id.startDate()))
        .put("RedriveCount", 0);
    ctx.putObject("StateMachine").put("Id", id.stateMachineArn()).put("Name", id.stateMachineName());
    return ctx;
  }

  /** @return a new context object for a state ({@code $$}), with a Map section if {@code mapItem} is set */
  ObjectNode contextObject(String stateName, long enteredMillis, int retryCount, ObjectNode mapItem) {
    ObjectNode base = contextBase;
    if (base == null) {
      base = contextBase(id);
      contextBase = base;
    }
    ObjectNode ctx = Json.object();
    ctx.setAll(base);
    ctx.putObject("State")
        .put("EnteredTime", ISO_MILLIS.format(Instant.ofEpochMilli(enteredMillis)))
        .put("Name", stateName)
        .put("RetryCount", retryCount);
    if (mapItem != null) {
      ctx.putObject("Map").set("Item", mapItem);
    }
    return ctx;
  }

  /** Remembers the TimeoutSeconds timer, cancelled when the execution ends first. */
  void timeoutTimer(Future<?> timer) {
    this.timeoutTimer = timer;
    if (status != Status.RUNNING && timer != null) {
      timer.cancel(false);
    }
  }

  /** @return identity and input */
  public Identity identity() {
    return id;
  }

  /** @return the definition being run ({@code null} for a restored execution) */
  public StateMachineDefinition definition() {
    return definition;
  }

  /** @return the history */
  public EventLog history() {
    return history;
  }

  CancelToken rootToken() {
    return root;
  }

  /** @return the current status */
  public Status status() {
    return status;
  }

  /** @return the output JSON text if SUCCEEDED, else {@code null} */
  public String outputText() {
    String text = outputText;
    if (text == null && output != null) {
      text = Json.write(output);
      outputText = text;
    }
    return text;
  }

  /** @return the error name if FAILED / TIMED_OUT / ABORTED (may be {@code null} for ABORTED) */
  public String error() {
    return error;
  }

  /** @return the cause if FAILED / TIMED_OUT / ABORTED (may be {@code null}) */
  public String cause() {
    return cause;
  }

  /** @return when the execution ended, or {@code null} while RUNNING */
  public Instant stopDate() {
    return stopDate;
  }

  boolean succeed(JsonNode result, long previousEventId, long nowMillis) {
    return end(Status.SUCCEEDED, result, null, null, EventType.ExecutionSucceeded, previousEventId, nowMillis,
        new EventDetail.ExecutionSucceeded(result));
  }

  boolean fail(String err, String why, long previousEventId, long nowMillis) {
    return end(Status.FAILED, null, err, why, EventType.ExecutionFailed, previousEventId, nowMillis,
        new EventDetail.ErrorCause("executionFailedEventDetails", err, why));
  }

  /**
   * Aborts a running execution (StopExecution).
   *
   * @return whether it was running
   */
  public boolean abort(String err, String why, long nowMillis) {
    return end(Status.ABORTED, null, err, why, EventType.ExecutionAborted, history.lastId(), nowMillis,
        new EventDetail.ErrorCause("executionAbortedEventDetails", err, why));
  }

  boolean timeOut(long nowMillis) {
    String why = "The execution ran longer than the state machine's TimeoutSeconds ("
        + definition.timeoutSeconds() + ").";
    return end(Status.TIMED_OUT, null, ErrorNames.TIMEOUT, why, EventType.ExecutionTimedOut, history.lastId(), nowMillis,
        new EventDetail.ErrorCause("executionTimedOutEventDetails", ErrorNames.TIMEOUT, why));
  }

  private boolean end(Status s, JsonNode result, String err, String why, EventType eventType, long previousEventId,
      long nowMillis, EventDetail detail) {
    synchronized (this) {
      if (status != Status.RUNNING) {
        return false;
      }
      root.cancel();
      history.appendFinal(eventType, previousEventId, nowMillis, detail);
      this.output = result;
      this.error = err;
      this.cause = why;
      this.stopDate = Instant.ofEpochMilli(nowMillis);
      this.status = s;
    }
    Future<?> timer = timeoutTimer;
    if (timer != null) {
      timer.cancel(false);
    }
    onEnd.accept(this);
    return true;
  }
}
