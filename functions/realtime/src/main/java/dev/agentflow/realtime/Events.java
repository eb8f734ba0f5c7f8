package dev.agentflow.realtime;

import java.util.Map;

/**
 * Reads API Gateway v2 WebSocket events ({@code requestContext.routeKey}, {@code connectionId},
 * {@code authorizer}, {@code queryStringParameters}, {@code body}) from Lambda's Map binding.
 */
final class Events {

    private Events() {
    }

    static String connectionId(Map<String, Object> event) {
        return text(map(event.get("requestContext")).get("connectionId"));
    }

    static String routeKey(Map<String, Object> event) {
        return text(map(event.get("requestContext")).get("routeKey"));
    }

    /** The authorizer's {@code userId} context value (or its principalId), as API Gateway passes it to every route. */
    static String userId(Map<String, Object> event) {
        Map<String, Object> authorizer = map(map(event.get("requestContext")).get("authorizer"));
        String user = text(authorizer.get("userId"));
        return user != null ? user : text(authorizer.get("principalId"));
    }

    static String query(Map<String, Object> event, String name) {
        return text(map(event.get("queryStringParameters")).get(name));
    }

    static String body(Map<String, Object> event) {
        return text(event.get("body"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
