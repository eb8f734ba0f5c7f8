package dev.agentflow.local.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * AgentFlow deployed into LocalStack in a Testcontainers container by infra/localstack/deploy.sh, the script a
 * user runs by hand, so the scenarios check the script too. Needs Docker (the suite is skipped without it),
 * {@code LOCALSTACK_AUTH_TOKEN} with a plan that includes API Gateway v2 and Cognito (LocalStack's Base plan or
 * higher), the AWS CLI v2 on the PATH, and the Lambda jars of {@code mvn package}; a missing one skips the
 * suite with the reason. The image is {@code LOCALSTACK_IMAGE} (default the compose file's).
 *
 * <p>Functions run in containers LocalStack starts through the Docker socket; they reach the slow server on this
 * machine as {@code host.docker.internal} (LAMBDA_DOCKER_FLAGS), which the HTTP node may call because the
 * deployment allows Docker's private networks.
 */
final class LocalStackTarget implements Target {

  static final String IMAGE = System.getenv().getOrDefault("LOCALSTACK_IMAGE", "localstack/localstack-pro:4.9");
  private static final int EDGE = 4566;
  private static final int WEBSOCKET = 4510;

  private final LocalStackContainer container;
  private final HttpServer slow;
  private final CountDownLatch release;
  private final Map<String, String> outputs;

  private LocalStackTarget(LocalStackContainer container, HttpServer slow, CountDownLatch release,
      Map<String, String> outputs) {
    this.container = container;
    this.slow = slow;
    this.release = release;
    this.outputs = outputs;
  }

  /** Starts LocalStack, deploys AgentFlow with deploy.sh, and reads the endpoints it prints. */
  static LocalStackTarget start() throws Exception {
    String token = System.getenv("LOCALSTACK_AUTH_TOKEN");
    assumeTrue(token != null && !token.isBlank(),
        "LocalStack target: set LOCALSTACK_AUTH_TOKEN (API Gateway v2 and Cognito are not in LocalStack's free plan)");
    assumeTrue(onPath("aws"), "LocalStack target: infra/localstack/deploy.sh needs the AWS CLI v2 on the PATH");
    Path root = ScenarioSuite.root();
    for (String module : new String[] {"nodes", "api", "realtime"}) {
      assumeTrue(Files.isRegularFile(root.resolve("functions/" + module + "/target/" + module + "-lambda.jar")),
          "LocalStack target: run `mvn -B package` first (no functions/" + module + "/target/" + module + "-lambda.jar)");
    }
    LocalStackContainer container = new LocalStackContainer(
        DockerImageName.parse(IMAGE).asCompatibleSubstituteFor("localstack/localstack"))
        .withEnv("LOCALSTACK_AUTH_TOKEN", token)
        .withEnv("LAMBDA_IGNORE_ARCHITECTURE", "1")
        .withEnv("LAMBDA_DOCKER_FLAGS", "--add-host=host.docker.internal:host-gateway")
        .withEnv("LAMBDA_RUNTIME_ENVIRONMENT_TIMEOUT", "60")
        .withFileSystemBind(DockerClientFactory.instance().getRemoteDockerUnixSocketPath(), "/var/run/docker.sock")
        .withExposedPorts(EDGE, WEBSOCKET);
    container.start();
    HttpServer slow = null;
    try {
      assumeTrue(container.getHost().equals("localhost") || container.getHost().equals("127.0.0.1"),
          "LocalStack target: API URLs use *.localhost.localstack.cloud (127.0.0.1); Docker runs on " + container.getHost());
      CountDownLatch release = new CountDownLatch(1);
      slow = HttpServer.create(new InetSocketAddress("0.0.0.0", 0), 0);
      slow.setExecutor(Executors.newCachedThreadPool());
      slow.createContext("/slow", ex -> {
        try {
          release.await(180, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        byte[] body = "{\"slow\": true}".getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
        ex.close();
      });
      slow.start();
      return new LocalStackTarget(container, slow, release, deploy(root, container));
    } catch (Exception | Error e) {
      if (slow != null) {
        slow.stop(0);
      }
      container.stop();
      throw e;
    }
  }

  /** Runs deploy.sh against the container; returns its AGENTFLOW_* lines, URLs mapped to the container's ports. */
  private static Map<String, String> deploy(Path root, LocalStackContainer container) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder("bash", root.resolve("infra/localstack/deploy.sh").toString())
        .directory(root.toFile())
        .redirectError(ProcessBuilder.Redirect.INHERIT);
    pb.environment().put("AWS_ENDPOINT_URL", container.getEndpoint().toString());
    pb.environment().put("STACK", "agentflow-it");
    pb.environment().put("ALLOWED_PRIVATE_NETWORKS", "10.0.0.0/8,172.16.0.0/12,192.168.0.0/16");
    Process process = pb.start();
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(15, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new IllegalStateException("infra/localstack/deploy.sh failed (its log is above)");
    }
    Map<String, String> outputs = new LinkedHashMap<>();
    for (String line : stdout.split("\n")) {
      int eq = line.indexOf('=');
      if (line.startsWith("AGENTFLOW_") && eq > 0) {
        outputs.put(line.substring(0, eq), line.substring(eq + 1).trim()
            .replace(":" + EDGE, ":" + container.getMappedPort(EDGE))
            .replace(":" + WEBSOCKET, ":" + container.getMappedPort(WEBSOCKET)));
      }
    }
    return outputs;
  }

  private static boolean onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String name() {
    return "LocalStack (" + IMAGE + ")";
  }

  @Override
  public URI httpApi() {
    return URI.create(outputs.get("AGENTFLOW_HTTP_API_URL").replaceAll("/$", ""));
  }

  @Override
  public URI webSocket(String token) {
    return URI.create(outputs.get("AGENTFLOW_WEBSOCKET_URL") + "?token=" + token);
  }

  @Override
  public String token(String user) {
    return outputs.get("AGENTFLOW_TOKEN"); // the Cognito test user deploy.sh created
  }

  @Override
  public Optional<String> slowUrl() {
    return Optional.of("http://host.docker.internal:" + slow.getAddress().getPort() + "/slow");
  }

  @Override
  public void releaseSlow() {
    release.countDown();
  }

  @Override
  public Duration patience() {
    return Duration.ofMinutes(3); // each function's first call starts a Java container
  }

  @Override
  public void close() {
    release.countDown();
    try {
      container.stop();
    } finally {
      slow.stop(0);
    }
  }
}
