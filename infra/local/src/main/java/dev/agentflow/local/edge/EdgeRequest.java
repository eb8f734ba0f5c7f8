package dev.agentflow.local.edge;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * An HTTP request as the edge hands it to a service: no framework types, so services are testable alone.
 *
 * @param method the HTTP method, upper case
 * @param path the request path, not decoded (e.g. {@code /2015-03-31/functions/arn%3Aaws%3A.../invocations})
 * @param queryString the raw query string, or {@code null}
 * @param headers the headers, case-insensitive names (first value of each)
 * @param body the body bytes (empty when none)
 * @param pathParameters the {@code {name}} segments of the matched path route, decoded
 */
public record EdgeRequest(String method, String path, String queryString, Map<String, String> headers, byte[] body,
    Map<String, String> pathParameters) {

  public EdgeRequest {
    TreeMap<String, String> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    caseInsensitive.putAll(headers);
    headers = Collections.unmodifiableMap(caseInsensitive);
    body = body == null ? new byte[0] : body;
    pathParameters = pathParameters == null ? Map.of() : Map.copyOf(pathParameters);
  }

  /** A request without path parameters (before routing). */
  public EdgeRequest(String method, String path, String queryString, Map<String, String> headers, byte[] body) {
    this(method, path, queryString, headers, body, Map.of());
  }

  /** @return this request with the path parameters of the route that matched it */
  public EdgeRequest withPathParameters(Map<String, String> parameters) {
    return new EdgeRequest(method, path, queryString, headers, body, parameters);
  }

  /** @return a path parameter of the matched route, or {@code null} */
  public String pathParameter(String name) {
    return pathParameters.get(name);
  }

  /**
   * @return the service name of the SigV4 credential scope in {@code Authorization}
   *     ({@code Credential=AKID/20240101/us-east-1/<service>/aws4_request}), or {@code null}
   */
  public String signingService() {
    String authorization = header("Authorization");
    if (authorization == null) {
      return null;
    }
    int start = authorization.indexOf("Credential=");
    if (start < 0) {
      return null;
    }
    int end = authorization.indexOf(',', start);
    String[] scope = authorization.substring(start + "Credential=".length(), end < 0 ? authorization.length() : end)
        .trim().split("/");
    return scope.length >= 5 ? scope[3] : null;
  }

  /** @return a header value (case-insensitive name), or {@code null} */
  public String header(String name) {
    return headers.get(name);
  }

  /** @return the {@code X-Amz-Target} header (AWS JSON protocols), or {@code null} */
  public String target() {
    return header("X-Amz-Target");
  }

  /** @return the decoded query parameters (first value of each) */
  public Map<String, String> queryParameters() {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (queryString == null || queryString.isEmpty()) {
      return parameters;
    }
    for (String pair : queryString.split("&")) {
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      parameters.putIfAbsent(name, value);
    }
    return parameters;
  }
}
