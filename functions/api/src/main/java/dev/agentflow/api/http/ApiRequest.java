package dev.agentflow.api.http;

import java.util.Map;

/**
 * An HTTP API request as the services see it, independent of the Lambda event type.
 *
 * @param method     upper-case HTTP method
 * @param path       the raw path, e.g. {@code /api/v1/workflows/wf_1}
 * @param pathParams parameters extracted by the {@link Router}
 * @param query      query-string parameters (first value of each)
 * @param headers    headers, lower-case names
 * @param body       the body text (base64 already decoded), or null
 * @param userId     the caller's JWT {@code sub}, or null when unauthenticated
 * @param requestId  API Gateway's request id, for logs and 500 messages
 */
public record ApiRequest(String method, String path, Map<String, String> pathParams, Map<String, String> query,
                         Map<String, String> headers, String body, String userId, String requestId) {

    public ApiRequest {
        pathParams = Map.copyOf(pathParams);
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
    }

    /** This request with path parameters. */
    public ApiRequest withPathParams(Map<String, String> params) {
        return new ApiRequest(method, path, params, query, headers, body, userId, requestId);
    }

    /** A path parameter (present whenever the route declares it). */
    public String pathParam(String name) {
        return pathParams.get(name);
    }

    /** The caller; {@link Router} guarantees it is set on authenticated routes. */
    public String caller() {
        if (userId == null) {
            throw ApiException.unauthorized("Missing or invalid bearer token.");
        }
        return userId;
    }
}
