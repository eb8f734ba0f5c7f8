package dev.agentflow.local.lambda;

import dev.agentflow.local.util.RequestIds;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentflow.local.template.FunctionSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The local Lambda service: runs template.yaml's Java functions in-process.
 *
 * <p>Each function has one warm container: its handler class is loaded and instantiated on the first
 * invocation (the cold start, inside that invocation's Timeout) and reused afterwards; concurrent
 * invocations share the instance. A container whose invocation timed out is discarded, as Lambda does, so
 * the next invocation starts cold. Every invocation runs on its own thread with:
 * <ul>
 *   <li>the function's environment (Lambda's defined variables, {@code AWS_ENDPOINT_URL} and test credentials
 *       pointing the AWS SDK at the local cloud, then the template's {@code Environment.Variables}) applied
 *       through {@link LocalEnvironment};
 *   <li>the handler's class loader as context class loader;
 *   <li>a {@link LocalLambdaContext} whose remaining time counts down to the function's Timeout.
 * </ul>
 * A function that overruns its Timeout fails with {@code Sandbox.Timedout} ("Task timed out after N.00
 * seconds"); a handler exception fails with the {@link LambdaError} the Java runtime would report.
 *
 * <p>Source: AWS Lambda Developer Guide ("Lambda execution environment", "Defined runtime environment
 * variables", "Configure Lambda function timeout").
 */
public final class LambdaService implements AutoCloseable {

  /**
   * Asynchronous invocations of one function running at once, at most: each function's event queue is drained by
   * this many pollers (AWS Lambda developer guide, "How Lambda handles asynchronous invocations": events wait in
   * the function's queue and are sent to it as concurrency allows). Unbounded, a burst of events (one
   * EventBridge status event per finished execution) started a thread each, and hundreds of runnable threads on a
   * few cores starved whichever thread held a lock everyone needed. Too few, and the queue starves instead: with 4
   * pollers on 2 cores, 10 webhook connections started 779 runs a second while the status function stored 254
   * completions a second (the rest waited in its queue); with 12 it kept up (520 of 528). Default
   * {@code max(8, 6 × cores)}; {@code -Dagentflow.local.asyncConcurrency=N} sets it.
   */
  public static final int ASYNC_CONCURRENCY = Integer.getInteger("agentflow.local.asyncConcurrency",
      Math.max(8, 6 * Runtime.getRuntime().availableProcessors()));

  private static final DateTimeFormatter LOG_STREAM_DATE =
      DateTimeFormatter.ofPattern("yyyy/MM/dd", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final Map<String, Container> containers = new LinkedHashMap<>();
  private final LambdaOptions options;
  private final ObjectMapper mapper = new ObjectMapper();
  private final ExecutorService threads;

  /**
   * @param functions the functions of the template
   * @param options class loader, shared environment, log sink, error-type policy, clock
   */
  public LambdaService(List<FunctionSpec> functions, LambdaOptions options) {
    this.options = Objects.requireNonNull(options);
    for (FunctionSpec function : functions) {
      containers.put(function.functionName(), new Container(function));
    }
    this.threads = Executors.newCachedThreadPool(new NamedDaemonThreads("lambda-"));
  }

  /** @return the functions this service runs */
  public List<FunctionSpec> functions() {
    return containers.values().stream().map(c -> c.function).toList();
  }

  /**
   * Finds a function by any FunctionName form ({@link FunctionReference}); the logical id is accepted too.
   *
   * @return the function, or empty
   */
  public Optional<FunctionSpec> function(String functionName) {
    return container(functionName).map(c -> c.function);
  }

  /** @return the ARN Lambda would name in "Function not found" for this FunctionName */
  public String arnFor(String functionName) {
    try {
      FunctionReference reference = FunctionReference.parse(functionName);
      String arn = "arn:aws:lambda:" + options.region() + ":" + options.account() + ":function:" + reference.name();
      return reference.qualifier() == null ? arn : arn + ":" + reference.qualifier();
    } catch (IllegalArgumentException e) {
      return functionName;
    }
  }

  /**
   * Invokes a function synchronously (InvocationType RequestResponse).
   *
   * @param functionName any FunctionName form
   * @param payload the event JSON; empty for none
   * @param callerDeadline when the caller stops waiting (a Task state's timeout), or {@code null}
   * @return the result: the response, or the function error
   * @throws FunctionNotFoundException when template.yaml has no such function
   * @throws CallerDeadlineException when {@code callerDeadline} passed first (the invocation is abandoned)
   * @throws InterruptedException when the calling thread is interrupted (the invocation is abandoned: it runs on,
   *     unobserved, as a Lambda invocation does when Step Functions stops the execution that made it)
   */
  public InvocationResult invoke(String functionName, byte[] payload, Instant callerDeadline)
      throws FunctionNotFoundException, CallerDeadlineException, InterruptedException {
    Container container = container(functionName).orElseThrow(() -> new FunctionNotFoundException(arnFor(functionName)));
    FunctionReference reference = FunctionReference.parse(functionName);
    String invokedArn = reference.qualifier() == null
        ? container.function.arn() : container.function.arn() + ":" + reference.qualifier();
    String requestId = RequestIds.next();
    Instant functionDeadline = options.clock().instant().plusSeconds(container.function.timeoutSeconds());
    Future<InvocationResult> running = threads.submit(() -> container.run(requestId, invokedArn, payload, functionDeadline));
    boolean callerFirst = callerDeadline != null && callerDeadline.isBefore(functionDeadline);
    Instant waitUntil = callerFirst ? callerDeadline : functionDeadline;
    try {
      return running.get(Math.max(0, Duration.between(options.clock().instant(), waitUntil).toMillis()),
          TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      running.cancel(true);
      container.discard();
      if (callerFirst) {
        throw new CallerDeadlineException("Function " + container.function.functionName()
            + " did not answer before the caller's deadline " + callerDeadline);
      }
      LambdaError timeout = LambdaError.timeout(requestId, container.function.timeoutSeconds());
      options.logSink().log(container.function.functionName(), timeout.errorMessage());
      return container.failure(requestId, timeout, new byte[0]);
    } catch (InterruptedException e) {
      // The caller stopped waiting (e.g. StopExecution): as in AWS, the invocation itself runs on to its end
      // (its own timeout still applies), so a handler is never interrupted halfway through recording its work.
      throw e;
    } catch (ExecutionException e) {
      // Container.run catches everything a handler throws; reaching here is a bug in the runner itself.
      throw new IllegalStateException("Lambda runner failed for " + container.function.functionName(), e.getCause());
    }
  }

  /**
   * Invokes a function asynchronously (InvocationType Event): returns at once; the result is logged when the
   * function fails.
   *
   * @return the eventual result
   * @throws FunctionNotFoundException when template.yaml has no such function
   */
  public CompletableFuture<InvocationResult> invokeAsync(String functionName, byte[] payload)
      throws FunctionNotFoundException {
    Container container = container(functionName).orElseThrow(() -> new FunctionNotFoundException(arnFor(functionName)));
    return CompletableFuture.supplyAsync(() -> {
      try {
        InvocationResult result = invoke(functionName, payload, null);
        if (result.failed()) {
          options.logSink().log(FunctionReference.parse(functionName).name(),
              "Asynchronous invocation " + result.requestId() + " failed: " + result.payloadText());
        }
        return result;
      } catch (FunctionNotFoundException | CallerDeadlineException e) {
        throw new IllegalStateException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while invoking " + functionName, e);
      }
    }, container.eventQueue);
  }

  /** Stops every running invocation and drops queued asynchronous events. */
  @Override
  public void close() {
    threads.shutdownNow();
    containers.values().forEach(c -> c.eventQueue.shutdownNow());
  }

  private Optional<Container> container(String functionName) {
    String name;
    try {
      name = FunctionReference.parse(functionName).name();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    Container byName = containers.get(name);
    if (byName != null) {
      return Optional.of(byName);
    }
    return containers.values().stream().filter(c -> c.function.logicalId().equals(name)).findFirst();
  }

  /** The function's environment for one invocation: Lambda's defined variables, shared ones, the template's. */
  private Map<String, String> environmentOf(FunctionSpec function, String logStreamName) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("AWS_REGION", options.region());
    env.put("AWS_DEFAULT_REGION", options.region());
    env.put("AWS_LAMBDA_FUNCTION_NAME", function.functionName());
    env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
    env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memorySizeMb()));
    env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.functionName());
    env.put("AWS_LAMBDA_LOG_STREAM_NAME", logStreamName);
    env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + (function.runtime() == null ? "java17" : function.runtime()));
    env.put("_HANDLER", function.handler());
    env.putAll(options.sharedEnvironment());
    env.putAll(function.environment());
    return env;
  }

  /** One function's warm container. */
  private final class Container {

    private final FunctionSpec function;
    /** The function's asynchronous event queue and its {@link #ASYNC_CONCURRENCY} pollers (idle ones end). */
    private final ThreadPoolExecutor eventQueue;
    private HandlerAdapter handler;
    private String logStreamName;
    private Map<String, String> environment;

    Container(FunctionSpec function) {
      this.function = function;
      this.eventQueue = new ThreadPoolExecutor(ASYNC_CONCURRENCY, ASYNC_CONCURRENCY, 30, TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(), new NamedDaemonThreads("lambda-events-" + function.functionName() + "-"));
      this.eventQueue.allowCoreThreadTimeOut(true);
      discard();
    }

    synchronized void discard() {
      handler = null;
      logStreamName = LOG_STREAM_DATE.format(options.clock().instant()) + "/[$LATEST]"
          + RequestIds.next().replace("-", "");
      environment = environmentOf(function, logStreamName);
    }

    private synchronized HandlerAdapter handler(InvocationLogger logger) throws Throwable {
      if (handler == null) {
        long start = System.nanoTime();
        handler = HandlerAdapter.load(function.handler(), options.classLoader(), mapper);
        logger.log(String.format(Locale.ROOT, "INIT Handler: %s Init Duration: %.2f ms", function.handler(),
            (System.nanoTime() - start) / 1e6));
      }
      return handler;
    }

    InvocationResult run(String requestId, String invokedArn, byte[] payload, Instant deadline) throws Exception {
      Map<String, String> env;
      String stream;
      synchronized (this) {
        env = environment;
        stream = logStreamName;
      }
      InvocationLogger logger = new InvocationLogger(function.functionName(), options.logSink());
      LocalLambdaContext context = new LocalLambdaContext(requestId, function, invokedArn, stream, deadline,
          options.clock(), logger);
      Thread thread = Thread.currentThread();
      ClassLoader previousLoader = thread.getContextClassLoader();
      thread.setContextClassLoader(options.classLoader());
      try {
        return LocalEnvironment.callWith(env, () -> {
          long start = System.nanoTime();
          logger.log("START RequestId: " + requestId + " Version: $LATEST");
          InvocationResult result;
          try {
            byte[] response = handler(logger).invoke(payload, context);
            result = new InvocationResult(requestId, function.arn(), "$LATEST", response, null, null, null);
          } catch (Throwable error) {
            LambdaError lambdaError = errorOf(error);
            logger.log(lambdaError.toJson().toString());
            result = failure(requestId, lambdaError, null);
          }
          logger.log("END RequestId: " + requestId);
          double millis = (System.nanoTime() - start) / 1e6;
          logger.log(String.format(Locale.ROOT, "REPORT RequestId: %s Duration: %.2f ms Billed Duration: %d ms "
              + "Memory Size: %d MB", requestId, millis, (long) Math.ceil(millis), function.memorySizeMb()));
          return withTail(result, logger.tail());
        });
      } finally {
        thread.setContextClassLoader(previousLoader);
      }
    }

    InvocationResult failure(String requestId, LambdaError error, byte[] tail) {
      byte[] json = error.toJson().toString().getBytes(StandardCharsets.UTF_8);
      return new InvocationResult(requestId, function.arn(), "$LATEST", json, "Unhandled", error, tail);
    }

    private LambdaError errorOf(Throwable error) {
      try {
        return LambdaError.of(error, options.errorTypes());
      } catch (RuntimeException policyFailure) {
        policyFailure.addSuppressed(error);
        return LambdaError.of(policyFailure, ErrorTypePolicy.JAVA_RUNTIME);
      }
    }

    private InvocationResult withTail(InvocationResult result, byte[] tail) {
      return new InvocationResult(result.requestId(), result.functionArn(), result.executedVersion(),
          result.payload(), result.functionError(), result.error(), tail);
    }
  }

  /** Daemon threads with a readable name, so a stuck handler does not keep the JVM alive. */
  static final class NamedDaemonThreads implements ThreadFactory {

    private final String prefix;
    private final AtomicInteger count = new AtomicInteger();

    NamedDaemonThreads(String prefix) {
      this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable runnable) {
      Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }
  }
}
