package dev.agentflow.core.template;

import dev.agentflow.core.error.ErrorCode;

/**
 * A {@code {{ }}} template could not be rendered: bad syntax, or a reference to something that does not
 * exist (an unknown reference is an error, never an empty string; ARCHITECTURE.md). Its
 * {@link #errorCode()} is {@code TEMPLATE_RENDER_ERROR}.
 */
public final class TemplateException extends RuntimeException {

    private final String reference;

    /**
     * @param message   a sentence naming the problem
     * @param reference the unknown reference (e.g. {@code node_2.output.city}), or null
     */
    public TemplateException(String message, String reference) {
        super(message);
        this.reference = reference;
    }

    /** The unknown reference, or null for a syntax or other rendering error. */
    public String reference() {
        return reference;
    }

    /** Always {@code TEMPLATE_RENDER_ERROR}: the Step Functions error name a handler fails with. */
    public String errorCode() {
        return ErrorCode.TEMPLATE_RENDER_ERROR.name();
    }
}
