package dev.agentflow.local.sfn.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.agentflow.local.sfn.TaskContext;
import dev.agentflow.local.sfn.TaskFailedException;
import dev.agentflow.local.sfn.asl.TaskState;
import dev.agentflow.local.sfn.data.ErrorNames;
import dev.agentflow.local.sfn.data.Json;
import dev.agentflow.local.sfn.data.JsonataExpression;
import dev.agentflow.local.sfn.data.JsonataScope;
import dev.agentflow.local.sfn.data.StatesError;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a Task state: InputPath and Parameters, the TaskHandler call on the current worker (with the
 * TimeoutSeconds deadline enforced by a timer, whichever comes first wins), the Task* or LambdaFunction*
 * history events, then ResultSelector, ResultPath and OutputPath.
 *
 * <p>Source: ASL spec, "Task State"; developer guide, "Task" and "Call Lambda with Step Functions" (a plain
 * function ARN records LambdaFunction* events, {@code arn:aws:states:::service:action} records Task* events).
 */
final class TaskStep {

  private static final System.Logger LOG = System.getLogger(TaskStep.class.getName());
  /** The Step Functions payload limit (256 KiB), beyond which States.DataLimitExceeded is raised. */
  static final int MAX_PAYLOAD_BYTES = 256 * 1024;

  private TaskStep() {}

  /** How a Resource is shown in history: Lambda function events, or service integration Task events. */
  private record Kind(boolean lambdaFunction, String resourceType, String resource) {
    static Kind of(String arn) {
      if (arn.startsWith("arn:aws:lambda:") || arn.startsWith("arn:aws-cn:lambda:")) {
        return new Kind(true, "lambda", arn);
      }
      String[] parts = arn.split(":", 7);
      if (parts.length >= 6 && parts[2].equals("states") && parts[3].isEmpty() && parts[4].isEmpty()) {
        String rest = arn.substring(arn.indexOf(":::") + 3);
        int colon = rest.indexOf(':');
        return colon < 0 ? new Kind(false, rest, rest) : new Kind(false, rest.substring(0, colon), rest.substring(colon + 1));
      }
      if (parts.length >= 6 && parts[5].startsWith("activity")) {
        return new Kind(false, "activity", arn);
      }
      return new Kind(false, "unknown", arn);
    }
  }

  private record Result(JsonNode value, String error, String cause) {}

  static Outcome run(ScopeRun scope, TaskState t) {
    if (t.jsonata() != null) {
      return jsonata(scope, t);
    }
    JsonNode selected = t.inputPath().apply(scope.rawInput(), scope.bindings(), "InputPath");
    JsonNode effective = scope.effectiveInput(selected, t.parameters());
    Integer timeout = t.timeoutSeconds();
    if (t.timeoutSecondsPath() != null) {
      JsonNode v = t.timeoutSecondsPath().read(selected, scope.bindings());
      if (v == null || !v.isIntegralNumber() || v.longValue() <= 0) {
        throw StatesError.runtime("TimeoutSecondsPath '" + t.timeoutSecondsPath().text()
            + "' must select a positive integer, but selected " + (v == null ? "nothing" : Json.write(v)));
      }
      timeout = v.intValue();
    }
    return invoke(scope, t, effective, timeout);
  }

  /** A JSONata Task: Arguments (default: the state input) and a TimeoutSeconds that may be an expression. */
  private static Outcome jsonata(ScopeRun scope, TaskState t) {
    JsonataScope states = scope.jsonataScope(null, null);
    JsonNode arguments = t.jsonata().arguments() == null ? scope.rawInput() : t.jsonata().arguments().evaluate(states);
    Integer timeout = null;
    if (t.jsonata().timeoutSeconds() != null) {
      JsonNode v = t.jsonata().timeoutSeconds().evaluate(states);
      if (!v.isIntegralNumber() || v.longValue() <= 0) {
        throw new StatesError(JsonataExpression.QUERY_EVALUATION_ERROR,
            "TimeoutSeconds must be a positive integer, but was " + Json.write(v));
      }
      timeout = v.intValue();
    }
    return invoke(scope, t, arguments, timeout);
  }

