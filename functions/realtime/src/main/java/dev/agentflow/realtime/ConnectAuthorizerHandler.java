package dev.agentflow.realtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.agentflow.shared.log.JsonLog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * REQUEST authorizer of the WebSocket API's {@code $connect} route (WebSocket APIs have no JWT authorizer;
 * API Gateway developer guide, "Control access to WebSocket APIs with AWS Lambda REQUEST authorizers").
 * Input: {@code {type: "REQUEST", methodArn, headers, queryStringParameters: {token}, requestContext}}.
 * Output: an IAM policy allowing or denying {@code execute-api:Invoke} on {@code methodArn}, with
 * {@code principalId} and {@code context.userId} = the token's {@code sub} when allowed; API Gateway then
 * passes the context to every route as {@code requestContext.authorizer}. A denied connect is answered
 * 403 by API Gateway. The token is never logged.
 */
public final class ConnectAuthorizerHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final TokenVerifier verifier;
    private final JsonLog log;

    /** Lambda's constructor: {@link TokenVerifier#fromEnvironment}. */
    public ConnectAuthorizerHandler() {
        this(TokenVerifier.fromEnvironment(System.getenv()), JsonLog.stdout());
    }

    /**
     * @param verifier the token check
     * @param log      structured log
     */
    public ConnectAuthorizerHandler(TokenVerifier verifier, JsonLog log) {
        this.verifier = verifier;
        this.log = log;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        String methodArn = String.valueOf(event.getOrDefault("methodArn", "*"));
        Optional<String> user = verifier.subject(Events.query(event, "token"));
        log.info("websocket connect authorization", Map.of("allowed", user.isPresent(),
                "connectionId", String.valueOf(Events.connectionId(event))));
        return policy(user.orElse("anonymous"), user.isPresent(), methodArn);
    }

    /** The authorizer's answer. */
    static Map<String, Object> policy(String principal, boolean allow, String resource) {
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("Action", "execute-api:Invoke");
        statement.put("Effect", allow ? "Allow" : "Deny");
        statement.put("Resource", resource);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("principalId", principal);
        out.put("policyDocument", Map.of("Version", "2012-10-17", "Statement", List.of(statement)));
        if (allow) {
            out.put("context", Map.of("userId", principal));
        }
        return out;
    }
}
