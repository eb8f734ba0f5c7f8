package dev.agentflow.local.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentflow.local.edge.EdgeRequest;
import dev.agentflow.local.edge.EdgeResponse;
import dev.agentflow.local.edge.EdgeRoutes;
import dev.agentflow.local.template.FunctionSpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LambdaApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static LambdaService lambda;
  private static final EdgeRoutes ROUTES = new EdgeRoutes();

  @BeforeAll
  static void start() {
    lambda = new LambdaService(List.of(new FunctionSpec("Echo", "Echo",
        "arn:aws:lambda:us-east-1:000000000000:function:Echo", "dev.agentflow.local.testhandlers.EchoHandler", null,
        null, Map.of("GREETING", "api"), 5, 128)),
        new LambdaOptions("us-east-1", "000000000000", null, null, LambdaLogSink.discarding(), null, null));
    new LambdaApi(lambda).register(ROUTES);
  }

  @AfterAll
  static void stop() {
    lambda.close();
  }

  private static EdgeResponse call(String method, String path, String query, Map<String, String> headers, String body)
      throws Exception {
    EdgeRequest request = new EdgeRequest(method, path, query, headers, body.getBytes(StandardCharsets.UTF_8));
    EdgeRoutes.Match match = ROUTES.resolve(request).orElseThrow();
    return match.handler().handle(match.request());
  }

  @Test
  void invoke_whenRequestResponse_shouldAnswer200WithPayloadAndLogTail() throws Exception {
    EdgeResponse response = call("POST", "/2015-03-31/functions/Echo/invocations", null,
        Map.of("X-Amz-Log-Type", "Tail"), "{\"q\": 1}");

    assertEquals(200, response.status());
    assertEquals("$LATEST", response.headers().get("X-Amz-Executed-Version"));
    assertNull(response.headers().get("X-Amz-Function-Error"));
    assertEquals(1, JSON.readTree(response.body()).at("/input/q").asInt());
    String log = new String(Base64.getDecoder().decode(response.headers().get("X-Amz-Log-Result")),
        StandardCharsets.UTF_8);
    assertTrue(log.contains("START RequestId:") && log.contains("REPORT RequestId:"), log);
  }

  @Test
  void invoke_whenFunctionError_shouldAnswer200WithFunctionErrorHeader() throws Exception {
    EdgeResponse response = call("POST",
        "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3AEcho/invocations", null,
        Map.of(), "{\"fail\": \"bad\"}");

    assertEquals(200, response.status());
    assertEquals("Unhandled", response.headers().get("X-Amz-Function-Error"));
    JsonNode error = JSON.readTree(response.body());
    assertEquals("dev.agentflow.local.testhandlers.NodeFailedException", error.get("errorType").asText());
    assertEquals("bad", error.get("errorMessage").asText());
  }

  @Test
  void invoke_whenUnknownFunction_shouldAnswer404ResourceNotFound() throws Exception {
    EdgeResponse response = call("POST", "/2015-03-31/functions/Nope/invocations", "Qualifier=live", Map.of(), "{}");

    assertEquals(404, response.status());
    assertEquals("ResourceNotFoundException", response.headers().get("x-amzn-ErrorType"));
    assertEquals("Function not found: arn:aws:lambda:us-east-1:000000000000:function:Nope:live",
        JSON.readTree(response.body()).get("Message").asText());
  }

  @Test
  void invoke_whenPayloadNotJson_shouldAnswer400InvalidRequestContent() throws Exception {
    EdgeResponse response = call("POST", "/2015-03-31/functions/Echo/invocations", null, Map.of(), "{nope");

    assertEquals(400, response.status());
    assertEquals("InvalidRequestContentException", response.headers().get("x-amzn-ErrorType"));
  }

  @Test
  void invoke_whenEventOrDryRun_shouldAnswer202Or204() throws Exception {
    assertEquals(202, call("POST", "/2015-03-31/functions/Echo/invocations", null,
        Map.of("X-Amz-Invocation-Type", "Event"), "{}").status());
    assertEquals(204, call("POST", "/2015-03-31/functions/Echo/invocations", null,
        Map.of("X-Amz-Invocation-Type", "DryRun"), "{}").status());
  }

  @Test
  void listFunctions_shouldDescribeTemplateFunctions() throws Exception {
    EdgeResponse response = call("GET", "/2015-03-31/functions/", null, Map.of(), "");

    JsonNode function = JSON.readTree(response.body()).at("/Functions/0");
    assertEquals("Echo", function.get("FunctionName").asText());
    assertEquals("api", function.at("/Environment/Variables/GREETING").asText());
  }
}
