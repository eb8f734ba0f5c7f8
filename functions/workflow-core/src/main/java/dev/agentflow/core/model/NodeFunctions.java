package dev.agentflow.core.model;

import java.util.List;

/**
 * The node Lambda functions, one per node family (ARCHITECTURE.md: least privilege per family), named by
 * the definition-substitution keys the compiled ASL carries ({@code ${NodeLlmFunctionArn}} …).
 * template.yaml declares a function for each; the saver maps each key to that function's ARN.
 */
public final class NodeFunctions {

    /** The LLM node: the only function allowed to decrypt users' API keys. */
    public static final String LLM = "NodeLlmFunctionArn";
    /** The HTTP node: the only function that reaches arbitrary URLs. */
    public static final String HTTP = "NodeHttpFunctionArn";
    /** template, variable, and condition/end configs that need evaluation outside native states. */
    public static final String TRANSFORM = "NodeTransformFunctionArn";

    /** Every substitution key, in a stable order. */
    public static final List<String> ALL = List.of(LLM, HTTP, TRANSFORM);

    private NodeFunctions() {
    }
}
