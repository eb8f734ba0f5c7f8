package dev.agentflow.local.it;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the integration scenarios run ({@link ScenarioSuite}): a deployed AgentFlow stack reached only through
 * its public surface, the HTTP API and the WebSocket API, as a client would. One implementation per target:
 * the embedded local cloud ({@link EmbeddedCloudTarget}, always), LocalStack through Testcontainers
 * ({@link LocalStackTarget}, where Docker is present) and a stack deployed to a real account
 * ({@link AccountTarget}, when an environment variable names it). Creating the target deploys the stack (or
 * finds it); {@link #close()} takes down what the target itself started.
 */
public interface Target extends AutoCloseable {

  /** @return a short name for messages, e.g. {@code embedded} */
  String name();

  /** @return the HTTP API's base URL; routes ({@code /api/v1/…}) are appended to it */
  URI httpApi();

  /** @return the WebSocket URL to connect to with this token ({@code …?token=<jwt>}) */
  URI webSocket(String token);

  /**
   * A bearer token the HTTP API's JWT authorizer and the WebSocket authorizer accept.
   *
   * @param user the caller ({@code sub}); targets with one given token ignore it
   */
  String token(String user);

  /**
   * @return a URL the HTTP node can reach that answers only after {@link #releaseSlow()} (so an execution stays
   *     running until cancelled), or empty when the target has none (the cancel scenario is then skipped)
   */
  Optional<String> slowUrl();

  /** Lets {@link #slowUrl()} answer. */
  void releaseSlow();

  /** @return how long an execution may take to end on this target */
  default Duration patience() {
    return Duration.ofSeconds(60);
  }

  /** Stops what this target started (a local cloud, a container, a slow server); never deletes a real stack. */
  @Override
  void close();
}
