package dev.agentflow.local.sfn.asl;

/**
 * A parsed and validated state machine definition.
 *
 * @param block the top-level states
 * @param timeoutSeconds the top-level TimeoutSeconds, or {@code null} (no limit)
 * @param comment the Comment, or {@code null}
 */
public record StateMachineDefinition(StatesBlock block, Integer timeoutSeconds, String comment) {}
