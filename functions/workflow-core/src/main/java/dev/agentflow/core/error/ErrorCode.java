package dev.agentflow.core.error;

import java.util.Arrays;
import java.util.Optional;

/**
 * Error codes shared by the API, the compiler and the node handlers (seed 000 appendix B, extended).
 *
 * <p>Node failures are thrown as one exception class per code ({@link NodeFailure} subclasses). The Java
 * Lambda runtime reports a thrown exception's fully qualified class name as {@code errorType} (AWS Lambda
 * developer guide: "AWS Lambda function errors in Java"), which is the error name Step Functions
 * {@code Retry}/{@code Catch} match; {@link #errorName()} gives that name for the compiler.
 */
public enum ErrorCode {
    WORKFLOW_NOT_FOUND(false, null),
    EXECUTION_NOT_FOUND(false, null),
    INVALID_WORKFLOW_DEFINITION(false, null),
    VALIDATION_ERROR(false, null),
    NODE_EXECUTION_FAILED(true, "NodeExecutionFailed"),
    NODE_CONFIG_INVALID(false, "NodeConfigInvalid"),
    TEMPLATE_RENDER_ERROR(false, "TemplateRenderFailed"),
    LLM_API_ERROR(true, "LlmApiError"),
    LLM_AUTH_ERROR(false, "LlmAuthError"),
    HTTP_REQUEST_FAILED(true, "HttpRequestFailed"),
    TIMEOUT(true, "NodeTimeout");

    private static final String PACKAGE = "dev.agentflow.core.error.";

    private final boolean retryable;
    private final String exceptionSimpleName;

    ErrorCode(boolean retryable, String exceptionSimpleName) {
        this.retryable = retryable;
        this.exceptionSimpleName = exceptionSimpleName;
    }

    /** Whether a node failing with this code is retried under the node's retry policy. */
    public boolean retryable() {
        return retryable;
    }

    /**
     * The Step Functions error name of a node failing with this code: the fully qualified name of its
     * exception class, e.g. {@code dev.agentflow.core.error.HttpRequestFailed}; null for API-only codes.
     */
    public String errorName() {
        return exceptionSimpleName == null ? null : PACKAGE + exceptionSimpleName;
    }

    /** The code whose {@link #errorName()} (or name) is {@code error}; empty for other errors (e.g. States.Timeout). */
    public static Optional<ErrorCode> fromErrorName(String error) {
        return Arrays.stream(values())
                .filter(c -> c.name().equals(error) || error != null && error.equals(c.errorName()))
                .findFirst();
    }
}
