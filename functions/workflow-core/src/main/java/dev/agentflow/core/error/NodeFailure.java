package dev.agentflow.core.error;

/**
 * A node handler's typed failure. Each {@link ErrorCode} with an {@link ErrorCode#errorName()} has one
 * final subclass here, so the Lambda {@code errorType} (the class name) tells Step Functions which code
 * failed. Create them with {@link #of}. Messages must never contain secrets such as API keys.
 */
public abstract class NodeFailure extends RuntimeException {

    private final ErrorCode code;

    protected NodeFailure(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** The error code, e.g. {@code HTTP_REQUEST_FAILED}. */
    public ErrorCode errorCode() {
        return code;
    }

    /**
     * The failure for a code.
     *
     * @throws IllegalArgumentException for API-only codes (no node exception class)
     */
    public static NodeFailure of(ErrorCode code, String message) {
        return of(code, message, null);
    }

    /** As {@link #of(ErrorCode, String)}, keeping a cause. */
    public static NodeFailure of(ErrorCode code, String message, Throwable cause) {
        return switch (code) {
            case NODE_EXECUTION_FAILED -> new NodeExecutionFailed(message, cause);
            case NODE_CONFIG_INVALID -> new NodeConfigInvalid(message, cause);
            case TEMPLATE_RENDER_ERROR -> new TemplateRenderFailed(message, cause);
            case LLM_API_ERROR -> new LlmApiError(message, cause);
            case LLM_AUTH_ERROR -> new LlmAuthError(message, cause);
            case HTTP_REQUEST_FAILED -> new HttpRequestFailed(message, cause);
            case TIMEOUT -> new NodeTimeout(message, cause);
            default -> throw new IllegalArgumentException(code + " is not a node failure");
        };
    }
}
