package dev.agentflow.shared.connections;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;

/**
 * {@link ConnectionPoster} over the API Gateway management API: {@code POST /@connections/{connectionId}}
 * on the WebSocket API's callback URL ({@code https://{api-id}.execute-api.{region}.amazonaws.com/{stage}}).
 * A connection that has gone answers 410 {@code GoneException}.
 */
public final class ApiGatewayConnectionPoster implements ConnectionPoster {

    private final ApiGatewayManagementApiClient client;

    /** @param client built once per container, with the callback URL as endpoint */
    public ApiGatewayConnectionPoster(ApiGatewayManagementApiClient client) {
        this.client = client;
    }

    @Override
    public boolean post(String connectionId, String message) {
        try {
            client.postToConnection(b -> b.connectionId(connectionId).data(SdkBytes.fromUtf8String(message)));
            return true;
        } catch (GoneException e) {
            return false;
        }
    }
}
