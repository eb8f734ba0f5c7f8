package dev.agentflow.local;

import dev.agentflow.local.apigw.HttpApiRoute;
import dev.agentflow.local.apigw.HttpApiRoutes;
import dev.agentflow.local.apigw.HttpApiServer;
import dev.agentflow.local.apigw.LocalJwt;
import dev.agentflow.local.apigw.LocalJwtKeys;
import dev.agentflow.local.apigw.ws.ConnectionsApi;
import dev.agentflow.local.apigw.ws.WebSocketApiReader;
import dev.agentflow.local.apigw.ws.WebSocketApiServer;
import dev.agentflow.local.apigw.ws.WebSocketApiSpec;
import dev.agentflow.local.dynamodb.DynamoDbApi;
import dev.agentflow.local.dynamodb.engine.Database;
import dev.agentflow.local.dynamodb.engine.DynamoDbService;
import dev.agentflow.local.dynamodb.TableProvisioner;
import dev.agentflow.local.edge.EdgeHandler;
import dev.agentflow.local.edge.EdgeRoutes;
import dev.agentflow.local.edge.EdgeServer;
import dev.agentflow.local.edge.InProcessHttpClient;
import dev.agentflow.local.edge.InProcessTransports;
import dev.agentflow.local.edge.StepFunctionsApi;
import dev.agentflow.local.events.EventBridgeDispatcher;
import dev.agentflow.local.kms.KmsApi;
import dev.agentflow.local.kms.KmsService;
import dev.agentflow.local.lambda.InvocationResult;
import dev.agentflow.local.lambda.LambdaApi;
import dev.agentflow.local.lambda.LambdaLogSink;
import dev.agentflow.local.lambda.LambdaOptions;
import dev.agentflow.local.lambda.LambdaService;
import dev.agentflow.local.lambda.LambdaTaskHandler;
import dev.agentflow.local.lambda.LocalEnvironment;
import dev.agentflow.local.secrets.SecretsManagerApi;
import dev.agentflow.local.secrets.SecretsManagerService;
import dev.agentflow.local.scheduler.SchedulerApi; // issue 8
import dev.agentflow.local.scheduler.SchedulerService; // issue 8
import dev.agentflow.local.sfn.SfnOptions;
import dev.agentflow.local.sfn.StepFunctionsService;
import dev.agentflow.local.template.SamTemplate;
import dev.agentflow.local.template.SamTemplateReader;
import dev.agentflow.local.template.StackSettings;
import dev.agentflow.local.template.SecurityResources;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * The embedded local cloud: one JVM, no Docker. Starts, in order,
 * <ol>
 *   <li>the local cloud's DynamoDB engine in-process, with no port of its own ({@link Database}; in memory, or
 *       journalled under {@code <data>/dynamodb}), and creates template.yaml's tables that do not exist yet;
 *   <li>the edge port ({@link EdgeServer}, default 4566) with its {@link EdgeRoutes};
 *   <li>the Lambda service running template.yaml's functions in-process ({@link LambdaService}), each seeing
 *       {@code AWS_ENDPOINT_URL} = the edge and test credentials, so their AWS SDK clients reach this cloud;
 *   <li>the EventBridge default bus for template rules ({@link EventBridgeDispatcher});
 *   <li>the Step Functions service ({@link StepFunctionsService}, data under {@code <data>/stepfunctions}),
 *       whose Task states run on the Lambda service and whose ended executions go to the bus;
 *   <li>KMS ({@link KmsService}, keys under {@code <data>/kms}) and Secrets Manager
 *       ({@link SecretsManagerService}, under {@code <data>/secretsmanager}), with template.yaml's
 *       {@code AWS::KMS::Key}, {@code AWS::KMS::Alias} and {@code AWS::SecretsManager::Secret} created;
 *   <li>the HTTP API of template.yaml's {@code HttpApi} routes ({@link HttpApiServer}, default port 3000; only
 *       when the template has such routes), checking tokens with {@link LocalJwt}.
 * </ol>
 * Routes on the edge: {@code X-Amz-Target: DynamoDB_20120810.*} / {@code DynamoDBStreams_20120810.*} →
 * the DynamoDB engine ({@link DynamoDbApi}); {@code AWSStepFunctions.*} → Step Functions;
 * {@code TrentService.*} → KMS; {@code secretsmanager.*} → Secrets Manager; {@code /2015-03-31/functions/...} →
 * Lambda.
 * Later services add theirs through {@link #routes()} and {@link #tasks()}.
 *
 * <p>The functions' AWS SDK clients reach the edge in-process: from start to close the edge's endpoints are
 * registered with {@link InProcessTransports}, so {@code AwsHttp} in the functions hands their SDK builders an
 * {@link InProcessHttpClient} on the same routes instead of a loopback HTTP client (same answers, no socket).
 * {@code -Dagentflow.local.inProcessAws=false} keeps them on HTTP. Clients outside the functions (the CLI, tests,
 * the AWS CLI) always use the port.
 *
 * <p>A file-backed data directory is locked for the life of the cloud, so two {@code agentflow up} on the
 * same directory fail fast instead of corrupting it. {@link #close()} stops everything in reverse order.
 */
public final class LocalCloud implements AutoCloseable {

  private final LocalCloudOptions options;
  private final SamTemplate template;
  private final Deque<AutoCloseable> started;
  private final EdgeServer edge;
  private final EdgeRoutes routes;
  private final InProcessHttpClient inProcessAws;
  private final LambdaService lambda;
  private final EventBridgeDispatcher events;
  private final TaskRouter tasks;
  private final StepFunctionsService stepFunctions;
  private final KmsService kms;
  private final SecretsManagerService secrets;
  private final HttpApiServer httpApi;
  private final WebSocketApiServer webSocketApi; // issue 6
  private final SchedulerService scheduler; // issue 8
  private final LocalJwt jwt;
  private final List<String> createdTables;
  private final boolean systemEnvironmentOverlay;

  private LocalCloud(Builder b) {
    this.options = b.options;
    this.template = b.template;
    this.started = b.started;
    this.edge = b.edge;
    this.routes = b.routes;
    this.inProcessAws = b.inProcessAws;
    this.lambda = b.lambda;
    this.events = b.events;
    this.tasks = b.tasks;
    this.stepFunctions = b.stepFunctions;
    this.kms = b.kms;
    this.secrets = b.secrets;
    this.httpApi = b.httpApi;
    this.webSocketApi = b.webSocketApi; // issue 6
    this.scheduler = b.scheduler; // issue 8
    this.jwt = b.jwt;
    this.createdTables = List.copyOf(b.createdTables);
    this.systemEnvironmentOverlay = b.systemEnvironmentOverlay;
  }

  /**
   * Starts the local cloud.
   *
   * @param options port, data directory or in-memory, template, class loader, log
   * @return the running cloud
   * @throws IOException when DynamoDB Local or the data directory fails, or a template table is rejected
   * @throws IllegalStateException when the data directory is in use by another local cloud
   * @throws dev.agentflow.local.template.TemplateException when template.yaml cannot be read
   * @throws InterruptedException when interrupted while starting
   */
  public static LocalCloud start(LocalCloudOptions options) throws IOException, InterruptedException {
    Builder b = new Builder(options);
    try {
      b.start();
      return new LocalCloud(b);
    } catch (IOException | InterruptedException | RuntimeException e) {
      Exception stopping = closeAll(b.started);
      if (stopping != null) {
        e.addSuppressed(stopping);
      }
      throw e;
    }
  }

  /** @return the edge endpoint every AWS client points at, e.g. {@code http://localhost:4566} */
  public URI edgeEndpoint() {
    return edge.endpoint();
  }

  /** @return the bound edge port */
  public int edgePort() {
    return edge.port();
  }

  /** @return where DynamoDB is served: the edge ({@link #edgeEndpoint()}; DynamoDB Local has no port of its own) */
  public URI dynamoDbEndpoint() {
    return edge.endpoint();
  }

  /** @return the template the cloud runs (empty when started without one) */
  public SamTemplate template() {
    return template;
  }

  /** @return the tables created at this start (the template's others already existed) */
  public List<String> createdTables() {
    return createdTables;
  }

  /** @return the Lambda service */
  public LambdaService lambda() {
    return lambda;
  }

  /** @return the Step Functions service */
  public StepFunctionsService stepFunctions() {
    return stepFunctions;
  }

  /** @return the local KMS */
  public KmsService kms() {
    return kms;
  }

  /** @return the local Secrets Manager */
  public SecretsManagerService secretsManager() {
    return secrets;
  }

  /**
   * @return the HTTP API endpoint, e.g. {@code http://127.0.0.1:3000}, or {@code null} when the template has no
   *     {@code HttpApi} routes (then no HTTP API server runs)
   */
  public URI httpApiEndpoint() {
    return httpApi == null ? null : URI.create("http://" + clientHost(options.host()) + ":" + httpApi.port());
  }

  /**
   * @return the WebSocket API endpoint, e.g. {@code ws://127.0.0.1:3001}, or {@code null} when the template has no
   *     WebSocket API (issue 6)
   */
  public URI webSocketEndpoint() {
    return webSocketApi == null ? null : URI.create("ws://" + clientHost(options.host()) + ":" + webSocketApi.port());
  }

  /**
   * @return the local EventBridge Scheduler (issue 8): its operations are on the edge; {@code useClock} and
   *     {@code runDue} let tests drive time
   */
  public SchedulerService scheduler() {
    return scheduler;
  }

  /** @return the token authority of the HTTP API (signs tokens it accepts), or {@code null} when none runs */
  public LocalJwt jwt() {
    return jwt;
  }

  private static String clientHost(String host) {
    return host.equals("0.0.0.0") ? "127.0.0.1" : host;
  }

  /** @return the EventBridge default bus */
  public EventBridgeDispatcher events() {
    return events;
  }

  /**
   * @return the in-process transport the functions' AWS clients use, or {@code null} when switched off
   *     ({@code -Dagentflow.local.inProcessAws=false})
   */
  public InProcessHttpClient inProcessAws() {
    return inProcessAws;
  }

  /** @return the edge's route table (extension point for further services) */
  public EdgeRoutes routes() {
    return routes;
  }

  /** @return the Task resource router (extension point for further service integrations) */
  public TaskRouter tasks() {
    return tasks;
  }

  /** @return the options the cloud was started with */
  public LocalCloudOptions options() {
    return options;
  }

  /** @return whether handlers' {@code System.getenv} sees their function's variables ({@link LocalEnvironment}) */
  public boolean systemEnvironmentOverlay() {
    return systemEnvironmentOverlay;
  }

  /**
   * Stops the edge, then Step Functions (which settles its in-flight executions), Lambda and DynamoDB Local,
   * and releases the data directory.
   *
   * @throws Exception the first failure while stopping (the others are attached as suppressed)
   */
  @Override
  public void close() throws Exception {
    Exception failure = closeAll(started);
    if (failure != null) {
      throw failure;
    }
  }

  /** Closes everything (last started first); returns the first failure with the others suppressed, or null. */
  private static Exception closeAll(Deque<AutoCloseable> started) {
    Exception failure = null;
    synchronized (started) {
      while (!started.isEmpty()) {
        try {
          started.pop().close();
        } catch (Exception e) {
          if (failure == null) {
            failure = e;
          } else {
            failure.addSuppressed(e);
          }
        }
      }
    }
    return failure;
  }

  /** Start-up steps; every started part is pushed on {@code started} so a failure stops what already runs. */
  private static final class Builder {

    private final LocalCloudOptions options;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private SamTemplate template;
    private EdgeServer edge;
    private final EdgeRoutes routes = new EdgeRoutes();
    private InProcessHttpClient inProcessAws;
    private LambdaService lambda;
    private EventBridgeDispatcher events;
    private final TaskRouter tasks = new TaskRouter();
    private StepFunctionsService stepFunctions;
    private KmsService kms;
    private SecretsManagerService secrets;
    private HttpApiServer httpApi;
    private WebSocketApiServer webSocketApi; // issue 6
    private SchedulerService scheduler; // issue 8
    private LocalJwt jwt;
    private List<String> createdTables = List.of();
    private boolean systemEnvironmentOverlay;

    Builder(LocalCloudOptions options) {
      this.options = options;
    }

    void start() throws IOException, InterruptedException {
      Path data = options.inMemory() ? null : options.dataDirectory();
      if (data != null) {
        started.push(lock(data));
      }
      if (options.templatePath() != null) {
        jwt = options.jwt() != null ? options.jwt() : LocalJwtKeys.load(options.dataDirectory(), System.getenv());
      }
      template = options.templatePath() == null
          ? SamTemplate.empty(options.stack())
          : SamTemplateReader.read(options.templatePath(), withLocalJwtParameters(options.stack(), jwt));
      systemEnvironmentOverlay = LocalEnvironment.install();
      if (!systemEnvironmentOverlay && !template.functions().isEmpty()) {
        options.log().println("warning: this JVM does not let System.getenv see per-function variables; handlers "
            + "see them only through dev.agentflow.local.lambda.LocalEnvironment");
      }

      EdgeHandler dynamoDb = startDynamoDb(data);
      createdTables = new TableProvisioner(dynamoDb).createMissing(template.tables());
      routes.target(DynamoDbApi.TARGET_PREFIX, dynamoDb);
      routes.target(DynamoDbApi.STREAMS_TARGET_PREFIX, dynamoDb);

      edge = EdgeServer.start(options.host(), options.edgePort(), routes);
      started.push(edge);
      String internalEndpoint = "http://" + clientHost(options.host()) + ":" + edge.port();
      if (InProcessTransports.enabled()) {
        // before the functions build their clients; unregistered after the Lambda service stopped
        inProcessAws = new InProcessHttpClient(routes);
        started.push(InProcessTransports.register(inProcessAws, URI.create(internalEndpoint), edge.endpoint()));
      }

      Clock clock = Clock.systemUTC();
      startKmsAndSecrets(data, clock);

      LambdaOptions lambdaOptions = new LambdaOptions(options.stack().region(), options.stack().account(),
          options.handlerClassLoader(),
          Map.of("AWS_ENDPOINT_URL", internalEndpoint, "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test"),
          LambdaLogSink.printingTo(options.log()), options.errorTypes(), clock);
      lambda = new LambdaService(template.functions(), lambdaOptions);
      started.push(lambda);

      events = new EventBridgeDispatcher(template.eventRules(),
          arn -> arn.startsWith("arn:aws:lambda:") && lambda.function(arn).isPresent(),
          (arn, payload) -> lambda.invokeAsync(arn, payload.getBytes(StandardCharsets.UTF_8)),
          options.log()::println, clock);
      tasks.route(LambdaTaskHandler::handles, new LambdaTaskHandler(lambda));

      SfnOptions sfnOptions = SfnOptions.defaults()
          .withRegionAndAccount(options.stack().region(), options.stack().account());
      if (data != null) {
        sfnOptions = sfnOptions.withDataDirectory(data.resolve("stepfunctions"));
      }
      stepFunctions = new StepFunctionsService(tasks, events, sfnOptions);
      started.push(stepFunctions);
      startScheduler(data, clock); // issue 8

      routes.target(StepFunctionsApi.TARGET_PREFIX, new StepFunctionsApi(stepFunctions));
      new LambdaApi(lambda).register(routes);

      List<HttpApiRoute> apiRoutes = options.templatePath() == null ? List.of()
          : HttpApiRoutes.read(options.templatePath(), template);
      if (!apiRoutes.isEmpty()) {
        httpApi = HttpApiServer.start(options.host(), options.httpApiPort(), apiRoutes,
            (fn, payload) -> httpApiPayload(fn, lambda.invoke(fn, payload, Instant.now().plusSeconds(30))), jwt,
            dev.agentflow.local.sample.LocalRoutesFactory.routes(this::endpoints)); // issue 7: sample data, discovery
        started.push(httpApi);
      }
      // issue 6: template.yaml's WebSocket API (port 3001; a free one when the edge port is) and @connections on the edge
      var webSocketSpec = options.templatePath() == null ? java.util.Optional.<WebSocketApiSpec>empty()
          : WebSocketApiReader.read(options.templatePath(), template);
      if (webSocketSpec.isPresent()) {
        webSocketApi = WebSocketApiServer.start(options.host(), options.edgePort() == 0 ? 0 : WebSocketApiServer.DEFAULT_PORT,
            webSocketSpec.get(), (fn, payload) -> httpApiPayload(fn, lambda.invoke(fn, payload, Instant.now().plusSeconds(30))),
            options.stack().region(), options.stack().account(), clock);
        started.push(webSocketApi);
        new ConnectionsApi(webSocketApi.connections(), clock).register(routes);
      }
    }

    /**
     * DynamoDB on the edge: the local cloud's own engine ({@link Database}, in memory or journalled under
     * {@code <data>/dynamodb}).
     */
    private EdgeHandler startDynamoDb(Path data) throws IOException {
      Path directory = data == null ? null : data.resolve("dynamodb");
      if (directory != null && Files.exists(directory.resolve("shared-local-instance.db"))
          && !Files.exists(directory.resolve("snapshot.jsonl"))) {
        options.log().println("warning: " + directory + " holds DynamoDB Local's database (shared-local-instance.db), "
            + "which the local cloud no longer reads; its tables start empty");
      }
      Database database = Database.open(directory);
      started.push(database);
      return new DynamoDbApi(new DynamoDbService(database));
    }

    /** issue 7: what {@code GET /_local/endpoints} tells clients (agentflow run), read at request time. */
    private Map<String, String> endpoints() {
      String host = clientHost(options.host());
      Map<String, String> out = new java.util.LinkedHashMap<>();
      out.put("httpApi", httpApi == null ? null : "http://" + host + ":" + httpApi.port());
      out.put("webSocket", webSocketApi == null ? null : "ws://" + host + ":" + webSocketApi.port());
      out.put("edge", "http://" + host + ":" + edge.port());
      out.put("region", options.stack().region());
      return out;
    }

    /**
     * Issue 8: EventBridge Scheduler on the edge, with the template's schedule groups, firing Lambda targets of the
     * template asynchronously (as Scheduler invokes Lambda).
     */
    private void startScheduler(Path data, Clock clock) throws IOException {
      List<String> groups = options.templatePath() == null ? List.of()
          : dev.agentflow.local.template.ScheduleGroups.read(options.templatePath(), options.stack());
      scheduler = new SchedulerService(options.stack().region(), options.stack().account(),
          data == null ? null : data.resolve("scheduler"), clock, groups, (arn, payload) -> {
            if (!arn.startsWith("arn:aws:lambda:") || lambda.function(arn).isEmpty()) {
              throw new IllegalArgumentException("not a Lambda function of the template: " + arn);
            }
            lambda.invokeAsync(arn, payload.getBytes(StandardCharsets.UTF_8));
          }, options.log()::println);
      new SchedulerApi(scheduler).register(routes);
      scheduler.start();
      started.push(scheduler);
    }

    /** The function's answer; a function error becomes the HTTP API's 500, as API Gateway answers it. */
    private static byte[] httpApiPayload(String function, InvocationResult result) {
      if (result.failed()) {
        throw new IllegalStateException("function " + function + " failed: "
            + (result.error() == null ? result.functionError() : result.error().errorType()));
      }
      return result.payload();
    }

    /** KMS and Secrets Manager on the edge, with the template's keys, aliases and secrets. */
    private void startKmsAndSecrets(Path data, Clock clock) throws IOException {
      String region = options.stack().region();
      String account = options.stack().account();
      kms = new KmsService(region, account, data == null ? null : data.resolve("kms"), clock);
      secrets = new SecretsManagerService(region, account, data == null ? null : data.resolve("secretsmanager"), clock);
      SecurityResources resources = options.templatePath() == null ? SecurityResources.none()
          : SecurityResources.read(options.templatePath(), options.stack());
      resources.keys().forEach(k -> kms.ensureKey(k.keyId(), k.description()));
      resources.aliases().forEach(a -> kms.ensureAlias(a.aliasName(), a.targetKeyId()));
      resources.secrets().forEach(s -> secrets.ensureSecret(s.name(), s.description(), s.secretString()));
      routes.target(KmsApi.TARGET_PREFIX, new KmsApi(kms));
      routes.target(SecretsManagerApi.TARGET_PREFIX, new SecretsManagerApi(secrets));
    }

    /**
     * The template parameters that make the functions accept the local cloud's own tokens (the WebSocket
     * authorizer reads JwtIssuer, JwtAudience and LocalJwtSecret), under any explicit overrides.
     */
    private static StackSettings withLocalJwtParameters(StackSettings stack, LocalJwt jwt) {
      Map<String, String> parameters = new java.util.LinkedHashMap<>();
      parameters.put("JwtIssuer", jwt.issuer());
      parameters.put("JwtAudience", jwt.audience());
      parameters.put("LocalJwtSecret", java.util.Base64.getEncoder().encodeToString(jwt.secret()));
      parameters.putAll(stack.parameterOverrides());
      return new StackSettings(stack.region(), stack.account(), stack.stackName(), parameters);
    }

    private static AutoCloseable lock(Path data) throws IOException {
      Files.createDirectories(data);
      FileChannel channel = FileChannel.open(data.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        throw new IllegalStateException("The data directory " + data + " is in use by another local cloud "
            + "(another 'agentflow up'?). Stop it, or pass another --data-dir.");
      }
      FileLock held = lock;
      return () -> {
        held.release();
        channel.close();
      };
    }
  }
}
