package dev.agentflow.shared.events;

/** Execution event types pushed to WebSocket subscribers and stored (seed 000 §2.3, REQ-301). */
public enum EventType {
    EXECUTION_STARTED("execution:started"),
    NODE_STARTED("execution:node_started"),
    NODE_OUTPUT("execution:node_output"),
    NODE_COMPLETED("execution:node_completed"),
    NODE_FAILED("execution:node_failed"),
    EXECUTION_COMPLETED("execution:completed"),
    EXECUTION_FAILED("execution:failed"),
    EXECUTION_CANCELLED("execution:cancelled"),
    LOG("execution:log");

    private final String wire;

    EventType(String wire) {
        this.wire = wire;
    }

    /** The wire name, e.g. {@code execution:node_started}. */
    public String wire() {
        return wire;
    }
}
