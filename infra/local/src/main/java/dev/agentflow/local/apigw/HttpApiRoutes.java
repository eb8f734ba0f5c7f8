package dev.agentflow.local.apigw;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentflow.local.template.FunctionSpec;
import dev.agentflow.local.template.SamTemplate;
import dev.agentflow.local.template.TemplateYaml;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the HTTP API routes of a SAM template: every {@code AWS::Serverless::Function} event of
 * {@code Type: HttpApi} ({@code Properties.Method}, {@code Properties.Path}; {@code Auth.Authorizer: NONE}
 * turns the authorizer off). Routes are ordered most specific first (static segments before
 * {@code {params}}), as API Gateway prefers the most specific route.
 */
public final class HttpApiRoutes {

    private HttpApiRoutes() {
    }

    /**
     * The routes of a template file.
     *
     * @param templatePath template.yaml
     * @param template     the same template resolved (for function names)
     */
    public static List<HttpApiRoute> read(Path templatePath, SamTemplate template) {
        return fromJson(TemplateYaml.read(templatePath), template);
    }

    /** The routes of a parsed template. */
    public static List<HttpApiRoute> fromJson(JsonNode root, SamTemplate template) {
        List<HttpApiRoute> routes = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> resources = root.path("Resources").fields();
        while (resources.hasNext()) {
            Map.Entry<String, JsonNode> resource = resources.next();
            if (!resource.getValue().path("Type").asText().equals("AWS::Serverless::Function")) {
                continue;
            }
            String functionName = template.function(resource.getKey()).map(FunctionSpec::functionName)
                    .orElse(resource.getKey());
            Iterator<JsonNode> events = resource.getValue().path("Properties").path("Events").elements();
            while (events.hasNext()) {
                JsonNode event = events.next();
                if (!event.path("Type").asText().equals("HttpApi")) {
                    continue;
                }
                JsonNode p = event.path("Properties");
                String method = p.path("Method").asText("ANY").toUpperCase(Locale.ROOT);
                String path = p.path("Path").asText("/{proxy+}");
                boolean authorized = !"NONE".equals(p.path("Auth").path("Authorizer").asText(""));
                routes.add(new HttpApiRoute(method.equals("X-AMAZON-APIGATEWAY-ANY-METHOD") ? "ANY" : method, path,
                        functionName, authorized));
            }
        }
        routes.sort((a, b) -> specificity(b.path()) - specificity(a.path()));
        return routes;
    }

    private static int specificity(String path) {
        int score = 0;
        for (String segment : path.split("/")) {
            score += segment.startsWith("{") ? 1 : 3;
        }
        return score;
    }
}
