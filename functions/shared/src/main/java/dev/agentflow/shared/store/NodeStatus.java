package dev.agentflow.shared.store;

import java.util.Locale;

/** A node's state in an execution (seed 000 REQ-101-5); {@code skipped} is written by the status function. */
public enum NodeStatus {
    RUNNING, COMPLETED, FAILED, SKIPPED;

    /** The lower-case wire form, e.g. {@code "running"}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status for a wire form. @throws IllegalArgumentException when unknown */
    public static NodeStatus fromWire(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
