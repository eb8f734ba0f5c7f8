package dev.agentflow.triggers.webhook;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.agentflow.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * API Gateway HTTP API payload format 2.0 ⇄ {@link WebhookRequest} / {@link WebhookResponse} (API Gateway developer
 * guide, "Working with AWS Lambda proxy integrations for HTTP APIs"). The body is kept as the exact bytes the
 * caller signed: base64-decoded when API Gateway encoded it, else the UTF-8 bytes of the text.
 */
public final class WebhookEvents {

    private WebhookEvents() {
    }

    /**
     * The request of an event: the workflow id from the {@code {workflowId}} path parameter (or the last path
     * segment), lower-case headers, the raw body.
     */
    public static WebhookRequest toRequest(APIGatewayV2HTTPEvent event) {
        Map<String, String> headers = new HashMap<>();
        if (event.getHeaders() != null) {
            event.getHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        }
        String workflowId = event.getPathParameters() == null ? null : event.getPathParameters().get("workflowId");
        if (workflowId == null && event.getRawPath() != null) {
            String path = event.getRawPath();
            workflowId = path.substring(path.lastIndexOf('/') + 1);
        }
        byte[] body;
        if (event.getBody() == null) {
            body = new byte[0];
        } else if (event.getIsBase64Encoded()) {
            try {
                body = Base64.getDecoder().decode(event.getBody());
            } catch (IllegalArgumentException e) {
                body = event.getBody().getBytes(StandardCharsets.UTF_8);
            }
        } else {
            body = event.getBody().getBytes(StandardCharsets.UTF_8);
        }
        String requestId = event.getRequestContext() == null ? null : event.getRequestContext().getRequestId();
        return new WebhookRequest(workflowId, headers, body, requestId);
    }

    /** The Lambda response: JSON body, {@code content-type: application/json}. */
    public static APIGatewayV2HTTPResponse toEvent(WebhookResponse response) {
        APIGatewayV2HTTPResponse out = new APIGatewayV2HTTPResponse();
        out.setStatusCode(response.status());
        out.setHeaders(Map.of("content-type", "application/json; charset=utf-8", "cache-control", "no-store"));
        out.setBody(Json.write(response.body()));
        out.setIsBase64Encoded(false);
        return out;
    }
}
