package dev.agentflow.core.error;

/** {@code TEMPLATE_RENDER_ERROR}: a {{ }} template in the config could not be rendered (not retried). Step Functions error name: {@code dev.agentflow.core.error.TemplateRenderFailed}. */
public final class TemplateRenderFailed extends NodeFailure {

    /** @param message a sentence for the user; never a secret */
    public TemplateRenderFailed(String message, Throwable cause) {
        super(ErrorCode.TEMPLATE_RENDER_ERROR, message, cause);
    }
}
