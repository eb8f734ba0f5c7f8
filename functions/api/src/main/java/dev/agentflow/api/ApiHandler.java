package dev.agentflow.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.agentflow.api.http.ApiException;
import dev.agentflow.api.http.ApiResponse;
import dev.agentflow.api.http.HttpEvents;

/**
 * Lambda entry point of the HTTP API (API Gateway HTTP API, payload format 2.0, JWT authorizer): reads
 * the event, lets {@link Api} answer, writes the response. Clients and configuration are built once per
 * container in the no-argument constructor.
 */
public final class ApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final Api api;

    /** Lambda's constructor: configuration from the environment, real AWS clients. */
    public ApiHandler() {
        this(Components.fromConfig(ApiConfig.fromEnvironment(System.getenv()), System.getenv()).api());
    }

    /** @param api the API (tests pass one wired with fakes) */
    public ApiHandler(Api api) {
        this.api = api;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        ApiResponse response;
        try {
            response = api.handle(HttpEvents.toRequest(event));
        } catch (ApiException e) {
            response = ApiResponse.error(e);
        }
        return HttpEvents.toEvent(response);
    }
}