  private static Outcome invoke(ScopeRun scope, TaskState t, JsonNode effective, Integer timeout) {
    Kind kind = Kind.of(t.resource());
    if (kind.lambdaFunction()) {
      scope.event(EventType.LambdaFunctionScheduled, new EventDetail.LambdaScheduled(t.resource(), effective, timeout));
      scope.event(EventType.LambdaFunctionStarted, null);
    } else {
      scope.event(EventType.TaskScheduled, new EventDetail.TaskScheduled(kind.resourceType(), kind.resource(),
          scope.engine.region(), effective, timeout, t.heartbeatSeconds()));
      scope.event(EventType.TaskStarted, new EventDetail.TaskStarted(kind.resourceType(), kind.resource()));
    }
    Engine engine = scope.engine;
    Execution exec = scope.exec;
    if (timeout == null) {
      TaskContext ctx = new TaskContext(exec.identity().arn(), exec.identity().stateMachineArn(), t.name(), null);
      return complete(scope, t, kind, call(engine, t, effective, ctx));
    }
    long timeoutMillis = timeout * 1000L;
    Instant deadline = Instant.ofEpochMilli(engine.nowMillis() + engine.scaled(timeoutMillis));
    TaskContext ctx = new TaskContext(exec.identity().arn(), exec.identity().stateMachineArn(), t.name(), deadline);
    AtomicBoolean settled = new AtomicBoolean();
    int seconds = timeout;
    ScheduledFuture<?> timer = engine.schedule(exec, timeoutMillis, () -> {
      if (settled.compareAndSet(false, true)) {
        String cause = "The task '" + t.name() + "' did not finish within TimeoutSeconds (" + seconds + ").";
        if (kind.lambdaFunction()) {
          scope.event(EventType.LambdaFunctionTimedOut,
              new EventDetail.ErrorCause("lambdaFunctionTimedOutEventDetails", ErrorNames.TIMEOUT, cause));
        } else {
          scope.event(EventType.TaskTimedOut, new EventDetail.TaskError("taskTimedOutEventDetails", kind.resourceType(),
              kind.resource(), ErrorNames.TIMEOUT, cause));
        }
        scope.continueWith(Outcome.failed(ErrorNames.TIMEOUT, cause));
      }
    });
    Result r = call(engine, t, effective, ctx);
    if (!settled.compareAndSet(false, true)) {
      return Outcome.PENDING; // the deadline passed first; the timer has moved the execution on
    }
    if (timer != null) {
      timer.cancel(false);
    }
    return complete(scope, t, kind, r);
  }

  private static Result call(Engine engine, TaskState t, JsonNode input, TaskContext ctx) {
    try {
      JsonNode out = engine.tasks().invoke(t.resource(), input, ctx);
      JsonNode value = out == null ? Json.NODES.nullNode() : out;
      if (payloadBytes(value) > MAX_PAYLOAD_BYTES) {
        return new Result(null, ErrorNames.DATA_LIMIT_EXCEEDED, "The state/task '" + t.name()
            + "' returned a result with a size exceeding the maximum number of bytes service limit.");
      }
      return new Result(value, null, null);
    } catch (TaskFailedException e) {
      return new Result(null, e.error(), e.cause());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Task handler failed unexpectedly for state " + t.name() + " (" + t.resource() + ")", e);
      return new Result(null, ErrorNames.TASK_FAILED, "The task handler failed: " + e);
    }
  }

  private static int payloadBytes(JsonNode value) {
    if (value.isValueNode()) {
      return 0;
    }
    try {
      return Json.MAPPER.writeValueAsBytes(value).length;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Task result could not be serialized", e);
    }
  }

  private static Outcome complete(ScopeRun scope, TaskState t, Kind kind, Result r) {
    if (r.error() != null) {
      if (kind.lambdaFunction()) {
        scope.event(EventType.LambdaFunctionFailed,
            new EventDetail.ErrorCause("lambdaFunctionFailedEventDetails", r.error(), r.cause()));
      } else {
        scope.event(EventType.TaskFailed, new EventDetail.TaskError("taskFailedEventDetails", kind.resourceType(),
            kind.resource(), r.error(), r.cause()));
      }
      return Outcome.failed(r.error(), r.cause());
    }
    if (kind.lambdaFunction()) {
      scope.event(EventType.LambdaFunctionSucceeded, new EventDetail.LambdaSucceeded(r.value()));
    } else {
      scope.event(EventType.TaskSucceeded, new EventDetail.TaskSucceeded(kind.resourceType(), kind.resource(), r.value()));
    }
    return scope.finish(r.value(), t.resultSelector(), t.resultPath(), t.outputPath());
  }
}
