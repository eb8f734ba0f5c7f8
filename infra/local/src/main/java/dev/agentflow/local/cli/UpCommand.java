package dev.agentflow.local.cli;

import dev.agentflow.local.LocalCloud;
import dev.agentflow.local.LocalCloudOptions;
import dev.agentflow.local.apigw.HttpApiServer;
import dev.agentflow.local.lambda.ErrorTypePolicy;
import dev.agentflow.local.template.SamTemplate;
import dev.agentflow.local.template.TemplateException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code agentflow up}: starts the embedded local cloud with the repository's template.yaml, prints its
 * endpoints and how to point the AWS CLI at it, and stays in the foreground until Ctrl-C, then stops it
 * cleanly (Step Functions settles in-flight executions; file-backed data stays for the next start).
 *
 * <p>Exit codes: 0 stopped normally, 1 the cloud failed to start, 2 bad options or an unreadable template.
 */
public final class UpCommand implements Command {

  /** How {@code up} waits: until Ctrl-C in the CLI, until a test says so in tests. */
  @FunctionalInterface
  interface StopSignal {
    /**
     * Blocks until stop is requested, making sure {@code shutdown} has run before the process ends.
     *
     * @param shutdown stops the cloud
     */
    void runUntilStopped(Runnable shutdown) throws InterruptedException;

