package dev.agentflow.local.sfn.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentflow.local.sfn.ExecutionStatusListener;
import dev.agentflow.local.sfn.SfnOptions;
import dev.agentflow.local.sfn.SfnServiceException;
import dev.agentflow.local.sfn.TaskFailedException;
import dev.agentflow.local.sfn.TaskHandler;
import dev.agentflow.local.sfn.data.ErrorNames;
import dev.agentflow.local.sfn.data.Json;
import dev.agentflow.local.sfn.engine.Engine;
import dev.agentflow.local.sfn.engine.EventDetail;
import dev.agentflow.local.sfn.engine.Execution;
import dev.agentflow.local.sfn.engine.HistoryEvent;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Wires the Step Functions service together (registry, persistence, engine, operations) and dispatches
 * operations by name. Behind {@link dev.agentflow.local.sfn.StepFunctionsService}.
 */
public final class SfnApi implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(SfnApi.class.getName());
  /** The cause given to executions found RUNNING when the service starts on a data directory. */
  public static final String STOPPED_CAUSE = "Local cloud stopped while the execution was running";

  private final Registry registry = new Registry();
  private final Persistence persistence;
  private final ExecutionStatusListener listener;
  private final Engine engine;
  private final StateMachineOperations machines;
  private final ExecutionOperations executions;
  private final Clock clock;

  /**
   * @param tasks runs Task resources, or {@code null}
   * @param listener told when executions end, or {@code null}
   * @param options the options
   */
  public SfnApi(TaskHandler tasks, ExecutionStatusListener listener, SfnOptions options) {
    this.clock = options.clock();
    this.listener = listener;
    this.persistence = options.dataDirectory() == null ? null : new Persistence(options.dataDirectory());
    Arns arns = new Arns(options.region(), options.account());
    TaskHandler handler = tasks != null ? tasks : (resource, input, ctx) -> {
      throw new TaskFailedException(ErrorNames.TASK_FAILED, "No task handler is configured for " + resource);
    };
    this.engine = new Engine(handler, clock, options.workerThreads(), options.timeScale(), options.region());
    this.machines = new StateMachineOperations(registry, arns, persistence, clock);
    this.executions = new ExecutionOperations(registry, arns, machines, engine, clock, this::ended);
    if (persistence != null) {
      restore();
    }
  }

  /**
   * @param operation the X-Amz-Target suffix
   * @param request the request body, {@code null} read as {@code {}}
   * @return the response body
   * @throws SfnServiceException an AWS error
   */
  public JsonNode handle(String operation, JsonNode request) throws SfnServiceException {
    JsonNode req = request == null || request.isNull() ? Json.object() : request;
    if (!req.isObject()) {
      throw new SfnServiceException("SerializationException", "The request body must be a JSON object", 400);
    }
    try {
      return switch (operation) {
        case "CreateStateMachine" -> machines.create(req);
        case "UpdateStateMachine" -> machines.update(req);
        case "DescribeStateMachine" -> machines.describe(req);
        case "ListStateMachines" -> machines.list(req);
        case "DeleteStateMachine" -> machines.delete(req);
        case "PublishStateMachineVersion" -> machines.publish(req);
        case "ListStateMachineVersions" -> machines.listVersions(req);
        case "DeleteStateMachineVersion" -> machines.deleteVersion(req);
        case "StartExecution" -> executions.start(req, this::saveStarted);
        case "DescribeExecution" -> executions.describe(req);
        case "ListExecutions" -> executions.list(req);
        case "StopExecution" -> executions.stop(req);
        case "GetExecutionHistory" -> executions.history(req);
        default -> throw new SfnServiceException("UnknownOperationException",
            "Operation " + operation + " is not supported by the local Step Functions service", 400);
      };
    } catch (UncheckedIOException e) {
      LOG.log(Level.ERROR, "Step Functions storage failure in " + operation, e);
      throw new SfnServiceException("InternalFailure", "Storage failure: " + e.getMessage(), 500);
    }
  }

  private void saveStarted(Execution e) {
    if (persistence != null) {
      persistence.saveExecution(e);
    }
  }

  private void ended(Execution e) {
    if (engine.isClosed()) {
      // Ended by the shutdown itself (an interrupted task): leave it RUNNING on disk, so that the next start
      // reports it as stopped with the local cloud.
      LOG.log(Level.INFO, "Execution " + e.identity().arn() + " ended while the service was closing");
      return;
    }
    if (persistence != null) {
      try {
        persistence.saveExecution(e);
      } catch (UncheckedIOException ex) {
        LOG.log(Level.ERROR, "Could not save the ended execution " + e.identity().arn(), ex);
      }
    }
    notifyListener(e);
  }

  private void notifyListener(Execution e) {
    if (listener == null) {
      return;
    }
    try {
      listener.onStatusChange(ExecutionOperations.describe(e));
    } catch (RuntimeException ex) {
      LOG.log(Level.WARNING, "The execution status listener failed for " + e.identity().arn(), ex);
    }
  }

  private void restore() {
    for (StateMachineRecord sm : persistence.loadStateMachines()) {
      registry.addMachine(sm);
    }
    List<Persistence.StoredExecution> stored = new ArrayList<>(persistence.loadExecutions());
    stored.sort((a, b) -> a.identity().startDate().compareTo(b.identity().startDate()));
    List<Execution> interrupted = new ArrayList<>();
    for (Persistence.StoredExecution s : stored) {
      Execution e;
      if (s.status() == Execution.Status.RUNNING) {
        long now = clock.millis();
        List<HistoryEvent> history = List.of(
            new HistoryEvent(1, 0, s.identity().startDate().toEpochMilli(), "ExecutionStarted",
                new EventDetail.ExecutionStarted(s.identity().input(), s.identity().roleArn(),
                    s.identity().versionArn())),
            new HistoryEvent(2, 1, now, "ExecutionFailed",
                new EventDetail.ErrorCause("executionFailedEventDetails", ErrorNames.RUNTIME, STOPPED_CAUSE)));
        e = Execution.restored(s.identity(), Execution.Status.FAILED, null, ErrorNames.RUNTIME, STOPPED_CAUSE,
            java.time.Instant.ofEpochMilli(now), history);
        interrupted.add(e);
      } else {
        e = Execution.restored(s.identity(), s.status(), s.output(), s.error(), s.cause(), s.stopDate(), s.history());
      }
      registry.addExecution(e);
    }
    for (Execution e : interrupted) {
      persistence.saveExecution(e);
      notifyListener(e);
    }
  }

  /** @return the number of engine threads now alive (workers plus timer) */
  public int engineThreads() {
    return engine.threadCount();
  }

  @Override
  public void close() {
    engine.close();
  }
}
