package dev.agentflow.api.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.agentflow.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Translates API Gateway HTTP API payload format 2.0 events (API Gateway developer guide, "Working with
 * AWS Lambda proxy integrations for HTTP APIs") to {@link ApiRequest}s and {@link ApiResponse}s back.
 * The caller is the {@code sub} claim the HTTP API JWT authorizer put in
 * {@code requestContext.authorizer.jwt.claims}; the handler trusts it because the authorizer verified the token.
 */
public final class HttpEvents {

    /** Longest accepted {@code sub}; ids are composed as {@code <sub>#<id>}, so {@code #} is refused. */
    public static final int MAX_SUB_LENGTH = 128;

    private HttpEvents() {
    }

    /**
     * The request of an event.
     *
     * @throws ApiException 400 when a base64 body does not decode
     */
    public static ApiRequest toRequest(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
        String method = context != null && context.getHttp() != null && context.getHttp().getMethod() != null
                ? context.getHttp().getMethod() : methodOf(event.getRouteKey());
        String path = event.getRawPath() != null ? event.getRawPath()
                : context != null && context.getHttp() != null ? context.getHttp().getPath() : "/";
        Map<String, String> headers = new HashMap<>();
        if (event.getHeaders() != null) {
            event.getHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        }
        String body = event.getBody();
        if (body != null && event.getIsBase64Encoded()) {
            try {
                body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw ApiException.validation("body", "The body is not valid base64.");
            }
        }
        return new ApiRequest(method == null ? "GET" : method.toUpperCase(Locale.ROOT), path, Map.of(),
                event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters(),
                headers, body, subject(context), context == null ? null : context.getRequestId());
    }

    /** The verified caller's {@code sub}, or null when there is none or it is unusable. */
    static String subject(APIGatewayV2HTTPEvent.RequestContext context) {
        if (context == null || context.getAuthorizer() == null || context.getAuthorizer().getJwt() == null
                || context.getAuthorizer().getJwt().getClaims() == null) {
            return null;
        }
        String sub = context.getAuthorizer().getJwt().getClaims().get("sub");
        if (sub == null || sub.isBlank() || sub.length() > MAX_SUB_LENGTH || sub.contains("#")
                || sub.chars().anyMatch(Character::isISOControl)) {
            return null;
        }
        return sub;
    }

    private static String methodOf(String routeKey) {
        if (routeKey == null || !routeKey.contains(" ")) {
            return null;
        }
        return routeKey.substring(0, routeKey.indexOf(' '));
    }

    /** The Lambda response for an API answer: JSON body, {@code content-type: application/json}. */
    public static APIGatewayV2HTTPResponse toEvent(ApiResponse response) {
        APIGatewayV2HTTPResponse out = new APIGatewayV2HTTPResponse();
        out.setStatusCode(response.status());
        out.setHeaders(Map.of("content-type", "application/json; charset=utf-8", "cache-control", "no-store"));
        out.setBody(Json.write(response.body()));
        out.setIsBase64Encoded(false);
        return out;
    }
}
