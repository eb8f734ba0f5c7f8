package dev.agentflow.local.it;

import com.sun.net.httpserver.HttpServer;
import dev.agentflow.local.LocalCloud;
import dev.agentflow.local.LocalCloudOptions;
import dev.agentflow.local.apigw.LocalJwt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The embedded local cloud on the repository's template.yaml (in memory, free ports), with its own token
 * authority (the HTTP API's local JWT authorizer and, through the LocalJwtSecret parameter, the WebSocket
 * authorizer accept its tokens) and a loopback server whose {@code /slow} answers only when released
 * (AllowedPrivateNetworks lets the HTTP node reach 127.0.0.0/8).
 */
final class EmbeddedCloudTarget implements Target {

  private final LocalCloud cloud;
  private final LocalJwt jwt;
  private final HttpServer slow;
  private final CountDownLatch release = new CountDownLatch(1);
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();

  private EmbeddedCloudTarget() throws Exception {
    slow = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    slow.setExecutor(Executors.newCachedThreadPool());
    slow.createContext("/slow", ex -> {
      try {
        release.await(120, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      byte[] body = "{\"slow\": true}".getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    slow.start();
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    jwt = new LocalJwt(LocalJwt.DEFAULT_ISSUER, LocalJwt.DEFAULT_AUDIENCE, secret, Clock.systemUTC());
    try {
      cloud = LocalCloud.start(LocalCloudOptions.inMemory(ScenarioSuite.root().resolve("template.yaml"))
          .withParameterOverrides(Map.of("AllowedPrivateNetworks", "127.0.0.0/8"))
          .withJwt(jwt)
          .withLog(new PrintStream(log, true, StandardCharsets.UTF_8)));
    } catch (IOException | RuntimeException e) {
      slow.stop(0);
      throw e;
    }
  }

  /** Starts the cloud. */
  static EmbeddedCloudTarget start() throws Exception {
    return new EmbeddedCloudTarget();
  }

  @Override
  public String name() {
    return "embedded local cloud";
  }

  @Override
  public URI httpApi() {
    return cloud.httpApiEndpoint();
  }

  @Override
  public URI webSocket(String token) {
    return URI.create(cloud.webSocketEndpoint() + "/?token=" + token);
  }

  @Override
  public String token(String user) {
    return jwt.sign(user, Duration.ofHours(1));
  }

  @Override
  public Optional<String> slowUrl() {
    return Optional.of("http://127.0.0.1:" + slow.getAddress().getPort() + "/slow");
  }

  @Override
  public void releaseSlow() {
    release.countDown();
  }

  @Override
  public void close() {
    release.countDown();
    try {
      cloud.close();
    } catch (Exception e) {
      throw new IllegalStateException("the local cloud did not stop cleanly", e);
    } finally {
      slow.stop(0);
    }
  }
}
