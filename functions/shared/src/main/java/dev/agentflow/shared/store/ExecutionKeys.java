package dev.agentflow.shared.store;

/**
 * Key layout of the executions table (single table per execution; see functions/shared/README.md).
 * Partition key {@code pk} = {@code EXEC#<executionId>}; sort key {@code sk} says what the item is.
 */
public final class ExecutionKeys {

    /** Partition key attribute. */
    public static final String PK = "pk";
    /** Sort key attribute. */
    public static final String SK = "sk";
    /** TTL attribute: epoch seconds after which DynamoDB deletes the item. */
    public static final String EXPIRES_AT = "expiresAt";
    /** Discriminator attribute: node, event, output, output-chunk, execution. */
    public static final String ENTITY = "entity";

    /** Sort key of the execution summary item (written by the API / status functions). */
    public static final String EXECUTION_SK = "EXECUTION";
    /** Sort key prefix of the stored events ({@link #eventSk}). */
    public static final String EVENT_SK_PREFIX = "EVENT#";

    private ExecutionKeys() {
    }

    /** {@code EXEC#<executionId>}. */
    public static String executionPk(String executionId) {
        return "EXEC#" + executionId;
    }

    /** {@code NODE#<nodeId>}: the node's state record. */
    public static String nodeSk(String nodeId) {
        return "NODE#" + nodeId;
    }

    /** {@code EVENT#<seq, 10 digits>}: one published event, sorted by sequence number. */
    public static String eventSk(long seq) {
        String digits = Long.toString(seq);
        if (seq < 0 || digits.length() >= 10) {
            return String.format(EVENT_SK_PREFIX + "%010d", seq);
        }
        return EVENT_SK_PREFIX + "0".repeat(10 - digits.length()) + digits;
    }

    /** {@code OUTPUT#<nodeId>}: manifest of a node output stored aside. */
    public static String outputSk(String nodeId) {
        return "OUTPUT#" + nodeId;
    }

    /** {@code OUTPUT_CHUNK#<nodeId>#<index, 5 digits>}: one chunk of a node output stored aside. */
    public static String outputChunkSk(String nodeId, int index) {
        return String.format("OUTPUT_CHUNK#%s#%05d", nodeId, index);
    }
}
