package dev.agentflow.core.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * The node types the compiler knows (ARCHITECTURE.md node table; seed 000 §2.1).
 *
 * <p>{@link #functionPlaceholder()} names the node Lambda a Task state of this type invokes, as a
 * {@code ${…}} placeholder that the saver substitutes (CloudFormation DefinitionSubstitutions style);
 * null for types compiled to native states only. Adding a type (switch, loop, wait, approval, …) means
 * a constant here, its config rules in the validator and one case in the compiler's node emitter.
 */
public enum NodeType {
    START("start", null),
    END("end", NodeFunctions.TRANSFORM),
    LLM("llm", NodeFunctions.LLM),
    HTTP("http", NodeFunctions.HTTP),
    TEMPLATE("template", NodeFunctions.TRANSFORM),
    VARIABLE("variable", NodeFunctions.TRANSFORM),
    CONDITION("condition", NodeFunctions.TRANSFORM);

    private final String wireName;
    private final String functionPlaceholder;

    NodeType(String wireName, String functionPlaceholder) {
        this.wireName = wireName;
        this.functionPlaceholder = functionPlaceholder;
    }

    /** The {@code type} string in the editor's JSON, e.g. {@code "llm"}. */
    public String wireName() {
        return wireName;
    }

    /**
     * The function-ARN placeholder, e.g. {@code NodeLlmFunctionArn}, used as {@code ${NodeLlmFunctionArn}}.
     * END and CONDITION use it only when their config cannot be compiled to native states.
     */
    public String functionPlaceholder() {
        return functionPlaceholder;
    }

    /** The type for a wire name, or empty when unknown. */
    public static Optional<NodeType> fromWire(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}
