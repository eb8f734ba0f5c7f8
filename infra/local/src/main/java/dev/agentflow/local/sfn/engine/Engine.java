package dev.agentflow.local.sfn.engine;

import dev.agentflow.local.sfn.TaskHandler;
import dev.agentflow.local.sfn.data.ErrorNames;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs executions: a fixed pool of worker threads runs states (a Task may block its worker for the duration of
 * the call), and one timer thread schedules Wait states, retry intervals and timeouts, so a waiting execution
 * holds no thread. Pure states (Pass, Choice, ...) run back to back on one worker without hand-offs.
 */
public final class Engine implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(Engine.class.getName());

  private final TaskHandler tasks;
  private final Clock clock;
  private final double timeScale;
  private final String region;
  private final ThreadPoolExecutor workers;
  private final ScheduledThreadPoolExecutor timer;
  private volatile boolean closed;

  /**
   * @param tasks runs Task resources
   * @param clock the clock for timestamps and Wait Timestamp
   * @param workerThreads number of worker threads (at least 1)
   * @param timeScale factor applied to every real delay (Wait, retry intervals, timeouts); 1.0 in production
   * @param region the region reported in TaskScheduled events
   */
  public Engine(TaskHandler tasks, Clock clock, int workerThreads, double timeScale, String region) {
    this.tasks = tasks;
    this.clock = clock;
    this.timeScale = timeScale;
    this.region = region;
    this.workers = new ThreadPoolExecutor(workerThreads, workerThreads, 60, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), daemonThreads("sfn-worker-"));
    this.timer = new ScheduledThreadPoolExecutor(1, daemonThreads("sfn-timer-"));
    this.timer.setRemoveOnCancelPolicy(true);
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * Starts running a new execution (returns at once).
   *
   * @param execution a RUNNING execution with a definition
   */
  public void start(Execution execution) {
    long now = nowMillis();
    long startedId = execution.history().append(EventType.ExecutionStarted, 0, now,
        new EventDetail.ExecutionStarted(execution.identity().input(), execution.identity().roleArn(),
            execution.identity().versionArn()));
    Integer timeout = execution.definition().timeoutSeconds();
    if (timeout != null) {
      execution.timeoutTimer(schedule(execution, timeout * 1000L, () -> execution.timeOut(nowMillis())));
    }
    ScopeRun root = new ScopeRun(this, execution, execution.definition().block(), execution.rootToken(),
        new VariableScope(null), new ScopeRun.Listener() {
          @Override
          public void succeeded(com.fasterxml.jackson.databind.JsonNode output, long lastEventId) {
            execution.succeed(output, lastEventId, nowMillis());
          }

          @Override
          public void failed(String error, String cause, long lastEventId) {
            execution.fail(error, cause, lastEventId, nowMillis());
          }
        });
    submit(execution, () -> root.start(execution.identity().input(), startedId));
  }

  TaskHandler tasks() {
    return tasks;
  }

  String region() {
    return region;
  }

  /** @return the current time in epoch milliseconds from the engine's clock */
  long nowMillis() {
    return clock.millis();
  }

  /** @return real milliseconds to wait for {@code millis} of workflow time */
  long scaled(long millis) {
    return timeScale == 1.0 ? millis : (long) Math.ceil(millis * timeScale);
  }

  /**
   * Runs {@code work} on a worker; an unexpected exception fails the execution instead of vanishing. After
   * {@link #close()} the work is dropped: the execution stays RUNNING for the service's restart handling.
   */
  void submit(Execution execution, Runnable work) {
    if (closed) {
      return;
    }
    try {
      workers.execute(() -> guarded(execution, work));
    } catch (RejectedExecutionException e) {
      if (!closed) {
        throw e;
      }
    }
  }

  /**
   * Runs {@code work} on a worker after {@code delayMillis} of workflow time (scaled).
   *
   * @return the timer's future, or {@code null} after {@link #close()}
   */
  ScheduledFuture<?> schedule(Execution execution, long delayMillis, Runnable work) {
    if (closed) {
      return null;
    }
    try {
      return timer.schedule(() -> submit(execution, work), scaled(delayMillis), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      if (!closed) {
        throw e;
      }
      return null;
    }
  }

  /** @return whether {@link #close()} was called */
  public boolean isClosed() {
    return closed;
  }

  private void guarded(Execution execution, Runnable work) {
    if (closed) {
      return;
    }
    try {
      work.run();
    } catch (RuntimeException | Error e) {
      if (closed) {
        LOG.log(Level.DEBUG, "Ignoring a failure during shutdown in " + execution.identity().arn(), e);
        return;
      }
      LOG.log(Level.ERROR, "Engine failure in execution " + execution.identity().arn(), e);
      execution.fail(ErrorNames.RUNTIME, "Internal error of the local Step Functions engine: " + e,
          execution.history().lastId(), nowMillis());
    }
  }

  /** @return the number of engine threads (workers plus timer) that exist now */
  public int threadCount() {
    return workers.getPoolSize() + timer.getPoolSize();
  }

  /** Stops the threads; running executions stay RUNNING in memory (the service decides what that means). */
  @Override
  public void close() {
    closed = true;
    timer.shutdownNow();
    workers.shutdownNow();
    try {
      workers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
