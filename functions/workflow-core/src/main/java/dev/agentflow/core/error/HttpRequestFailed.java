package dev.agentflow.core.error;

/** {@code HTTP_REQUEST_FAILED}: the HTTP node's request failed, was refused by the SSRF guard, or got a non-2xx with failOnError. Step Functions error name: {@code dev.agentflow.core.error.HttpRequestFailed}. */
public final class HttpRequestFailed extends NodeFailure {

    /** @param message a sentence for the user; never a secret */
    public HttpRequestFailed(String message, Throwable cause) {
        super(ErrorCode.HTTP_REQUEST_FAILED, message, cause);
    }
}
