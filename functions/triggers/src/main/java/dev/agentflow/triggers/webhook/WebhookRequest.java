package dev.agentflow.triggers.webhook;

import java.util.Map;

/**
 * A call to {@code POST /hooks/{workflowId}} as the service sees it.
 *
 * @param workflowId the path's workflow id (unchecked)
 * @param headers    headers, lower-case names
 * @param body       the raw body bytes, exactly as signed (base64 already decoded)
 * @param requestId  API Gateway's request id, for logs
 */
public record WebhookRequest(String workflowId, Map<String, String> headers, byte[] body, String requestId) {

    public WebhookRequest {
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    /** A header by lower-case name, or null. */
    public String header(String lowerCaseName) {
        return headers.get(lowerCaseName);
    }
}
