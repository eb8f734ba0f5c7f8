package dev.agentflow.local.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A stack already deployed to a real AWS account with {@code sam deploy}, named by {@code AGENTFLOW_STACK}: its
 * HttpApiUrl and WebSocketUrl outputs are read with the AWS CLI ({@code aws cloudformation describe-stacks}, the
 * usual credentials and region). {@code AGENTFLOW_TOKEN} must be a JWT the stack's JwtIssuer / JwtAudience accept
 * (e.g. a Cognito ID token); {@code AGENTFLOW_SLOW_URL}, optional, a public URL that answers after a minute or more
 * (the cancel scenario is skipped without it). Nothing is deployed or torn down here; the scenarios delete what
 * they create.
 */
final class AccountTarget implements Target {

  private final String stack;
  private final Map<String, String> outputs;
  private final String token;

  private AccountTarget(String stack, Map<String, String> outputs, String token) {
    this.stack = stack;
    this.outputs = outputs;
    this.token = token;
  }

  /** Finds the stack named by AGENTFLOW_STACK. */
  static AccountTarget fromEnvironment() throws IOException, InterruptedException {
    String stack = System.getenv("AGENTFLOW_STACK");
    String token = System.getenv("AGENTFLOW_TOKEN");
    assumeTrue(token != null && !token.isBlank(),
        "account target: set AGENTFLOW_TOKEN to a JWT that stack " + stack + "'s JwtIssuer and JwtAudience accept");
    Process p = new ProcessBuilder(System.getenv().getOrDefault("AWS_CLI", "aws"), "cloudformation", "describe-stacks",
        "--stack-name", stack, "--query", "Stacks[0].Outputs", "--output", "json")
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String json = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException("aws cloudformation describe-stacks --stack-name " + stack + " failed");
    }
    Map<String, String> outputs = new LinkedHashMap<>();
    for (JsonNode output : ApiClient.JSON.readTree(json)) {
      outputs.put(output.path("OutputKey").asText(), output.path("OutputValue").asText());
    }
    for (String required : new String[] {"HttpApiUrl", "WebSocketUrl"}) {
      if (!outputs.containsKey(required)) {
        throw new IllegalStateException("stack " + stack + " has no output " + required + " (deployed from an older template?)");
      }
    }
    return new AccountTarget(stack, outputs, token.trim());
  }

  @Override
  public String name() {
    return "account stack " + stack;
  }

  @Override
  public URI httpApi() {
    return URI.create(outputs.get("HttpApiUrl").replaceAll("/$", ""));
  }

  @Override
  public URI webSocket(String jwt) {
    return URI.create(outputs.get("WebSocketUrl") + "?token=" + jwt);
  }

  @Override
  public String token(String user) {
    return token;
  }

  @Override
  public Optional<String> slowUrl() {
    return Optional.ofNullable(System.getenv("AGENTFLOW_SLOW_URL")).filter(s -> !s.isBlank());
  }

  @Override
  public void releaseSlow() {
    // a public slow URL answers by itself
  }

  @Override
  public Duration patience() {
    return Duration.ofMinutes(3);
  }

  @Override
  public void close() {
    // the stack stays: it was deployed with sam deploy and is removed with sam delete
  }
}
