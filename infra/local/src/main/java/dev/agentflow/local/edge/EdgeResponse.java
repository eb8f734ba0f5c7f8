package dev.agentflow.local.edge;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP response a service gives back to the edge.
 *
 * @param status the HTTP status code
 * @param headers response headers (Content-Type included here)
 * @param body the body bytes
 */
public record EdgeResponse(int status, Map<String, String> headers, byte[] body) {

  public EdgeResponse {
    headers = Map.copyOf(headers);
    body = body == null ? new byte[0] : body;
  }

  /** @return a response with a body of the given content type */
  public static EdgeResponse of(int status, String contentType, byte[] body) {
    return new EdgeResponse(status, Map.of("Content-Type", contentType), body);
  }

  /** @return a response with a UTF-8 text body of the given content type */
  public static EdgeResponse of(int status, String contentType, String body) {
    return of(status, contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  /** @return a copy with one more header */
  public EdgeResponse withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new EdgeResponse(status, copy, body);
  }

  /** @return the body as UTF-8 text */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
