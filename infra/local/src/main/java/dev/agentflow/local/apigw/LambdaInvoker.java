package dev.agentflow.local.apigw;

/**
 * Invokes a function synchronously and returns its response payload (wire this to
 * {@code LocalCloud.lambda().invoke(name, payload, deadline).payload()}).
 */
@FunctionalInterface
public interface LambdaInvoker {

    /**
     * @param functionName the function
     * @param payload      the event JSON
     * @return the response JSON
     * @throws Exception when the function fails (answered 500 {"message": "Internal Server Error"} as API Gateway does)
     */
    byte[] invoke(String functionName, byte[] payload) throws Exception;
}
