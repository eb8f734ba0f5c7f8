package dev.agentflow.triggers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.agentflow.triggers.webhook.WebhookEvents;
import dev.agentflow.triggers.webhook.WebhookService;

/**
 * Lambda entry point of {@code POST /hooks/{workflowId}} (API Gateway HTTP API, payload format 2.0, no JWT
 * authorizer: the caller proves the workflow's signing secret instead). Reads the event, lets
 * {@link WebhookService} answer, writes the response. Clients are built once per container.
 */
public final class WebhookHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final WebhookService service;

    /** Lambda's constructor: configuration from the environment, real AWS clients. */
    public WebhookHandler() {
        this(TriggersWiring.fromEnvironment(System.getenv()).webhook());
    }

    /** @param service the webhook logic (tests pass one wired with fakes) */
    public WebhookHandler(WebhookService service) {
        this.service = service;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return WebhookEvents.toEvent(service.handle(WebhookEvents.toRequest(event)));
    }
}
