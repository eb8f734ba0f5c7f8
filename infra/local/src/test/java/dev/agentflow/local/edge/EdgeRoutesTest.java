package dev.agentflow.local.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EdgeRoutesTest {

  private static final EdgeHandler A = request -> EdgeResponse.of(200, "text/plain", "A");
  private static final EdgeHandler B = request -> EdgeResponse.of(200, "text/plain", "B");
  private static final EdgeHandler C = request -> EdgeResponse.of(200, "text/plain", "C");

  private static String answer(EdgeRoutes routes, EdgeRequest request) throws Exception {
    EdgeRoutes.Match match = routes.resolve(request).orElseThrow();
    return match.handler().handle(match.request()).bodyText();
  }

  @Test
  void resolve_whenTargetHeader_shouldPickLongestPrefix() throws Exception {
    EdgeRoutes routes = new EdgeRoutes().target("DynamoDB", A).target("DynamoDBStreams_20120810.", B);

    assertEquals("A", answer(routes, new EdgeRequest("POST", "/", null,
        Map.of("x-amz-target", "DynamoDB_20120810.PutItem"), null)));
    assertEquals("B", answer(routes, new EdgeRequest("POST", "/", null,
        Map.of("X-Amz-Target", "DynamoDBStreams_20120810.GetRecords"), null)));
    assertTrue(routes.resolve(new EdgeRequest("POST", "/", null, Map.of("X-Amz-Target", "TrentService.Encrypt"),
        null)).isEmpty());
  }

  @Test
  void resolve_whenPathTemplate_shouldMatchAndDecodeParameters() {
    EdgeRoutes routes = new EdgeRoutes().path("POST", "/2015-03-31/functions/{name}/invocations", A);

    EdgeRoutes.Match match = routes.resolve(new EdgeRequest("POST",
        "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A1%3Afunction%3Af/invocations", null, Map.of(), null))
        .orElseThrow();

    assertEquals("arn:aws:lambda:us-east-1:1:function:f", match.request().pathParameter("name"));
    assertTrue(routes.resolve(new EdgeRequest("GET", "/2015-03-31/functions/f/invocations", null, Map.of(), null))
        .isEmpty());
  }

  @Test
  void resolve_whenSigningServiceGiven_shouldSeparateApisSharingPaths() throws Exception {
    EdgeRoutes routes = new EdgeRoutes().path("GET", "/schedules", "scheduler", B).path("GET", "/schedules", C);
    String scope = "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/%s/aws4_request, SignedHeaders=host, "
        + "Signature=abc";

    assertEquals("B", answer(routes, new EdgeRequest("GET", "/schedules", null,
        Map.of("Authorization", String.format(scope, "scheduler")), null)));
    assertEquals("C", answer(routes, new EdgeRequest("GET", "/schedules", null,
        Map.of("Authorization", String.format(scope, "other")), null)));
  }
}
