package dev.agentflow.local.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/** The HTTP API of a {@link Target}, called over real HTTP with a user's bearer token. */
final class ApiClient {

  static final ObjectMapper JSON = new ObjectMapper();

  /** An answer: status and the JSON envelope (an empty object for an empty body). */
  record Reply(int status, JsonNode body) {

    /** @return {@code data} of a success envelope */
    JsonNode data() {
      return body.path("data");
    }

    /** @return {@code error.code} of an error envelope, or null */
    String code() {
      return body.path("error").path("code").asText(null);
    }
  }

  private final Target target;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  ApiClient(Target target) {
    this.target = target;
  }

  /** Calls {@code method path} as {@code user} with a JSON body (or none). */
  Reply call(String method, String path, String user, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target.httpApi() + path))
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + target.token(user))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body()));
    } catch (IOException e) {
      throw new AssertionError(target.name() + ": " + method + " " + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /**
   * POSTs {@code body} to the workflow's webhook {@code /hooks/{workflowId}} without a bearer token, signed as
   * functions/triggers documents it: {@code X-AgentFlow-Signature: sha256=HMAC-SHA256(secret, timestamp + "." + body)}
   * with {@code X-AgentFlow-Timestamp} (epoch seconds).
   */
  Reply hook(String workflowId, String secret, String body) {
    long timestamp = java.time.Instant.now().getEpochSecond();
    byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    String signature;
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(java.nio.charset.StandardCharsets.UTF_8));
      signature = "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(bytes));
    } catch (java.security.GeneralSecurityException e) {
      throw new AssertionError(e);
    }
    HttpRequest request = HttpRequest.newBuilder(URI.create(target.httpApi() + "/hooks/" + workflowId))
        .timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json")
        .header("X-AgentFlow-Timestamp", Long.toString(timestamp))
        .header("X-AgentFlow-Signature", signature)
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body()));
    } catch (IOException e) {
      throw new AssertionError(target.name() + ": POST /hooks/" + workflowId + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** GETs {@code path} until {@code done} holds; fails after the target's patience. */
  Reply await(String path, String user, Predicate<Reply> done) throws InterruptedException {
    long end = System.nanoTime() + target.patience().toNanos();
    Reply last = null;
    while (System.nanoTime() < end) {
      last = call("GET", path, user, null);
      if (done.test(last)) {
        return last;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(target.name() + ": GET " + path + " did not get there in " + target.patience()
        + "; last: " + (last == null ? null : last.body()));
  }
}
