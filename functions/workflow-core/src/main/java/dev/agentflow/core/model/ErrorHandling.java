package dev.agentflow.core.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a node's failure does (seed 001 §6.2 settings.errorHandling).
 * STOP fails the execution; CONTINUE records the failure and runs the node's successors anyway;
 * FALLBACK records it and takes only the node's edges whose {@code sourceHandle} is {@code "error"}.
 */
public enum ErrorHandling {
    STOP, CONTINUE, FALLBACK;

    /** The wire name, lower case. */
    public String wireName() {
        return name().toLowerCase();
    }

    /** Parses a wire name ({@code stop | continue | fallback}); empty when unknown. */
    public static Optional<ErrorHandling> fromWire(String s) {
        return Arrays.stream(values()).filter(v -> v.wireName().equals(s)).findFirst();
    }
}
