package dev.agentflow.local.apigw.ws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentflow.local.template.FunctionSpec;
import dev.agentflow.local.template.SamTemplate;
import dev.agentflow.local.template.TemplateYaml;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the first WebSocket API of a template: {@code AWS::ApiGatewayV2::Api} ({@code ProtocolType:
 * WEBSOCKET}, {@code RouteSelectionExpression}), its {@code Route}s ({@code RouteKey}, {@code Target:
 * integrations/<Integration>}, {@code AuthorizerId}), {@code Integration}s and {@code Authorizer}s (the
 * function named in {@code IntegrationUri} / {@code AuthorizerUri}, written
 * {@code !Sub '…/functions/${Fn.Arn}/invocations'} or, through SAM's alias, {@code ${Fn.Alias}}) and its
 * {@code Stage}.
 */
public final class WebSocketApiReader {

    private static final Pattern FUNCTION_ARN = Pattern.compile("\\$\\{([A-Za-z0-9]+)\\.(?:Arn|Alias)}");
    private static final Pattern INTEGRATION = Pattern.compile("integrations/\\$\\{([A-Za-z0-9]+)}");

    private WebSocketApiReader() {
    }

    /** The WebSocket API of a template file, if it declares one. */
    public static Optional<WebSocketApiSpec> read(Path templatePath, SamTemplate template) {
        return fromJson(TemplateYaml.read(templatePath), template);
    }

    /** The WebSocket API of a parsed template, if it declares one. */
    public static Optional<WebSocketApiSpec> fromJson(JsonNode root, SamTemplate template) {
        JsonNode resources = root.path("Resources");
        String apiId = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = resources.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> r = it.next();
            if (type(r.getValue()).equals("AWS::ApiGatewayV2::Api")
                    && "WEBSOCKET".equals(r.getValue().path("Properties").path("ProtocolType").asText())) {
                apiId = r.getKey();
                break;
            }
        }
        if (apiId == null) {
            return Optional.empty();
        }
        String selection = resources.path(apiId).path("Properties").path("RouteSelectionExpression").asText("$request.body.action");
        String stage = "$default";
        Map<String, WebSocketApiSpec.Route> routes = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = resources.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> r = it.next();
            JsonNode p = r.getValue().path("Properties");
            if (!apiId.equals(p.path("ApiId").path("Ref").asText())) {
                continue;
            }
            switch (type(r.getValue())) {
                case "AWS::ApiGatewayV2::Stage" -> stage = p.path("StageName").asText(stage);
                case "AWS::ApiGatewayV2::Route" -> {
                    String integration = match(INTEGRATION, sub(p.path("Target")));
                    String function = integration == null ? null
                            : function(template, sub(resources.path(integration).path("Properties").path("IntegrationUri")));
                    String authorizerId = p.path("AuthorizerId").path("Ref").asText(null);
                    String authorizer = authorizerId == null ? null
                            : function(template, sub(resources.path(authorizerId).path("Properties").path("AuthorizerUri")));
                    if (function != null) {
                        String key = p.path("RouteKey").asText();
                        routes.put(key, new WebSocketApiSpec.Route(key, function, authorizer));
                    }
                }
                default -> { }
            }
        }
        return Optional.of(new WebSocketApiSpec(apiId, stage, selection, routes));
    }

    private static String type(JsonNode resource) {
        return resource.path("Type").asText();
    }

    /** The text of {@code Fn::Sub} (string or [string, vars]) or a plain string. */
    private static String sub(JsonNode value) {
        JsonNode sub = value.get("Fn::Sub");
        if (sub != null) {
            return sub.isArray() ? sub.path(0).asText() : sub.asText();
        }
        return value.asText(null);
    }

    private static String function(SamTemplate template, String uri) {
        String logicalId = match(FUNCTION_ARN, uri);
        return logicalId == null ? null : template.function(logicalId).map(FunctionSpec::functionName).orElse(logicalId);
    }

    private static String match(Pattern pattern, String text) {
        if (text == null) {
            return null;
        }
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1) : null;
    }
}
