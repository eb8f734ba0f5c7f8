package dev.agentflow.shared.runs;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * An execution's status (seed 000 §5.2: pending, running, completed, failed, cancelled; plus
 * {@code timed_out} for Step Functions' TIMED_OUT).
 */
public enum ExecutionStatus {
    PENDING, RUNNING, COMPLETED, FAILED, CANCELLED, TIMED_OUT;

    /** The lower-case wire form, e.g. {@code "timed_out"}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the execution has ended. */
    public boolean terminal() {
        return this != PENDING && this != RUNNING;
    }

    /** The status for a wire form, or empty when unknown. */
    public static Optional<ExecutionStatus> fromWire(String wire) {
        return Arrays.stream(values()).filter(s -> s.wire().equals(wire)).findFirst();
    }

    /**
     * The terminal status for a Step Functions execution status (SUCCEEDED, FAILED, TIMED_OUT, ABORTED),
     * or empty for RUNNING and unknown values (Step Functions API reference, DescribeExecution "status").
     */
    public static Optional<ExecutionStatus> fromStepFunctions(String sfnStatus) {
        return Optional.ofNullable(switch (sfnStatus == null ? "" : sfnStatus) {
            case "SUCCEEDED" -> COMPLETED;
            case "FAILED" -> FAILED;
            case "TIMED_OUT" -> TIMED_OUT;
            case "ABORTED" -> CANCELLED;
            default -> null;
        });
    }
}
