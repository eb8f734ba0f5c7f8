package dev.agentflow.local.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.local.edge.EdgeHandler;
import dev.agentflow.local.edge.EdgeRequest;
import dev.agentflow.local.edge.EdgeResponse;
import dev.agentflow.local.edge.EdgeRoutes;
import dev.agentflow.local.template.FunctionSpec;
import java.io.IOException;
import java.util.Base64;
import java.util.Map;

/**
 * The Lambda REST API (rest-json, version 2015-03-31) for the functions of template.yaml:
 * <ul>
 *   <li>{@code POST /2015-03-31/functions/{name}/invocations} (Invoke): {@code X-Amz-Invocation-Type}
 *       {@code RequestResponse} (default) answers 200 with the response, or with
 *       {@code X-Amz-Function-Error: Unhandled} and the error JSON; {@code Event} answers 202 and runs the
 *       function in the background; {@code DryRun} answers 204. {@code X-Amz-Log-Type: Tail} adds
 *       {@code X-Amz-Log-Result} (base64 of the last 4 KB of log).
 *   <li>{@code GET /2015-03-31/functions/} (ListFunctions) and {@code GET /2015-03-31/functions/{name}}
 *       (GetFunction, configuration only).
 * </ul>
 * Errors as Lambda gives them: HTTP 404 {@code ResourceNotFoundException} "Function not found: arn",
 * 400 {@code InvalidRequestContentException} for a payload that is not JSON; the error code is in the
 * {@code x-amzn-ErrorType} header and the body is {@code {"Type": "User", "Message": "..."}}.
 * Source: AWS Lambda API Reference, "Invoke", "ListFunctions", "GetFunction".
 */
public final class LambdaApi {

  /** Path template of Invoke. */
  public static final String INVOKE_PATH = "/2015-03-31/functions/{name}/invocations";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final LambdaService lambda;

  /** @param lambda the Lambda service that runs the functions */
  public LambdaApi(LambdaService lambda) {
    this.lambda = lambda;
  }

  /** Adds this API's routes to the edge. */
  public void register(EdgeRoutes routes) {
    routes.path("POST", INVOKE_PATH, this::invoke);
    routes.path("GET", "/2015-03-31/functions/", request -> listFunctions());
    routes.path("GET", "/2015-03-31/functions", request -> listFunctions());
    routes.path("GET", "/2015-03-31/functions/{name}", this::getFunction);
  }

  /** @return the Invoke operation alone, as an edge handler */
  public EdgeHandler invokeHandler() {
    return this::invoke;
  }

  EdgeResponse invoke(EdgeRequest request) throws InterruptedException {
    String functionName = qualified(request.pathParameter("name"), request.queryParameters().get("Qualifier"));
    if (lambda.function(functionName).isEmpty()) {
      return error(404, "ResourceNotFoundException", "Function not found: " + lambda.arnFor(functionName));
    }
    byte[] payload = request.body();
    if (payload.length > 0) {
      try {
        JSON.readTree(payload);
      } catch (IOException e) {
        return error(400, "InvalidRequestContentException", "Could not parse request body into json: "
            + (e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage()));
      }
    }
    String type = request.header("X-Amz-Invocation-Type");
    try {
      if ("DryRun".equals(type)) {
        return new EdgeResponse(204, Map.of(), new byte[0]);
      }
      if ("Event".equals(type)) {
        lambda.invokeAsync(functionName, payload);
        return new EdgeResponse(202, Map.of(), new byte[0]);
      }
      InvocationResult result = lambda.invoke(functionName, payload, null);
      EdgeResponse response = EdgeResponse.of(200, "application/json", result.payload())
          .withHeader("X-Amz-Executed-Version", result.executedVersion())
          .withHeader("x-amzn-RequestId", result.requestId());
      if (result.failed()) {
        response = response.withHeader("X-Amz-Function-Error", result.functionError());
      }
      if ("Tail".equals(request.header("X-Amz-Log-Type")) && result.logTail() != null) {
        response = response.withHeader("X-Amz-Log-Result", Base64.getEncoder().encodeToString(result.logTail()));
      }
      return response;
    } catch (FunctionNotFoundException e) {
      return error(404, "ResourceNotFoundException", e.getMessage());
    } catch (CallerDeadlineException e) {
      throw new IllegalStateException("An invocation without caller deadline reported one", e);
    }
  }

  private EdgeResponse listFunctions() {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    ArrayNode functions = body.putArray("Functions");
    lambda.functions().forEach(f -> functions.add(configuration(f)));
    return EdgeResponse.of(200, "application/json", body.toString());
  }

  private EdgeResponse getFunction(EdgeRequest request) {
    String name = request.pathParameter("name");
    return lambda.function(name)
        .map(f -> {
          ObjectNode body = JsonNodeFactory.instance.objectNode();
          body.set("Configuration", configuration(f));
          return EdgeResponse.of(200, "application/json", body.toString());
        })
        .orElseGet(() -> error(404, "ResourceNotFoundException", "Function not found: " + lambda.arnFor(name)));
  }

  private static ObjectNode configuration(FunctionSpec function) {
    ObjectNode configuration = JsonNodeFactory.instance.objectNode()
        .put("FunctionName", function.functionName())
        .put("FunctionArn", function.arn())
        .put("Runtime", function.runtime() == null ? "java17" : function.runtime())
        .put("Handler", function.handler())
        .put("Timeout", function.timeoutSeconds())
        .put("MemorySize", function.memorySizeMb())
        .put("Version", "$LATEST")
        .put("PackageType", "Zip")
        .put("State", "Active");
    ObjectNode variables = configuration.putObject("Environment").putObject("Variables");
    function.environment().forEach(variables::put);
    return configuration;
  }

  private static String qualified(String name, String qualifier) {
    if (qualifier == null || qualifier.isEmpty()) {
      return name;
    }
    return FunctionReference.parse(name).qualifier() == null ? name + ":" + qualifier : name;
  }

  private static EdgeResponse error(int status, String type, String message) {
    ObjectNode body = JsonNodeFactory.instance.objectNode().put("Type", "User").put("Message", message);
    return EdgeResponse.of(status, "application/json", body.toString()).withHeader("x-amzn-ErrorType", type);
  }
}