    /** @return a signal that stops on Ctrl-C / SIGTERM, running {@code shutdown} in a shutdown hook */
    static StopSignal ctrlC() {
      return shutdown -> {
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          shutdown.run();
          done.countDown();
        }, "agentflow-up-stop"));
        done.await();
      };
    }
  }

  /**
   * Parameter values the local cloud passes unless {@code --parameter} says otherwise (a parameter the
   * template does not declare is ignored): template.yaml's {@code AllowedPrivateNetworks} lets nodes reach
   * servers on this machine, which the SSRF guard refuses in the cloud.
   */
  static final Map<String, String> LOCAL_PARAMETER_DEFAULTS = Map.of("AllowedPrivateNetworks", "127.0.0.0/8");

  private final StopSignal stopSignal;

  /** The CLI's {@code up}: runs until Ctrl-C. */
  public UpCommand() {
    this(StopSignal.ctrlC());
  }

  UpCommand(StopSignal stopSignal) {
    this.stopSignal = stopSignal;
  }

  @Override
  public String name() {
    return "up";
  }

  @Override
  public String summary() {
    return "Run the local cloud (DynamoDB, Step Functions, Lambda, EventBridge, KMS, Secrets Manager, HTTP API)";
  }

  @Override
  public String usage() {
    return """
        Usage: ./agentflow up [OPTIONS]

        Starts the embedded local cloud in this process and stays in the foreground until Ctrl-C:
        DynamoDB Local, Step Functions, the Lambda functions of template.yaml (run in-process), KMS, Secrets
        Manager and EventBridge status events, all on one edge port that the AWS SDKs and the AWS CLI reach
        with --endpoint-url; template.yaml's HTTP API (port 3000) and WebSocket API (port 3001). The tables,
        keys and secrets of template.yaml are created at start-up; data is kept under the data directory and
        survives a restart. Prints the endpoints, a development token and commands to try.

        Options:
          --template PATH          SAM template to run (default ./template.yaml, else the repository's; without one,
                                   no functions or tables)
          --port N                 edge port (default 4566; 0 picks a free port)
          --api-port N             HTTP API port (template.yaml's HttpApi routes; default 3000, 0 picks a free one)
          --host ADDR              address to bind (default 127.0.0.1)
          --data-dir PATH          where data is kept (default ~/.agentflow/local)
          --in-memory              keep nothing on disk
          --parameter KEY=VALUE    template parameter override (repeatable); AllowedPrivateNetworks
                                   defaults to 127.0.0.0/8 locally
          --lambda-error-type T    how handler exceptions become Lambda errorTypes: 'java-runtime' (default:
                                   the fully qualified class name, exactly as AWS's Java runtime reports it)
                                   or 'convention' (errorCode() or the simple class name)
        """;
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) {
    LocalCloudOptions options;
    try {
      options = parse(args, err);
    } catch (IllegalArgumentException e) {
      err.println("agentflow up: " + e.getMessage());
      return 2;
    }
    LocalCloud cloud;
    try {
      cloud = LocalCloud.start(options);
    } catch (TemplateException e) {
      err.println("agentflow up: " + e.getMessage());
      return 2;
    } catch (IOException | RuntimeException e) {
      err.println("agentflow up: the local cloud did not start: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("agentflow up: interrupted while starting");
      return 1;
    }
    out.print(banner(cloud));
    out.flush();
    try {
      stopSignal.runUntilStopped(() -> stop(cloud, err));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop(cloud, err);
    }
    return 0;
  }

  private LocalCloudOptions parse(List<String> args, PrintStream err) {
    Path template = Path.of("template.yaml");
    boolean templateGiven = false;
    LocalCloudOptions options = LocalCloudOptions.defaults().withLog(err);
    Map<String, String> parameters = new LinkedHashMap<>(LOCAL_PARAMETER_DEFAULTS);
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      switch (arg) {
        case "--template" -> {
          template = Path.of(value(args, ++i, arg));
          templateGiven = true;
        }
        case "--port" -> options = options.withEdgePort(port(value(args, ++i, arg)));
        case "--host" -> options = options.withHost(value(args, ++i, arg));
        case "--api-port" -> options = options.withHttpApiPort(port(value(args, ++i, arg)));
        case "--data-dir" -> options = options.withDataDirectory(Path.of(value(args, ++i, arg)));
        case "--in-memory" -> options = options.withInMemory(true);
        case "--parameter" -> {
          String pair = value(args, ++i, arg);
          int eq = pair.indexOf('=');
          if (eq <= 0) {
            throw new IllegalArgumentException("--parameter wants KEY=VALUE, got '" + pair + "'");
          }
          parameters.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        case "--lambda-error-type" -> options = options.withErrorTypes(switch (value(args, ++i, arg)) {
          case "convention" -> ErrorTypePolicy.ERROR_CODE_OR_SIMPLE_NAME;
          case "java-runtime" -> ErrorTypePolicy.JAVA_RUNTIME;
          default -> throw new IllegalArgumentException("--lambda-error-type is 'convention' or 'java-runtime'");
        });
        default -> throw new IllegalArgumentException("unknown option '" + arg + "'. Run './agentflow up --help'.");
      }
    }
    String home = System.getenv("AGENTFLOW_HOME"); // the ./agentflow launcher's repository root
    if (!templateGiven && !Files.isRegularFile(template) && home != null
        && Files.isRegularFile(Path.of(home, "template.yaml"))) {
      template = Path.of(home, "template.yaml");
    }
    if (Files.isRegularFile(template)) {
      options = options.withTemplate(template);
    } else if (templateGiven) {
      throw new IllegalArgumentException("no template at " + template);
    } else {
      err.println("No template.yaml in " + Path.of("").toAbsolutePath()
          + ": starting with no functions or tables (pass --template PATH to run one).");
    }
    return options.withParameterOverrides(parameters);
  }

  private static String banner(LocalCloud cloud) {
    String edge = cloud.edgeEndpoint().toString();
    SamTemplate template = cloud.template();
    LocalCloudOptions options = cloud.options();
    StringBuilder b = new StringBuilder();
    b.append("AgentFlow local cloud is up.\n\n");
    b.append("  Edge endpoint      ").append(edge).append("   (every service below)\n");
    b.append("    DynamoDB         X-Amz-Target DynamoDB_20120810.*\n");
    b.append("    Step Functions   X-Amz-Target AWSStepFunctions.*\n");
    b.append("    Lambda           POST /2015-03-31/functions/{name}/invocations\n");
    b.append("    KMS              X-Amz-Target TrentService.*\n");
    b.append("    Secrets Manager  X-Amz-Target secretsmanager.*\n");
    if (cloud.httpApiEndpoint() != null) {
      b.append("  HTTP API           ").append(cloud.httpApiEndpoint())
          .append("   (template.yaml's HttpApi routes; JWT from ./agentflow token; sample data under /sample-data/)\n");
    }
    if (cloud.webSocketEndpoint() != null) {
      b.append("  WebSocket API      ").append(cloud.webSocketEndpoint())
          .append("   (connect with ?token=JWT, then {\"type\": \"subscribe\", \"executionId\": …})\n");
    }
    b.append("  Template           ").append(options.templatePath() == null ? "(none)" : options.templatePath())
        .append(": ").append(template.functions().size()).append(" functions, ")
        .append(template.tables().size()).append(" tables, ")
        .append(template.eventRules().size()).append(" event rules\n");
    if (!template.tables().isEmpty()) {
      b.append("  Tables             ").append(String.join(", ",
          template.tables().stream().map(t -> t.tableName()).toList())).append('\n');
    }
    b.append("  Data               ").append(options.inMemory() ? "in memory (lost on stop)" : options.dataDirectory())
        .append('\n');
    b.append("\nPoint the AWS CLI or an SDK at it (credentials are accepted, not checked):\n");
    b.append("  export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=")
        .append(options.stack().region()).append('\n');
    b.append("  aws --endpoint-url ").append(edge).append(" stepfunctions list-state-machines\n");
    b.append("  aws --endpoint-url ").append(edge).append(" dynamodb list-tables\n");
    b.append("  aws --endpoint-url ").append(edge).append(" lambda invoke --function-name NAME --payload '{}' "
        + "--cli-binary-format raw-in-base64-out out.json\n");
    b.append("  (AWS SDK v2 and CLI also read AWS_ENDPOINT_URL=").append(edge).append(")\n");
    if (cloud.httpApiEndpoint() != null) {
      String dataDir = options.dataDirectory().equals(LocalCloudOptions.defaultDataDirectory()) ? ""
          : " --data-dir " + options.dataDirectory();
      String endpoint = cloud.httpApiEndpoint().toString();
      String runEndpoint = endpoint.equals("http://127.0.0.1:" + HttpApiServer.DEFAULT_PORT) ? "" : " --endpoint " + endpoint;
      b.append("\nDevelopment token (user 'dev', valid 12 hours; ./agentflow token").append(dataDir)
          .append(" [--user ID] prints another):\n");
      b.append("  export AGENTFLOW_TOKEN=").append(cloud.jwt().sign("dev", Duration.ofHours(12))).append('\n');
      b.append("\nTry it:\n");
      b.append("  ./agentflow run events/workflows/weather-report.json --input city=Oslo").append(runEndpoint).append('\n');
      b.append("  curl -H \"Authorization: Bearer $AGENTFLOW_TOKEN\" ").append(endpoint).append("/api/v1/workflows\n");
      b.append("  curl -H \"Authorization: Bearer $AGENTFLOW_TOKEN\" -H 'Content-Type: application/json' \\\n")
          .append("       -d @events/workflows/greeting.json ").append(endpoint).append("/api/v1/workflows\n");
      b.append("LLM nodes use OPENAI_API_KEY / OPENAI_BASE_URL from this process's environment, or a key stored with"
          + " ./agentflow keys add").append(runEndpoint).append(".\n");
    }
    b.append("\nPress Ctrl-C to stop.\n");
    return b.toString();
  }

  private static void stop(LocalCloud cloud, PrintStream err) {
    err.println("Stopping the local cloud...");
    try {
      cloud.close();
      err.println("Stopped.");
    } catch (Exception e) {
      err.println("agentflow up: error while stopping: " + e);
    }
    err.flush();
  }

  private static String value(List<String> args, int index, String option) {
    if (index >= args.size()) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args.get(index);
  }

  private static int port(String text) {
    try {
      int port = Integer.parseInt(text);
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("--port must be 0..65535, got " + text);
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--port must be a number, got '" + text + "'");
    }
  }
}
