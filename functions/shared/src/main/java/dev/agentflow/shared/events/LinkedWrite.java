package dev.agentflow.shared.events;

import java.util.function.BooleanSupplier;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * A conditional write that belongs with an execution event (the node record that a {@code node_completed}
 * reports, the execution record that {@code execution:started} opens). {@link EventPublisher#publishWith} and
 * {@link EventPublisher#createAndPublish} store both in one {@code TransactWriteItems} where the publisher can
 * (DynamoDB API Reference: TransactWriteItems — all or nothing; a refused condition is reported per item as
 * {@code CancellationReasons[i].Code = ConditionalCheckFailed}), and one after the other otherwise.
 */
public interface LinkedWrite {

    /**
     * @return the write as a transaction item, or null when it cannot join a DynamoDB transaction (then only
     *     {@link #applyAlone()} is used)
     */
    TransactWriteItem item();

    /**
     * Performs the write on its own.
     *
     * @return false when its condition refused it (nothing written)
     */
    boolean applyAlone();

    /** A write that never joins a transaction. */
    static LinkedWrite alone(BooleanSupplier write) {
        return new LinkedWrite() {
            @Override
            public TransactWriteItem item() {
                return null;
            }

            @Override
            public boolean applyAlone() {
                return write.getAsBoolean();
            }
        };
    }

    /** A write that joins transactions as {@code item}, and alone is {@code alone}. */
    static LinkedWrite of(TransactWriteItem item, BooleanSupplier alone) {
        return new LinkedWrite() {
            @Override
            public TransactWriteItem item() {
                return item;
            }

            @Override
            public boolean applyAlone() {
                return alone.getAsBoolean();
            }
        };
    }
}
