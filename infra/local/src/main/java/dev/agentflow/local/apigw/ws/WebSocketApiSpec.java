package dev.agentflow.local.apigw.ws;

import java.util.Map;

/**
 * A WebSocket API of template.yaml ({@code AWS::ApiGatewayV2::Api} with {@code ProtocolType: WEBSOCKET}).
 *
 * @param apiId                    the API's logical id (its local id)
 * @param stage                    the stage name ({@code AWS::ApiGatewayV2::Stage}), or {@code "$default"}
 * @param routeSelectionExpression e.g. {@code $request.body.type}
 * @param routes                   route key ({@code $connect}, {@code subscribe}, …) → route
 */
public record WebSocketApiSpec(String apiId, String stage, String routeSelectionExpression,
                               Map<String, Route> routes) {

    public WebSocketApiSpec {
        routes = Map.copyOf(routes);
    }

    /**
     * One route.
     *
     * @param routeKey           the key
     * @param functionName       the integration's function
     * @param authorizerFunction the REQUEST authorizer's function ({@code $connect} only), or null
     */
    public record Route(String routeKey, String functionName, String authorizerFunction) {
    }

    /** The route selected by a message body, per the route selection expression; else {@code $default}; else null. */
    public Route select(String body) {
        String key = RouteSelection.key(routeSelectionExpression, body);
        Route route = key == null ? null : routes.get(key);
        if (route == null || key.startsWith("$")) {
            route = routes.get("$default");
        }
        return route;
    }
}
